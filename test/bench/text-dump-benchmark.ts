/**
 * Text-dump benchmark (opt-in: `npm run bench -- --only text-dump`, it needs /usr/bin/chromium).
 * Renders the first pages of the article-extraction corpus in Chromium and takes each page's text
 * as an analyst's select-all and copy would (`innerText`), then reads each dump with Parley's text
 * reader and scores the body with the published metric.
 */
import { readText } from '../../electron/ingest/text-dump';
import { aggregateScores, scoreBody, type ShingleCounts } from './extraction-benchmark';
import { corpusTruth, forEachRenderedPage } from './rendered-pages';

export interface TextDumpBenchmarkResult {
  pages: number;
  renderFailures: number;
  precision: number;
  recall: number;
  f1: number;
  withTitle: number;
  withDate: number;
}

export async function runTextDumpBenchmark(corpusDir: string, limit = 60): Promise<TextDumpBenchmarkResult | { skipped: string }> {
  const truth = corpusTruth(corpusDir);
  const scores: ShingleCounts[] = [];
  let withTitle = 0;
  let withDate = 0;
  const rendered = await forEachRenderedPage(corpusDir, limit, async (id, page) => {
    const dump = String(await page.evaluate('document.body ? document.body.innerText : ""'));
    const article = readText(dump, `${id}.txt`);
    scores.push(scoreBody(truth[id]?.articleBody ?? '', article.text));
    if (article.title) withTitle++;
    if (article.publishedAt) withDate++;
  });
  if (!rendered) return { skipped: 'no /usr/bin/chromium to render with' };
  const score = aggregateScores(scores);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  return { pages: scores.length, renderFailures: rendered.failures, precision: round3(score.precision), recall: round3(score.recall), f1: round3(score.f1), withTitle, withDate };
}
