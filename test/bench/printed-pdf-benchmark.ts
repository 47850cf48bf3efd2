/**
 * Browser-printed PDF benchmark (opt-in: `npm run bench -- --only printed-pdf`, it needs
 * /usr/bin/chromium and a few minutes). Prints the first pages of the article-extraction corpus to
 * PDF with Chromium, as an analyst's "Save as PDF" does (JavaScript off, nothing fetched), with the
 * browser's header and footer (print time and title; address and page count), then reads each PDF
 * with Parley and scores the body with the published metric against the page's ground truth.
 * Also counts how often a publication date and the address were found.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractBuffer } from '../../electron/ingest/index';
import { aggregateScores, scoreBody, type ShingleCounts } from './extraction-benchmark';

export interface PrintedPdfBenchmarkResult {
  pages: number;
  printFailures: number;
  precision: number;
  recall: number;
  f1: number;
  withDate: number;
  withUrl: number;
  msPerPdf: number;
}

export async function runPrintedPdfBenchmark(corpusDir: string, limit = 60): Promise<PrintedPdfBenchmarkResult | { skipped: string }> {
  if (!existsSync('/usr/bin/chromium')) return { skipped: 'no /usr/bin/chromium to print with' };
  const { chromium } = await import('playwright-core');
  const truth = JSON.parse(readFileSync(join(corpusDir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  const ids = readdirSync(join(corpusDir, 'html')).filter((name) => name.endsWith('.html.gz')).sort().slice(0, limit).map((name) => name.replace(/\.html\.gz$/, ''));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
  const scores: ShingleCounts[] = [];
  let printFailures = 0;
  let withDate = 0;
  let withUrl = 0;
  let readMs = 0;
  try {
    for (const id of ids) {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      let pdf: Buffer;
      try {
        await page.route('**/*', (route) => (route.request().resourceType() === 'document' ? route.continue() : route.abort()));
        const html = gunzipSync(readFileSync(join(corpusDir, 'html', `${id}.html.gz`))).toString('utf8');
        await page.setContent(html, { waitUntil: 'domcontentloaded', timeout: 15_000 });
        const small = 'font-size:8px;width:100%;display:flex;justify-content:space-between;padding:0 10mm';
        const address = (truth[id]?.url ?? '').replace(/[<>&"]/g, '');
        pdf = await Promise.race([
          page.pdf({
            format: 'A4',
            displayHeaderFooter: true,
            headerTemplate: `<div style="${small}"><span class="date"></span><span class="title"></span><span></span></div>`,
            footerTemplate: `<div style="${small}"><span>${address}</span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`,
            margin: { top: '14mm', bottom: '14mm' },
          }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('print timed out')), 20_000)),
        ]);
      } catch {
        printFailures++;
        continue;
      } finally {
        await context.close().catch(() => {});
      }
      const started = performance.now();
      try {
        const [article] = await extractBuffer(new Uint8Array(pdf), `${id}.pdf`);
        readMs += performance.now() - started;
        scores.push(scoreBody(truth[id]?.articleBody ?? '', article?.text ?? ''));
        if (article?.publishedAt) withDate++;
        if (article?.url) withUrl++;
      } catch {
        scores.push(scoreBody(truth[id]?.articleBody ?? '', ''));
      }
    }
  } finally {
    await browser.close();
  }
  const score = aggregateScores(scores);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  return {
    pages: scores.length,
    printFailures,
    precision: round3(score.precision),
    recall: round3(score.recall),
    f1: round3(score.f1),
    withDate,
    withUrl,
    msPerPdf: Math.round(readMs / Math.max(1, scores.length)),
  };
}
