/**
 * Body-extraction benchmark: runs Parley's HTML reader over the public article-extraction
 * benchmark (181 news pages with human-checked bodies) and scores it the way the public table
 * does, so that the figure is computed by Parley's own code.
 *
 * Metric: words are `\w+` (Unicode, as Python's `re`), every run of 4 consecutive words is a
 * shingle, shingles are compared as multisets per page; precision and recall are averaged over
 * pages and F1 is computed from the two averages.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeText } from '../../electron/ingest/decode';
import { readHtml } from '../../electron/ingest/html/index';
import { IngestError } from '../../electron/ingest/types';

export interface ShingleCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Figures published for this corpus (README of the benchmark). */
export const PUBLISHED_FIGURES = {
  rs_trafilatura: { f1: 0.97, precision: 0.951, recall: 0.99 },
  zyte_autoextract: { f1: 0.97, precision: 0.984, recall: 0.956 },
  trafilatura: { f1: 0.958, precision: 0.938, recall: 0.978 },
  readability_js: { f1: 0.947, precision: 0.914, recall: 0.982 },
} as const;

// Python's `re` \w on str patterns: letters (L*), numbers (N*: isdecimal/isdigit/isnumeric) and '_'.
// Combining marks (Mn/Mc) are not word characters there, so they are not here either.
const WORD = /[\p{L}\p{N}_]+/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Multiset of 4-word shingles; a text shorter than 4 words is one shingle of all its words. */
export function shingles(text: string, size = 4): Map<string, number> {
  const tokens = words(text);
  const counts = new Map<string, number>();
  if (tokens.length === 0) return counts;
  if (tokens.length < size) {
    counts.set(tokens.join('\u0000'), 1);
    return counts;
  }
  for (let i = 0; i + size <= tokens.length; i++) {
    const key = tokens.slice(i, i + size).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Shingles found in both texts (tp), only in the prediction (fp), only in the truth (fn). */
export function scoreBody(truth: string, predicted: string): ShingleCounts {
  const expected = shingles(truth);
  const got = shingles(predicted);
  let tp = 0;
  let predictedTotal = 0;
  let truthTotal = 0;
  for (const count of expected.values()) truthTotal += count;
  for (const [key, count] of got) {
    predictedTotal += count;
    tp += Math.min(count, expected.get(key) ?? 0);
  }
  return { tp, fp: predictedTotal - tp, fn: truthTotal - tp };
}

/** Per-page precision and recall with the reference script's edge cases (empty vs empty = 1). */
export function pageScore({ tp, fp, fn }: ShingleCounts): { precision: number; recall: number } {
  if (tp + fp + fn === 0) return { precision: 1, recall: 1 };
  return {
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    recall: tp + fn > 0 ? tp / (tp + fn) : 0,
  };
}

export interface AggregateScore {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Macro-averaged P and R over pages, F1 from the averages (as the public table). */
export function aggregateScores(pages: ShingleCounts[]): AggregateScore {
  if (pages.length === 0) return { pages: 0, precision: 0, recall: 0, f1: 0 };
  let precision = 0;
  let recall = 0;
  for (const page of pages) {
    const score = pageScore(page);
    precision += score.precision;
    recall += score.recall;
  }
  precision /= pages.length;
  recall /= pages.length;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { pages: pages.length, precision, recall, f1 };
}

type BodyMap = Record<string, { articleBody?: string; text?: string } | string | undefined>;

function bodyOf(value: BodyMap[string]): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value.articleBody ?? value.text ?? '';
}

/** Score a whole set of predictions against the truth, as `score-body.py GOLD PRED` does. */
export function scoreOutputs(truth: BodyMap, predicted: BodyMap): AggregateScore {
  return aggregateScores(Object.keys(truth).map((id) => scoreBody(bodyOf(truth[id]), bodyOf(predicted[id]))));
}

export function loadBodies(path: string): BodyMap {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { output?: BodyMap } & BodyMap;
  return (parsed.output as BodyMap | undefined) ?? parsed;
}

export interface PageResult extends ShingleCounts {
  id: string;
  precision: number;
  recall: number;
  ms: number;
  error: string | null;
}

export interface BenchmarkResult extends AggregateScore {
  msPerPage: number;
  errors: number;
  reference: typeof PUBLISHED_FIGURES;
  perPage?: PageResult[];
}

/**
 * Run Parley's HTML reader over the benchmark folder and score it.
 * Returns null (and says why) when the corpus is not there, e.g. in a fresh clone.
 */
export async function runExtractionBenchmark(
  corpusDir: string,
  { keepPages = false }: { keepPages?: boolean } = {},
): Promise<BenchmarkResult | null> {
  const truthPath = join(corpusDir, 'ground-truth.json');
  const htmlDir = join(corpusDir, 'html');
  if (!existsSync(truthPath) || !existsSync(htmlDir)) {
    console.warn(`extraction benchmark skipped: no corpus at ${corpusDir}`);
    return null;
  }
  const truth = loadBodies(truthPath);
  const available = new Set(readdirSync(htmlDir));
  const results: PageResult[] = [];
  let totalMs = 0;
  for (const id of Object.keys(truth)) {
    const file = `${id}.html.gz`;
    let predicted = '';
    let error: string | null = null;
    let ms = 0;
    if (available.has(file)) {
      const bytes = gunzipSync(readFileSync(join(htmlDir, file)));
      const started = performance.now();
      try {
        const html = decodeText(bytes, { sniffHtmlMeta: true, fileName: file });
        predicted = readHtml(html, file).text;
      } catch (caught) {
        error = caught instanceof IngestError ? caught.code : String(caught);
      }
      ms = performance.now() - started;
      totalMs += ms;
    } else {
      error = 'missing_page';
    }
    const counts = scoreBody(bodyOf(truth[id]), predicted);
    results.push({ id, ...counts, ...pageScore(counts), ms, error });
  }
  const aggregate = aggregateScores(results);
  return {
    ...aggregate,
    msPerPage: results.length ? totalMs / results.length : 0,
    errors: results.filter((result) => result.error !== null).length,
    reference: PUBLISHED_FIGURES,
    ...(keepPages ? { perPage: results } : {}),
  };
}

export const DEFAULT_CORPUS_DIR = new URL('../../../shared/corpora/article-extraction-benchmark', import.meta.url)
  .pathname;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const corpusDir = process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? DEFAULT_CORPUS_DIR;
  const verbose = process.argv.includes('--pages');
  const result = await runExtractionBenchmark(corpusDir, { keepPages: verbose });
  if (result === null) process.exitCode = 0;
  else {
    const round = (value: number) => Math.round(value * 1000) / 1000;
    const { perPage, ...summary } = result;
    console.log(
      JSON.stringify(
        {
          ...summary,
          precision: round(summary.precision),
          recall: round(summary.recall),
          f1: round(summary.f1),
          msPerPage: Math.round(summary.msPerPage * 10) / 10,
        },
        null,
        2,
      ),
    );
    if (perPage) {
      for (const page of [...perPage].sort((a, b) => a.precision + a.recall - b.precision - b.recall).slice(0, 40)) {
        console.log(
          `${page.id.slice(0, 12)} P=${page.precision.toFixed(3)} R=${page.recall.toFixed(3)} fp=${page.fp} fn=${page.fn}${page.error ? ` ${page.error}` : ''}`,
        );
      }
    }
  }
}
