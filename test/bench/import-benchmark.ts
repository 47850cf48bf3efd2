/**
 * Import throughput benchmark: how many real news pages per second Parley imports end to end
 * (read, decode, extract, clean, sanitise, MinHash in the worker pool; duplicate lookup and the
 * store with its full-text index on the main thread), beside a floor that only reads, decodes
 * and parses each page with linkedom and stores the same rows, on one thread.
 *
 * Three figures, because an analyst meets all three:
 * - articlesPerSecond (the headline): the pool already running, as in the app once a case is
 *   open (it starts its workers then) and after its first files; median of several imports of the
 *   folder, each into a fresh case.
 * - coldArticlesPerSecond: the first import of a session, in a fresh process, workers starting
 *   inside it (the CLI's case, and the app's when an import begins before the workers are up).
 * - sessionArticlesPerSecond: a cold pool importing the folder five times into fresh cases, i.e.
 *   a 905-page import with start-up and warm-up included.
 *
 * Corpus: the article-extraction benchmark's 181 pages (html/*.html.gz), gunzipped once into a
 * temporary folder that is removed afterwards; nothing is copied into the project.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { decodeText } from '../../electron/ingest/decode';
import { readHtmlWith } from '../../electron/ingest/html/index';
import { normaliseSpace } from '../../electron/ingest/html/dom';
import { candidateKeys, contentHash, signature } from '../../electron/ingest/near-duplicate';
import { createExtractionPool, defaultPoolSize } from '../../electron/ingest/pool';
import { createService, type ParleyService as Service } from '../../electron/service/service';
import type { NewDocument } from '../../electron/store/document-repository';
import { Store } from '../../electron/store/index';

export interface ImportBenchmarkOptions {
  corpusDir: string;
  /** Worker threads for the import (default: the app's default pool size). */
  workers?: number;
  /** Measured imports per figure; the median is reported (default 5). */
  rounds?: number;
}

export interface ImportBenchmarkResult {
  files: number;
  /** Headline: articles per second end to end with the worker pool running (median round). */
  articlesPerSecond: number;
  /** Read + decode + linkedom parse + store the page text, on one thread. */
  floorPerSecond: number;
  /** Wall-clock milliseconds per article at the headline rate. */
  msPerArticle: number;
  /** The first import of a session, worker start-up included (median round). */
  coldArticlesPerSecond: number;
  /** What the first import of a session should reach on two cores (issue 10). */
  coldTargetPerSecond: number;
  /** Five imports of the folder by a pool started cold: 5 × files articles, everything included. */
  sessionArticlesPerSecond: number;
  /** Peak resident set of this process, worker threads included. */
  peakRssMb: number;
  /** Single-thread profile of the same pipeline: mean milliseconds per article for each stage. */
  perStageMs?: Record<string, number>;
  workers: number;
  /** From starting the pool until every worker has read one small page (module loading). */
  workerStartMs: number;
  imported: number;
  errors: number;
  roundsPerSecond: number[];
  coldRoundsPerSecond: number[];
}

export const COLD_TARGET_PER_SECOND = 150;

