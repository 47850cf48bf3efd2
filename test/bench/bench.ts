/**
 * `npm run bench [-- --size 1k|10k|100k] [--hub-scale 0.25] [--only extraction,metadata,import,search,grid,report,suggest,hub,analysis,timeline,printed-pdf,text-dump]`: every speed and quality
 * figure of Parley, each beside its floor or reference, measured side by side in one run. Prints one
 * JSON object, then a short human summary on stderr.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CORPUS_DIR, runExtractionBenchmark } from './extraction-benchmark';
import { runSearchBenchmark } from './search-benchmark';

const SIZES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '100k': 100_000 };

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const sizeLabel = argument('--size') ?? '10k';
const size = SIZES[sizeLabel];
if (!size) {
  console.error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  process.exit(2);
}
const only = new Set((argument('--only') ?? 'extraction,metadata,import,search,grid,report,suggest,hub,analysis,timeline').split(','));
const corpusDir = typeof DEFAULT_CORPUS_DIR === 'string' ? DEFAULT_CORPUS_DIR : fileURLToPath(DEFAULT_CORPUS_DIR);
const corpusPresent = existsSync(corpusDir);
const summary: string[] = [];
const report: Record<string, unknown> = { size: sizeLabel, node: process.version, cpus: (await import('node:os')).availableParallelism() };

if (only.has('extraction')) {
  if (!corpusPresent) {
    report.extraction = { skipped: `corpus not found at ${corpusDir}` };
  } else {
    const result = await runExtractionBenchmark(corpusDir);
    if (result) {
      const { perPage: _perPage, ...figures } = result;
      report.extraction = figures;
      summary.push(`extraction F1 ${result.f1.toFixed(3)} (P ${result.precision.toFixed(3)}, R ${result.recall.toFixed(3)}) vs readability.js 0.947, rs_trafilatura 0.970`);
    }
  }
}

if (only.has('metadata')) {
  if (!corpusPresent) report.metadata = { skipped: `corpus not found at ${corpusDir}` };
  else {
    const { runMetadataBenchmark } = await import('./metadata-benchmark');
    const result = await runMetadataBenchmark(corpusDir);
    report.metadata = result;
    const figures = (s: { title: number; author: number; date: number; outlet: number }) => `title ${s.title}, author ${s.author}, date ${s.date}, outlet ${s.outlet}`;
    summary.push(`metadata on ${result.pages} gold pages: ${figures(result.parley)} (metascraper: ${'skipped' in result.reference ? result.reference.skipped : figures(result.reference)})`);
  }
}

if (only.has('import')) {
  if (!corpusPresent) report.import = { skipped: `corpus not found at ${corpusDir}` };
  else {
    const { runImportBenchmark } = await import('./import-benchmark');
    const result = await runImportBenchmark({ corpusDir });
    report.import = result;
    if (result) {
      summary.push(
        `import ${result.articlesPerSecond.toFixed(0)} articles/s end to end, workers running (floor: parse + insert on one thread ${result.floorPerSecond.toFixed(0)}/s; ` +
          `first import of a session ${result.coldArticlesPerSecond.toFixed(0)}/s (target ≥${result.coldTargetPerSecond}/s) with ${result.workerStartMs} ms worker start; ${result.files * 5} pages from cold ${result.sessionArticlesPerSecond.toFixed(0)}/s)`,
      );
    }
  }
}

if (only.has('search')) {
  const result = await runSearchBenchmark(size);
  report.search = result;
  summary.push(
    `search over ${size} articles, ${String(result.annotations)} annotations: contract p95 ${String(result.contractAllP95Ms)} ms ` +
      `(raw FTS5 articles+annotations ranked with snippets ${String(result.rawBothRankedSnippetsP95Ms)} ms; every match ranked ${String(result.contractRankAllP95Ms)} ms) ` +
      `(articles only ${String(result.contractDocumentsP95Ms)} ms, newest first ${String(result.contractNewestP95Ms)} ms) beside raw FTS5 p95 ` +
      `ranked+snippets ${String(result.rawRankedSnippetsP95Ms)} ms, ranked ${String(result.rawRankedP95Ms)} ms, unranked ${String(result.rawUnrankedP95Ms)} ms; ` +
      `open ${String(result.openMs)} ms, peak RSS ${String(result.peakRssMb)} MB`,
  );
}

if (only.has('grid')) {
  const gridModule = './grid-benchmark';
  try {
    const { runGridBenchmark } = (await import(gridModule)) as { runGridBenchmark(size: number): Promise<Record<string, unknown> & { summary?: string }> };
    const result = await runGridBenchmark(size);
    report.grid = result;
    if (result.summary) summary.push(result.summary);
  } catch (error) {
    report.grid = { skipped: (error as Error).message.split('\n')[0] };
  }
}

if (only.has('report')) {
  try {
    const { runReportBenchmark } = await import('./report-benchmark');
    const result = await runReportBenchmark();
    report.report = result;
    summary.push(`report over ${result.articles} articles / ${result.annotations} annotations: PDF ${result.pdfMs} ms (${result.pdfKb} KB), Word ${result.docxMs} ms, HTML ${result.htmlMs} ms`);
  } catch (error) {
    report.report = { skipped: (error as Error).message.split('\n')[0] };
  }
}

if (only.has('suggest')) {
  const { runSuggestBenchmark, summarise } = await import('./suggest-benchmark');
  const result = await runSuggestBenchmark();
  report.suggest = result;
  summary.push(...summarise(result));
  // The product's pipeline: worker pool, case knowledge, pending rows; a 1,000-article case beside its import.
  const { runSuggestPipelineBenchmark, summarisePipeline } = await import('./suggest-pipeline-benchmark');
  const pipeline = await runSuggestPipelineBenchmark();
  report.suggestPipeline = pipeline;
  summary.push(...summarisePipeline(pipeline));
}

if (only.has('hub')) {
  const { runHubBenchmark } = await import('./hub-benchmark');
  // `--hub-scale 0.25`: a quarter of the desk and of the first-sync case, for a loaded machine.
  const scale = Number(argument('--hub-scale') ?? 1);
  const { summary: line, ...result } = await runHubBenchmark(
    scale === 1 ? {} : { operationsPerAnalyst: Math.round(10_000 * scale), firstSyncOperations: Math.round(100_000 * scale) },
  );
  if (scale !== 1) result.scale = scale;
  report.hub = result;
  if (typeof line === 'string') summary.push(line);
  else summary.push(`hub: ${String(result.skipped)}`);
}

if (only.has('analysis')) {
  const { runAnalysisBenchmark } = await import('./analysis-benchmark');
  const result = await runAnalysisBenchmark();
  report.analysis = result;
  summary.push(
    `stance matrix ${result.parties}×${result.concessions} (${result.stanceEntries} stance entries): computed ${result.matrixComputeMs} ms (target ≤ ${result.matrixComputeTargetMs}; raw history read ${result.stanceHistoryReadFloorMs} ms), ` +
      `as-of redraw p95 ${result.asOfRedrawP95Ms} ms (target ≤ ${result.asOfRedrawTargetMs}); plan diff of two 30-point versions p95 ${result.planDiffP95Ms} ms (target ≤ ${result.planDiffTargetMs}; word diff alone ${result.planWordDiffFloorMs} ms)`,
  );
}

if (only.has('timeline')) {
  const { runTimelineBenchmark } = await import('./timeline-benchmark');
  const result = await runTimelineBenchmark();
  report.timeline = result;
  if (!('skipped' in result)) {
    summary.push(
      `timeline of ${result.events} events panned in Chromium: frames p95 ${result.pan.p95Ms} ms (target ≤ ${result.targetP95Ms}), ${result.pan.overOneFrame}/${result.pan.frames} over 16.7 ms, ${result.pan.dropped} over 25 ms; ` +
        `the empty chart panned the same way: p95 ${result.emptyChartPan.p95Ms} ms, ${result.emptyChartPan.overOneFrame}/${result.emptyChartPan.frames} over 16.7 ms, ${result.emptyChartPan.dropped} over 25 ms ` +
        `(idle page: p95 ${result.idleFloor.p95Ms} ms; load average ${result.loadAverage}); first draw ${result.firstDrawMs} ms`,
    );
  } else summary.push(`timeline: ${result.skipped}`);
}

// Opt-in (Chromium prints each page, a few minutes): `--only printed-pdf`.
if (only.has('printed-pdf')) {
  if (!corpusPresent) report.printedPdf = { skipped: `corpus not found at ${corpusDir}` };
  else {
    const { runPrintedPdfBenchmark } = await import('./printed-pdf-benchmark');
    const result = await runPrintedPdfBenchmark(corpusDir);
    report.printedPdf = result;
    if ('f1' in result) {
      summary.push(`browser-printed PDFs of ${result.pages} corpus pages: F1 ${result.f1} (P ${result.precision}, R ${result.recall}); date found ${result.withDate}, address ${result.withUrl}`);
    }
  }
}

// Opt-in (Chromium renders each page): `--only text-dump`.
if (only.has('text-dump')) {
  if (!corpusPresent) report.textDump = { skipped: `corpus not found at ${corpusDir}` };
  else {
    const { runTextDumpBenchmark } = await import('./text-dump-benchmark');
    const result = await runTextDumpBenchmark(corpusDir);
    report.textDump = result;
    if ('f1' in result) {
      summary.push(
        `text copied out of ${result.pages} rendered corpus pages: F1 ${result.f1} (P ${result.precision}, R ${result.recall}); date found ${result.withDate}; ` +
          `on ${result.metadata.pages} gold pages title ${result.metadata.title}, author ${result.metadata.author}, date ${result.metadata.date}`,
      );
    }
  }
}

report.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(report, null, 2));
console.error(`\n${summary.map((line) => `• ${line}`).join('\n')}\n• peak memory ${report.peakRssMb} MB`);
