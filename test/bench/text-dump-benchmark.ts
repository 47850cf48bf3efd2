/**
 * Text-dump benchmark (opt-in: `npm run bench -- --only text-dump`, it needs /usr/bin/chromium).
 * Renders the first pages of the article-extraction corpus in Chromium and takes each page's text
 * as an analyst's select-all and copy would (`innerText`), then reads each dump with Parley's text
 * reader and scores the body with the published metric.
 */
import { readText } from '../../electron/ingest/text-dump';
import { aggregateScores, scoreBody, type ShingleCounts } from './extraction-benchmark';
import { readFileSync } from 'node:fs';
import { fieldMatches, GOLD_PATH } from './metadata-benchmark';
import { corpusTruth, forEachRenderedPage } from './rendered-pages';

export interface TextDumpBenchmarkResult {
  pages: number;
  renderFailures: number;
  precision: number;
  recall: number;
  f1: number;
  withTitle: number;
  withDate: number;
  /** Title, author and date right on the rendered pages that are in the metadata gold set. */
  metadata: { pages: number; title: number; author: number; date: number };
}

export async function runTextDumpBenchmark(corpusDir: string, limit = 60): Promise<TextDumpBenchmarkResult | { skipped: string }> {
  const truth = corpusTruth(corpusDir);
  const scores: ShingleCounts[] = [];
  let withTitle = 0;
  let withDate = 0;
  const gold = (JSON.parse(readFileSync(GOLD_PATH, 'utf8')) as { pages: Record<string, Parameters<typeof fieldMatches>[1]> }).pages;
  const fields = { title: [0, 0], author: [0, 0], date: [0, 0] } as Record<'title' | 'author' | 'date', [number, number]>;
  let goldPages = 0;
  const rendered = await forEachRenderedPage(corpusDir, limit, async (id, page) => {
    const dump = String(await page.evaluate('document.body ? document.body.innerText : ""'));
    const article = readText(dump, `${id}.txt`);
    scores.push(scoreBody(truth[id]?.articleBody ?? '', article.text));
    if (article.title) withTitle++;
    if (article.publishedAt) withDate++;
    const expected = gold[id];
    if (expected) {
      goldPages++;
      const got = { title: article.title, author: article.byline, date: article.publishedAt, outlet: article.outlet };
      for (const field of ['title', 'author', 'date'] as const) {
        const match = fieldMatches(field, expected, got);
        if (match === undefined) continue;
        fields[field][1]++;
        if (match) fields[field][0]++;
      }
    }
  });
  if (!rendered) return { skipped: 'no /usr/bin/chromium to render with' };
  const score = aggregateScores(scores);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  const share = ([right, scored]: [number, number]) => (scored ? round3(right / scored) : 0);
  return {
    pages: scores.length,
    renderFailures: rendered.failures,
    precision: round3(score.precision),
    recall: round3(score.recall),
    f1: round3(score.f1),
    withTitle,
    withDate,
    metadata: { pages: goldPages, title: share(fields.title), author: share(fields.author), date: share(fields.date) },
  };
}
