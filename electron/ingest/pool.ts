/**
 * Extraction pool: parsing runs in worker threads so the window never freezes, a file that hangs
 * is cut off after a timeout, and a reader that crashes (or runs out of memory) fails only its file.
 *
 * Workers start through worker-loader.mjs from a one-file bundle (dist/electron/ingest-worker.cjs
 * beside the bundle that holds this), compiled from V8's code cache after the first worker, so a
 * session's first import does not wait on compiling the readers' libraries. From source (tests,
 * CLI under `node --import tsx`), the worker is bundled the same way with esbuild when the pool
 * starts (or the bundle of an earlier run is reused when none of its inputs changed); if that is
 * not possible they fall back to worker-bootstrap.mjs, which registers tsx. The suggestion engine
 * is a second bundle of the same kind, loaded by a worker on its first suggestion.
 */
import type { BuildOptions, Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { CaseKnowledge, Suggestions } from '../suggest/types';
import type { ExtractOptions, ExtractedArticle, IngestErrorCode } from './types';

/** What duplicate detection needs of an article; computed in the worker so the main thread only stores. */
export interface ArticleFingerprint {
  contentHash: string;
  minhash: Uint32Array;
  bandKeys: string[];
}

export type ExtractResult =
  | {
      ok: true;
      articles: ExtractedArticle[];
      /** One per article, same order. */
      fingerprints: ArticleFingerprint[];
      /** Original file bytes, for provenance, and their sha256 (hex). */
      bytes: Uint8Array;
      sha256: string;
    }
  | { ok: false; error: { code: IngestErrorCode; message: string } };

export type SuggestResult = { ok: true; suggestions: Suggestions } | { ok: false; error: { code: IngestErrorCode; message: string } };

/**
 * The task kinds a worker runs: reading a file, and proposing suggestions for an article's text
 * (electron/suggest, with the case's knowledge). Both share the workers, their timeout and their
 * crash handling, so suggestion work never runs on the thread that serves the window.
 */
export type WorkerTask = { kind: 'extract'; path: string; options: ExtractOptions } | { kind: 'suggest'; label: string; text: string; knowledge: CaseKnowledge };
/** Messages between the pool and its workers. */
export type WorkerRequest = { id: number } & WorkerTask;
export type WorkerReply = { id: number } & (ExtractResult | SuggestResult);

export interface ExtractionPoolOptions {
  /** Worker threads; default cores − 1 (2 on a two-core machine), at least 1, at most 8. */
  size?: number;
  /** Per-file limit; the worker is terminated and replaced when a file takes longer. Default 60 s. */
  timeoutMs?: number;
  /** Passed to every extraction (size cap). */
  extractOptions?: Omit<ExtractOptions, 'fileDate'>;
  /** Heap limit per worker, so a pathological file kills its worker rather than the app. */
  resourceLimits?: ResourceLimits;
  /** Override the worker entry (tests use a fake worker that hangs or crashes on cue). */
  workerUrl?: URL;
}

export interface ExtractionPool {
  readonly size: number;
  /** Files the pool works on at once (each worker holds its next file): keep this many in flight. */
  readonly capacity: number;
  extract(path: string): Promise<ExtractResult>;
  /** Suggestions for one article's text (`label` names it in a failure). */
  suggest(label: string, text: string, knowledge: CaseKnowledge): Promise<SuggestResult>;
  /** Start every worker now (they load their libraries, ~1 s), so the first import does not wait. */
  warmUp(): void;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Memory per worker thread (MB of V8 heap): see createExtractionPool. */
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 448, maxYoungGenerationSizeMb: 64 };

export function defaultPoolSize(cores: number = availableParallelism()): number {
  // One core stays with the UI; but with two cores, two workers still beat one (reading waits on I/O too).
  if (cores === 2) return 2;
  return Math.min(8, Math.max(1, cores - 1));
}

interface Job {
  id: number;
  /** The file (or article) it works on, for failure messages. */
  path: string;
  task: WorkerTask;
  resolve: (result: ExtractResult | SuggestResult) => void;
}

interface Slot {
  worker: Worker;
  /** Sent to this worker, in order; the worker reads them one at a time, the first is running. */
  jobs: Job[];
  /** Times the running (first) job. */
  timer: NodeJS.Timeout | null;
}

/**
 * Files sent to each worker ahead of time: the next file is already waiting in the worker when
 * it finishes one, instead of after a round trip through a main thread that may be busy storing.
 */
const WORKER_QUEUE = 2;

interface WorkerEntry {
  url: URL;
  workerData?: unknown;
  /** Node flags for the worker (see workerFlags). */
  execArgv?: string[];
}

/** Where the worker lives, depending on whether this module runs from source or bundled. */
function workerEntry(): WorkerEntry | Promise<WorkerEntry> {
  const here = import.meta.url;
  const execArgv = workerFlags(process.execArgv);
  if (!/\.[cm]?ts$/.test(new URL(here).pathname)) {
    // Built: the one-file bundle through the code-cache loader, else the ES module bundle.
    const bundle = fileURLToPath(new URL('./ingest-worker.cjs', here));
    const suggestBundle = fileURLToPath(new URL('./suggest-worker.cjs', here));
    if (existsSync(bundle) && existsSync(suggestBundle)) return { url: new URL('./worker-loader.mjs', here), workerData: { bundle, suggestBundle }, execArgv };
    return { url: new URL('./ingest-worker.mjs', here), execArgv };
  }
  const viaTsx = { url: new URL('./worker-bootstrap.mjs', here), workerData: { entry: new URL('./worker.ts', here).href }, execArgv };
  sourceBundles ??= Promise.all([bundleFromSource(new URL('./worker.ts', here), 'ingest-worker'), bundleFromSource(new URL('../suggest/index.ts', here), 'suggest-worker')]);
  return sourceBundles.then(
    ([bundle, suggestBundle]) => ({ url: new URL('./worker-loader.mjs', here), workerData: { bundle, suggestBundle }, execArgv }),
    () => viaTsx,
  );
}

let sourceBundles: Promise<[string, string]> | null = null;

/**
 * Bundle the worker from source as `npm run build` does (WORKER_BUNDLE_OPTIONS: one CommonJS file
 * with its libraries inside, started through worker-loader.mjs with V8's code cache; the
 * suggestion engine a second such file) into node_modules/.cache, in a folder named by content
 * so concurrent test processes never clash. Under tsx's loader a worker takes about half a second
 * longer to start and runs slower (tsx rewrites ESM dependencies into getter-based CommonJS).
 */
async function bundleFromSource(entry: URL, name: 'ingest-worker' | 'suggest-worker'): Promise<string> {
  const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/parley/', entry));
  // The bundle of the previous run, when none of the files it was made from changed (esbuild
  // takes a second or more for the 10 MB of both bundles; checking their inputs, a few ms).
  const manifestPath = join(cacheDir, `${name}.inputs.json`);
  const reused = await reusableBundle(manifestPath);
  if (reused) return reused;
  const { build, version } = await import('esbuild');
  const output = await build({
    ...WORKER_BUNDLE_OPTIONS,
    entryPoints: [fileURLToPath(entry)],
    outfile: join(cacheDir, `${name}.cjs`),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const file = output.outputFiles![0]!;
  const digest = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
  const folder = join(cacheDir, `${name}-${digest}`);
  const path = join(folder, `${name}.cjs`);
  const exists = await stat(path).then(() => true, () => false);
  if (!exists) {
    const partial = `${folder}.${process.pid}.tmp`;
    await mkdir(partial, { recursive: true });
    await writeFile(join(partial, `${name}.cjs`), file.contents);
    // Another process may have finished the same folder first; theirs is identical.
    await rename(partial, folder).catch(() => rm(partial, { recursive: true, force: true }));
    await pruneOldBundles(cacheDir);
  }
  // What the bundle was made from: its inputs, their folders (a new file there may resolve
  // differently), this module (the bundle options) and esbuild's version.
  const inputs = Object.keys(output.metafile!.inputs).map((input) => resolve(input));
  const watched = [...new Set([...inputs, ...inputs.map((input) => dirname(input)), fileURLToPath(import.meta.url)])];
  const manifest: BundleManifest = { esbuild: version, bundle: path, files: await Promise.all(watched.map(async (watchedPath) => [watchedPath, await fingerprintOf(watchedPath)] as [string, string])) };
  const partialManifest = `${manifestPath}.${process.pid}.tmp`;
  await writeFile(partialManifest, JSON.stringify(manifest)).then(() => rename(partialManifest, manifestPath)).catch(() => rm(partialManifest, { force: true }));
  return path;
}

interface BundleManifest {
  esbuild: string;
  bundle: string;
  /** Path → size and modification time when the bundle was made. */
  files: [string, string][];
}

const fingerprintOf = (path: string) => stat(path).then((info) => `${info.size}:${info.mtimeMs}`, () => 'missing');

/** The manifest's bundle if it is still there and nothing it was made from changed; else null. */
async function reusableBundle(manifestPath: string): Promise<string | null> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BundleManifest;
    const { version } = await import('esbuild');
    if (manifest.esbuild !== version || !(await stat(manifest.bundle).then(() => true, () => false))) return null;
    const current = await Promise.all(manifest.files.map(([path]) => fingerprintOf(path)));
    return manifest.files.every(([, known], index) => current[index] === known) ? manifest.bundle : null;
  } catch {
    return null;
  }
}

/**
 * The suggestion engine (its NLP model and gazetteers, two thirds of the worker's code) is a
 * bundle of its own, loaded on the first suggestion: a worker that only reads files does not read,
 * hash and compile it at every start. worker.ts asks the loader for it (globalThis.parleyLoadSuggest).
 */
export const SUGGEST_APART: Plugin = {
  name: 'parley-suggest-apart',
  setup(build) {
    build.onResolve({ filter: /[\\/]suggest[\\/]index$/ }, (args) => (/[\\/]ingest[\\/]worker\.ts$/.test(args.importer) ? { path: args.path, external: true } : undefined));
  },
};

/**
 * How the worker is bundled, here and by electron/build.mjs: one CommonJS file, libraries inside
 * (so V8's code cache covers them), pdf.js left outside (an ES module, loaded when a PDF comes),
 * the suggestion engine apart (SUGGEST_APART).
 */
export const WORKER_BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['pdfjs-dist', 'pdfjs-dist/*', 'canvas', '@napi-rs/canvas', 'esbuild'],
  define: { 'import.meta.url': '__parleyModuleUrl' },
  banner: { js: 'var __parleyModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [SUGGEST_APART],
};

/** Bundles of older sources, left by earlier runs; a day's grace for processes still starting from them. */
async function pruneOldBundles(cacheDir: string): Promise<void> {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of await readdir(cacheDir).catch(() => [])) {
    if (!/^(ingest|suggest)-worker-[0-9a-f]{16}(\.mjs|\.\d+\.tmp)?$/.test(name)) continue;
    const path = join(cacheDir, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < dayAgo) await rm(path, { recursive: true, force: true });
  }
}

