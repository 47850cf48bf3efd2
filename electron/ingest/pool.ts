/**
 * Extraction pool: parsing runs in worker threads so the window never freezes, a file that hangs
 * is cut off after a timeout, and a reader that crashes (or runs out of memory) fails only its file.
 *
 * Runs from source under tsx (workers start from worker-bootstrap.mjs, which registers tsx) and
 * bundled (workers start from dist/electron/ingest-worker.mjs beside the bundle that holds this).
 */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ExtractOptions, ExtractedArticle, IngestErrorCode } from './types';

export type ExtractResult =
  | { ok: true; articles: ExtractedArticle[]; /** original file bytes, for provenance */ bytes: Uint8Array }
  | { ok: false; error: { code: IngestErrorCode; message: string } };

/** Messages between the pool and its workers. */
export interface WorkerRequest {
  id: number;
  path: string;
  options: ExtractOptions;
}
export type WorkerReply = { id: number } & ExtractResult;

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

export interface ExtractManyOptions {
  signal?: AbortSignal;
  onResult?: (path: string, result: ExtractResult, done: number, total: number) => void;
}

export interface ExtractManySummary {
  total: number;
  done: number;
  /** True when the signal aborted before every file was started. */
  aborted: boolean;
}

export interface ExtractionPool {
  readonly size: number;
  extract(path: string): Promise<ExtractResult>;
  extractMany(paths: readonly string[], options?: ExtractManyOptions): Promise<ExtractManySummary>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export function defaultPoolSize(cores: number = availableParallelism()): number {
  // One core stays with the UI; but with two cores, two workers still beat one (reading waits on I/O too).
  if (cores === 2) return 2;
  return Math.min(8, Math.max(1, cores - 1));
}

interface Job {
  id: number;
  path: string;
  resolve: (result: ExtractResult) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** Where the worker lives, depending on whether this module runs from source or bundled. */
function workerEntry(): { url: URL; workerData?: unknown } {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    return { url: new URL('./worker-bootstrap.mjs', here), workerData: { entry: new URL('./worker.ts', here).href } };
  }
  return { url: new URL('./ingest-worker.mjs', here) };
}

export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const entry = options.workerUrl ? { url: options.workerUrl } : workerEntry();
  const resourceLimits = options.resourceLimits ?? { maxOldGenerationSizeMb: 2048 };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(entry.url, { workerData: entry.workerData, resourceLimits, stdout: false, stderr: false });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      const { id: _id, ...result } = reply;
      void _id;
      finish(slot, result as ExtractResult);
    });
    // An uncaught exception or out-of-memory in the worker: fail its file, start a fresh worker.
    worker.on('error', (error) => fail(slot, `the reader crashed on this file: ${error.message}`));
    worker.on('exit', (code) => fail(slot, `the reader stopped unexpectedly (exit code ${code})`));
    return slot;
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

  const fail = (slot: Slot, message: string) => {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    replace(slot);
    job?.resolve({ ok: false, error: { code: 'unreadable', message: `${baseName(job.path)}: ${message}` } });
    pump();
  };

  const finish = (slot: Slot, result: ExtractResult) => {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    job?.resolve(result);
    pump();
  };

  const pump = () => {
    while (!closed && queue.length > 0) {
      let slot = slots.find((s) => s.job === null);
      if (!slot && slots.length < size) {
        slot = spawn();
        slots.push(slot);
      }
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      const running = slot;
      running.timer = setTimeout(() => {
        running.timer = null;
        running.job = null;
        replace(running);
        job.resolve({
          ok: false,
          error: { code: 'timeout', message: `${baseName(job.path)} took longer than ${formatDuration(timeoutMs)} to read and was skipped` },
        });
        pump();
      }, timeoutMs);
      const request: WorkerRequest = { id: job.id, path: job.path, options: { ...options.extractOptions } };
      running.worker.postMessage(request);
    }
  };

  const extract = (path: string): Promise<ExtractResult> => {
    if (closed) return Promise.reject(new Error('extraction pool is closed'));
    return new Promise<ExtractResult>((resolve) => {
      queue.push({ id: nextId++, path, resolve });
      pump();
    });
  };

  const extractMany = async (paths: readonly string[], many: ExtractManyOptions = {}): Promise<ExtractManySummary> => {
    const total = paths.length;
    let done = 0;
    let started = 0;
    const lane = async () => {
      while (started < total && !many.signal?.aborted && !closed) {
        const path = paths[started++]!;
        const result = await extract(path);
        done++;
        many.onResult?.(path, result, done, total);
      }
    };
    // Bounded: at most `size` files in flight, so an abort stops new files promptly.
    await Promise.all(Array.from({ length: Math.min(size, total) }, lane));
    return { total, done, aborted: started < total };
  };

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
        slot.job?.resolve({ ok: false, error: { code: 'unreadable', message: `${baseName(slot.job.path)}: the import was closed while reading` } });
        await slot.worker.terminate();
      }),
    );
  };

  return { size, extract, extractMany, close };
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
