/**
 * Browser-printed PDF benchmark (opt-in: `npm run bench -- --only printed-pdf`, it needs
 * /usr/bin/chromium and a few minutes). Prints the first pages of the article-extraction corpus to
 * PDF with Chromium, as an analyst's "Save as PDF" does, with the browser's header and footer
 * (print time and title; address and page count), then reads each PDF with Parley and scores the
 * body with the published metric against the page's ground truth. Also counts how often a
 * publication date and the address were found.
 */
import { extractBuffer } from '../../electron/ingest/index';
import { aggregateScores, scoreBody, type ShingleCounts } from './extraction-benchmark';
import { corpusTruth, forEachRenderedPage } from './rendered-pages';

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
  const truth = corpusTruth(corpusDir);
  const scores: ShingleCounts[] = [];
  let withDate = 0;
  let withUrl = 0;
  let readMs = 0;
  const small = 'font-size:8px;width:100%;display:flex;justify-content:space-between;padding:0 10mm';
  const rendered = await forEachRenderedPage(corpusDir, limit, async (id, page) => {
    const address = (truth[id]?.url ?? '').replace(/[<>&"]/g, '');
    const pdf = await Promise.race([
      page.pdf({
        format: 'A4',
        displayHeaderFooter: true,
        headerTemplate: `<div style="${small}"><span class="date"></span><span class="title"></span><span></span></div>`,
        footerTemplate: `<div style="${small}"><span>${address}</span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`,
        margin: { top: '14mm', bottom: '14mm' },
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('print timed out')), 20_000)),
    ]);
    const started = performance.now();
    const article = await extractBuffer(new Uint8Array(pdf), `${id}.pdf`).then(([first]) => first, () => undefined);
    readMs += performance.now() - started;
    scores.push(scoreBody(truth[id]?.articleBody ?? '', article?.text ?? ''));
    if (article?.publishedAt) withDate++;
    if (article?.url) withUrl++;
  });
  if (!rendered) return { skipped: 'no /usr/bin/chromium to print with' };
  const score = aggregateScores(scores);
  return {
    pages: scores.length,
    printFailures: rendered.failures,
    precision: round3(score.precision),
    recall: round3(score.recall),
    f1: round3(score.f1),
    withDate,
    withUrl,
    msPerPdf: Math.round(readMs / Math.max(1, scores.length)),
  };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
