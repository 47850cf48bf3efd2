/**
 * Text-dump benchmark (opt-in: `npm run bench -- --only text-dump`, it needs /usr/bin/chromium).
 * Renders the first pages of the article-extraction corpus in Chromium (JavaScript off, nothing
 * fetched) and takes the page's text as an analyst's select-all and copy would (`innerText`),
 * then reads each dump with Parley's text reader and scores the body with the published metric.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readText } from '../../electron/ingest/text';
import { aggregateScores, scoreBody, type ShingleCounts } from './extraction-benchmark';

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
  if (!existsSync('/usr/bin/chromium')) return { skipped: 'no /usr/bin/chromium to render with' };
  const { chromium } = await import('playwright-core');
  const truth = JSON.parse(readFileSync(join(corpusDir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string }>;
  const ids = readdirSync(join(corpusDir, 'html')).filter((name) => name.endsWith('.html.gz')).sort().slice(0, limit).map((name) => name.replace(/\.html\.gz$/, ''));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
  const scores: ShingleCounts[] = [];
  let renderFailures = 0;
  let withTitle = 0;
  let withDate = 0;
  try {
    for (const id of ids) {
      const context = await browser.newContext({ javaScriptEnabled: false });
      let dump: string;
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => (route.request().resourceType() === 'document' ? route.continue() : route.abort()));
        await page.setContent(gunzipSync(readFileSync(join(corpusDir, 'html', `${id}.html.gz`))).toString('utf8'), { waitUntil: 'domcontentloaded', timeout: 15_000 });
        dump = String(await page.evaluate('document.body ? document.body.innerText : ""'));
      } catch {
        renderFailures++;
        continue;
      } finally {
        await context.close().catch(() => {});
      }
      const article = readText(dump, `${id}.txt`);
      scores.push(scoreBody(truth[id]?.articleBody ?? '', article.text));
      if (article.title) withTitle++;
      if (article.publishedAt) withDate++;
    }
  } finally {
    await browser.close();
  }
  const score = aggregateScores(scores);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  return { pages: scores.length, renderFailures, precision: round3(score.precision), recall: round3(score.recall), f1: round3(score.f1), withTitle, withDate };
}
