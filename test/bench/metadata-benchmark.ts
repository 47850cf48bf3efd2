/**
 * Metadata benchmark: title, author, date and outlet as Parley's HTML reader extracts them from the
 * public article-extraction corpus, scored against a hand-made gold set (metadata-gold.json: what a
 * reader sees on each page, pages referenced by file), beside metascraper, the library link
 * previews are built with, run on the same pages in the same run.
 *
 * Scoring: a title matches when its letters and digits equal the gold's; authors when the set of
 * names is the gold's (no person on the page: nothing extracted); a date when its day is the gold's
 * or one day off (a UTC stamp of a page that shows its local day); an outlet when it is one of the
 * gold's display names. A field missing from a gold entry is not scored for that page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeText } from '../../electron/ingest/decode';
import { readHtml } from '../../electron/ingest/html/index';

export interface GoldPage {
  file: string;
  url: string;
  title: string;
  author?: string | null;
  date?: string | null;
  outlet?: string[];
}

export interface Extracted {
  title: string | null;
  author: string | null;
  date: string | null;
  outlet: string | null;
}

type Field = 'title' | 'author' | 'date' | 'outlet';
const FIELDS: Field[] = ['title', 'author', 'date', 'outlet'];

export const GOLD_PATH = new URL('./metadata-gold.json', import.meta.url);

const key = (text: string) => text.normalize('NFKC').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');

function names(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(/\s*(?:,|;|&|\band\b)\s*/)
    .map(key)
    .filter(Boolean)
    .sort();
}

function day(value: string | null): number | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000 : null;
}

/** Whether one extracted field matches the gold; undefined when the gold does not score it. */
export function fieldMatches(field: Field, gold: GoldPage, got: Extracted): boolean | undefined {
  switch (field) {
    case 'title':
      return key(got.title ?? '') === key(gold.title);
    case 'author': {
      if (gold.author === undefined) return undefined;
      const want = names(gold.author);
      const have = names(got.author);
      return want.length === have.length && want.every((name, i) => name === have[i]);
    }
    case 'date': {
      if (gold.date === undefined) return undefined;
      const want = day(gold.date);
      const have = day(got.date);
      if (want === null || have === null) return want === have;
      return Math.abs(want - have) <= 1;
    }
    case 'outlet':
      return gold.outlet === undefined ? undefined : gold.outlet.some((name) => key(name) === key(got.outlet ?? ''));
  }
}

export interface FieldScores {
  title: number;
  author: number;
  date: number;
  outlet: number;
}

function score(pages: [GoldPage, Extracted][]): { scores: FieldScores; misses: Record<Field, string[]> } {
  const scores = {} as FieldScores;
  const misses = { title: [], author: [], date: [], outlet: [] } as Record<Field, string[]>;
  for (const field of FIELDS) {
    let scored = 0;
    let right = 0;
    for (const [gold, got] of pages) {
      const match = fieldMatches(field, gold, got);
      if (match === undefined) continue;
      scored++;
      if (match) right++;
      else misses[field].push(`${gold.file.slice(5, 13)} want ${JSON.stringify(field === 'title' ? gold.title : field === 'outlet' ? gold.outlet?.[0] : gold[field])} got ${JSON.stringify(got[field])}`);
    }
    scores[field] = scored ? Number((right / scored).toFixed(3)) : 0;
  }
  return { scores, misses };
}

export interface MetadataBenchmark {
  pages: number;
  parley: FieldScores;
  /** Null when the reference library is not installed (it is optional: see loadReference). */
  reference: (FieldScores & { library: string }) | { library: string; skipped: string };
  misses?: Record<Field, string[]>;
}

/** Run Parley and the reference over every gold page. `withMisses` lists Parley's misses. */
export async function runMetadataBenchmark(corpusDir: string, withMisses = false): Promise<MetadataBenchmark> {
  const gold = (JSON.parse(readFileSync(GOLD_PATH, 'utf8')) as { pages: Record<string, GoldPage> }).pages;
  const reference = await loadReference();
  const ours: [GoldPage, Extracted][] = [];
  const theirs: [GoldPage, Extracted][] = [];
  for (const page of Object.values(gold)) {
    const html = decodeText(gunzipSync(readFileSync(join(corpusDir, page.file))));
    const fileName = page.file.split('/').pop()!.replace(/\.gz$/, '');
    try {
      const article = readHtml(html, fileName);
      ours.push([page, { title: article.title, author: article.byline, date: article.publishedAt, outlet: article.outlet }]);
    } catch {
      ours.push([page, { title: null, author: null, date: null, outlet: null }]);
    }
    if (reference) theirs.push([page, await reference(html, page.url)]);
  }
  const parley = score(ours);
  return {
    pages: ours.length,
    parley: parley.scores,
    reference: reference
      ? { library: 'metascraper 5 (title, author, date, publisher rules)', ...score(theirs).scores }
      : { library: 'metascraper 5', skipped: `not installed; for the side-by-side figure: npm install --no-save ${REFERENCE_PACKAGES.join(' ')}` },
    ...(withMisses ? { misses: parley.misses } : {}),
  };
}

/**
 * The reference: metascraper, the library link previews use. Optional, not a devDependency: it pulls
 * in re2, a native module whose install downloads from GitHub or compiles C++, which a clean,
 * offline CI machine cannot be asked to do. Installed with --no-save, the bench prints it beside ours.
 */
const REFERENCE_PACKAGES = ['metascraper', 'metascraper-title', 'metascraper-author', 'metascraper-date', 'metascraper-publisher'];
type Rule = () => unknown;

async function loadReference(): Promise<((html: string, url: string) => Promise<Extracted>) | null> {
  let modules: { default: unknown }[];
  try {
    // Specifiers in a variable: neither the type checker nor the bundler needs them present.
    modules = (await Promise.all(REFERENCE_PACKAGES.map((name) => import(name)))) as { default: unknown }[];
  } catch {
    return null;
  }
  const [create, ...rules] = modules.map((module) => module.default) as [(rules: unknown[]) => (input: { html: string; url: string }) => Promise<unknown>, ...Rule[]];
  const scrape = create(rules.map((rule) => rule()));
  return async (html, url) => {
    const found = (await scrape({ html, url })) as Record<string, string | null | undefined>;
    return { title: found.title ?? null, author: found.author ?? null, date: found.date ?? null, outlet: found.publisher ?? null };
  };
}

// `node --import tsx test/bench/metadata-benchmark.ts [corpus]`: the figures and Parley's misses.
if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = process.argv[2] ?? new URL('../../../shared/corpora/article-extraction-benchmark', import.meta.url).pathname;
  console.log(JSON.stringify(await runMetadataBenchmark(corpus, true), null, 1));
}