/** Run the benchmark; null (and a message saying why) when the corpus is not there. */
export async function runImportBenchmark(options: ImportBenchmarkOptions): Promise<ImportBenchmarkResult | null> {
  const htmlDir = join(options.corpusDir, 'html');
  const pages = existsSync(htmlDir) ? readdirSync(htmlDir).filter((name) => name.endsWith('.html.gz')).sort() : [];
  if (pages.length === 0) {
    console.warn(`import benchmark skipped: no *.html.gz pages in ${htmlDir}`);
    return null;
  }
  const workers = options.workers ?? defaultPoolSize();
  const rounds = Math.max(1, options.rounds ?? 5);
  const scratch = mkdtempSync(join(tmpdir(), 'parley-import-bench-'));
  let caseNumber = 0;
  const freshCase = (service: Service) => service.session.create(join(scratch, `case-${caseNumber++}.parley`));
  try {
    const folder = join(scratch, 'pages');
    mkdirSync(folder);
    const files = pages.map((name) => {
      const path = join(folder, name.replace(/\.gz$/, ''));
      writeFileSync(path, gunzipSync(readFileSync(join(htmlDir, name))));
      return path;
    });

    const floorPerSecond = await measureFloor(files, join(scratch, 'floor.parley'));
    const workerStartMs = await measureWorkerStart(workers, scratch);

    // Import alone (suggestions after import are timed beside it in suggest-pipeline-benchmark.ts).
    // Cold: a fresh process per round, as at a launch of the app (the workers' code cache, written
    // by an earlier session, is there; nothing is compiled or warmed in the process yet); the pool
    // starts inside importPaths.
    const coldRoundsPerSecond: number[] = [];
    for (let round = 0; round < Math.min(rounds, 3); round++) {
      coldRoundsPerSecond.push(await coldRoundInChild(folder, join(scratch, `cold-${round}.parley`), workers));
    }

    // Session: one cold service, the folder five times over.
    let sessionArticlesPerSecond = 0;
    {
      const service = createService({ importWorkers: workers, suggestOnImport: false });
      try {
        let articles = 0;
        const started = performance.now();
        for (let round = 0; round < 5; round++) {
          freshCase(service);
          articles += (await service.imports.importPaths([folder])).length;
        }
        sessionArticlesPerSecond = articles / ((performance.now() - started) / 1000);
      } finally {
        await service.dispose();
      }
    }

    // Warm: the pool running, as in the app once a case is open; one import first, not counted.
    const roundsPerSecond: number[] = [];
    let imported = 0;
    let errors = 0;
    {
      const service = createService({ importWorkers: workers, suggestOnImport: false });
      try {
        freshCase(service);
        await service.imports.importPaths([folder]);
        for (let round = 0; round < rounds; round++) {
          freshCase(service);
          const { perSecond, results } = await timedImport(service, folder);
          roundsPerSecond.push(perSecond);
          imported = results.filter((result) => result.status === 'imported').length;
          errors = results.filter((result) => result.status === 'error').length;
        }
      } finally {
        await service.dispose();
      }
    }
    const articlesPerSecond = median(roundsPerSecond);
    const perStageMs = await profileStages(files, join(scratch, 'profile.parley'));
    return {
      files: files.length,
      articlesPerSecond: round1(articlesPerSecond),
      floorPerSecond: round1(floorPerSecond),
      msPerArticle: round2(1000 / articlesPerSecond),
      coldArticlesPerSecond: round1(median(coldRoundsPerSecond)),
      coldTargetPerSecond: COLD_TARGET_PER_SECOND,
      sessionArticlesPerSecond: round1(sessionArticlesPerSecond),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      perStageMs,
      workers,
      workerStartMs: Math.round(workerStartMs),
      imported,
      errors,
      roundsPerSecond: roundsPerSecond.map(round1),
      coldRoundsPerSecond: coldRoundsPerSecond.map(round1),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One cold import in a new Node process (this module with --cold-round); articles per second. */
function coldRoundInChild(folder: string, casePath: string, workers: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--cold-round', folder, casePath, String(workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const perSecond = Number(/^cold (\S+)$/m.exec(output)?.[1]);
      if (code === 0 && Number.isFinite(perSecond)) resolve(perSecond);
      else reject(new Error(`cold import round failed (exit code ${code}): ${output.slice(-500)}`));
    });
  });
}

async function timedImport(service: Service, folder: string) {
  const started = performance.now();
  const results = await service.imports.importPaths([folder]);
  return { results, perSecond: results.length / ((performance.now() - started) / 1000) };
}