/**
 * The parent's Node flags that a worker accepts and should share. Module loaders are left out (a
 * plain-JavaScript worker must not start tsx, ~0.7 s), and so are per-process V8 flags such as
 * `--max-old-space-size` or `--expose-gc`: a worker given one refuses to start, which would fail
 * every file of an import run as `node --max-old-space-size=8192 parley.mjs import ...`.
 */
export function workerFlags(flags: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    if (WORKER_FLAGS.test(flag)) kept.push(flag);
    else if ((flag === '--conditions' || flag === '-C') && flags[i + 1] !== undefined) kept.push(flag, flags[++i]!);
    else if (/^(--(import|require|loader|experimental-loader)|-r)$/.test(flag)) i++; // and its value
  }
  return kept;
}

const WORKER_FLAGS = /^--(enable-source-maps|no-warnings|no-deprecation|trace-warnings|trace-deprecation|trace-uncaught|unhandled-rejections=[a-z-]+|conditions=.+)$/;

export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Young-generation room: parsing a page makes many short-lived DOM objects, and with the default
  // semi-space the worker spends about a fifth of its time in scavenges. The old generation is
  // capped so that one hostile file (a huge DOCX, a PDF of millions of objects) costs its worker,
  // a few hundred MB at most, and fails with that reason, instead of taking the machine's memory.
  const resourceLimits = options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS;
  const memoryLimitMb = (resourceLimits.maxOldGenerationSizeMb ?? 0) + (resourceLimits.maxYoungGenerationSizeMb ?? 0);
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  let warm = false;
  let entry: WorkerEntry | null = null;
  const spawnAll = () => {
    while (!closed && entry && slots.length < size) slots.push(spawn(entry));
  };
  void Promise.resolve(options.workerUrl ? { url: options.workerUrl } : workerEntry()).then((resolved) => {
    entry = resolved;
    if (warm) spawnAll();
    pump();
  });
  const warmUp = () => {
    warm = true;
    spawnAll();
  };

  const spawn = (from: WorkerEntry): Slot => {
    const worker = new Worker(from.url, { workerData: from.workerData, execArgv: from.execArgv, resourceLimits, stdout: false, stderr: false });
    const slot: Slot = { worker, jobs: [], timer: null };
    worker.on('message', (reply: WorkerReply) => {
      const index = slot.jobs.findIndex((job) => job.id === reply.id);
      if (index < 0) return;
      const [job] = slot.jobs.splice(index, 1);
      const { id: _id, ...result } = reply;
      void _id;
      if (index === 0) startTimer(slot);
      job!.resolve(result as ExtractResult | SuggestResult);
      pump();
    });
    // An uncaught exception or out-of-memory in the worker: fail its file, start a fresh worker.
    worker.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fail(slot, 'too_complex', (name) => `${name} needs more memory to read than one file may take (${memoryLimitMb} MB); it was skipped`);
      } else fail(slot, 'unreadable', (name) => `${name}: the reader crashed on this file: ${error.message}`);
    });
    worker.on('exit', (code) => fail(slot, 'unreadable', (name) => `${name}: the reader stopped unexpectedly (exit code ${code})`));
    return slot;
  };

  const startTimer = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.jobs.length === 0) return;
    slot.timer = setTimeout(() => {
      slot.timer = null;
      fail(slot, 'timeout', (name) => `${name} took longer than ${formatDuration(timeoutMs)} to read and was skipped`);
    }, timeoutMs);
  };

  const replace = (slot: Slot) => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    slot.worker.removeAllListeners('message');
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
  };

  /** The running file fails; files queued behind it in that worker go back to the pool's queue. */
  const fail = (slot: Slot, code: 'unreadable' | 'timeout' | 'too_complex', describe: (fileName: string) => string) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const [job, ...waiting] = slot.jobs.splice(0);
    replace(slot);
    queue.unshift(...waiting);
    job?.resolve({ ok: false, error: { code, message: describe(baseName(job.path)) } });
    pump();
  };

  const pump = () => {
    while (!closed && entry && queue.length > 0) {
      // An idle worker first, then a new one, then a busy worker with room in its queue.
      let slot = slots.find((s) => s.jobs.length === 0);
      if (!slot && slots.length < size) {
        slot = spawn(entry);
        slots.push(slot);
      }
      slot ??= slots.find((s) => s.jobs.length < WORKER_QUEUE);
      if (!slot) return;
      const job = queue.shift()!;
      slot.jobs.push(job);
      if (slot.jobs.length === 1) startTimer(slot);
      const request: WorkerRequest = { id: job.id, ...job.task };
      slot.worker.postMessage(request);
    }
  };

  const run = <R extends ExtractResult | SuggestResult>(path: string, task: WorkerTask): Promise<R> => {
    if (closed) return Promise.reject(new Error('extraction pool is closed'));
    return new Promise<R>((resolve) => {
      queue.push({ id: nextId++, path, task, resolve: resolve as (result: ExtractResult | SuggestResult) => void });
      pump();
    });
  };
  const extract = (path: string) => run<ExtractResult>(path, { kind: 'extract', path, options: { ...options.extractOptions } });
  const suggest = (label: string, text: string, knowledge: CaseKnowledge) => run<SuggestResult>(label, { kind: 'suggest', label, text, knowledge });

  const close = async () => {
    closed = true;
    for (const job of queue.splice(0)) {
      job.resolve({ ok: false, error: { code: 'unreadable', message: `${baseName(job.path)}: the import was closed before this file was read` } });
    }
    await Promise.all(
      slots.splice(0).map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.worker.removeAllListeners();
        slot.worker.on('error', () => {});
        for (const job of slot.jobs.splice(0)) {
          job.resolve({ ok: false, error: { code: 'unreadable', message: `${baseName(job.path)}: the import was closed while reading` } });
        }
        await slot.worker.terminate();
      }),
    );
  };

  return { size, capacity: size * WORKER_QUEUE, extract, suggest, warmUp, close };
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