/** One thread: read, decode, parse with linkedom, store the page's plain text (FTS trigger included). */
async function measureFloor(files: string[], casePath: string): Promise<number> {
  const store = Store.create(casePath);
  try {
    const started = performance.now();
    for (const file of files) {
      const bytes = readFileSync(file);
      const html = decodeText(bytes, { sniffHtmlMeta: true, fileName: basename(file) });
      const { document } = parseHTML(html);
      const text = normaliseSpace(document.body?.textContent ?? '');
      store.documents.insertImported(
        { fileName: basename(file), sha256: createHash('sha256').update(bytes).digest('hex'), bytes },
        [plainDocument(file, text)],
      );
    }
    return files.length / ((performance.now() - started) / 1000);
  } finally {
    store.close();
  }
}

function plainDocument(file: string, text: string): NewDocument {
  return {
    title: null,
    byline: null,
    outlet: null,
    publishedAt: null,
    publishedPrecision: null,
    url: null,
    language: null,
    format: 'html',
    label: basename(file),
    sourcePath: file,
    text,
    html: null,
    contentHash: contentHash(text),
    minhash: null,
    bandKeys: [],
    nearDuplicateOf: null,
  };
}

/** Pool start-up alone: every worker loads the readers and reads one small page. */
async function measureWorkerStart(workers: number, scratch: string): Promise<number> {
  const page = join(scratch, 'start.html');
  writeFileSync(page, '<!doctype html><html><head><title>Start</title></head><body><article><p>A short page that loads the HTML reader.</p></article></body></html>');
  const started = performance.now();
  const pool = createExtractionPool({ size: workers });
  try {
    await Promise.all(Array.from({ length: workers }, () => pool.extract(page)));
    return performance.now() - started;
  } finally {
    await pool.close();
  }
}

/** The same pipeline on this thread with a timer per stage; mean milliseconds per article. */
async function profileStages(files: string[], casePath: string): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const add = (stage: string, since: number) => {
    const at = performance.now();
    timings[stage] = (timings[stage] ?? 0) + (at - since);
    return at;
  };
  const store = Store.create(casePath);
  try {
    // Two passes, the first to warm up the JIT; only the second is counted.
    for (const pass of [0, 1]) {
      for (const key of Object.keys(timings)) delete timings[key];
      for (const file of files) {
        let at = performance.now();
        const bytes = readFileSync(file);
        const html = decodeText(bytes, { sniffHtmlMeta: true, fileName: basename(file) });
        at = add('read+decode', at);
        let article;
        try {
          article = readHtmlWith(html, basename(file), {}, { timings });
        } catch {
          continue;
        }
        at = performance.now();
        const minhash = signature(article.text);
        const bandKeys = candidateKeys(minhash);
        at = add('minhash', at);
        if (pass === 1) {
          store.documents.insertImported(
            { fileName: basename(file), sha256: createHash('sha256').update(bytes).digest('hex'), bytes },
            [{ ...plainDocument(file, article.text), html: article.html, minhash: new Uint8Array(minhash.buffer), bandKeys }],
          );
          add('store', at);
        }
      }
    }
  } finally {
    store.close();
  }
  return Object.fromEntries(Object.entries(timings).map(([stage, ms]) => [stage, round2(ms / files.length)]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

export const DEFAULT_CORPUS_DIR = new URL('../../../shared/corpora/article-extraction-benchmark', import.meta.url).pathname;

const coldRound = process.argv.indexOf('--cold-round');
if (coldRound > 0 && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [folder, casePath, workers] = process.argv.slice(coldRound + 1);
  const service = createService({ importWorkers: Number(workers), suggestOnImport: false });
  try {
    service.session.create(casePath!);
    console.log(`cold ${(await timedImport(service, folder!)).perSecond}`);
  } finally {
    await service.dispose();
  }
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const corpusDir = process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? DEFAULT_CORPUS_DIR;
  const workersArg = process.argv.find((arg) => arg.startsWith('--workers='));
  const roundsArg = process.argv.find((arg) => arg.startsWith('--rounds='));
  const result = await runImportBenchmark({
    corpusDir,
    ...(workersArg ? { workers: Number(workersArg.split('=')[1]) } : {}),
    ...(roundsArg ? { rounds: Number(roundsArg.split('=')[1]) } : {}),
  });
  if (result) console.log(JSON.stringify(result, null, 2));
}
