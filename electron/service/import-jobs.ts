/**
 * Batch import: files are parsed in worker threads (the pool), then stored on this thread, each
 * file's articles all or nothing (a savepoint, with their audit rows) inside one transaction per
 * few files (STORE_GROUP), which spares most of the commit's cost (the full-text index is written
 * at commit). Cancelling stops new files from starting; files already stored stay, and no file is
 * ever half-stored.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { ParleyError } from '../../shared/errors';
import type { ImportFileResult, ImportFileStatus, ImportProgress } from '../../shared/model/import';
import { listImportableFiles, type ExtractedArticle } from '../ingest/index';
import { estimateSimilarity } from '../ingest/near-duplicate';
import { createExtractionPool, type ArticleFingerprint, type ExtractResult, type ExtractionPool } from '../ingest/pool';
import type { NewDocument } from '../store/document-repository';
import type { CaseSession } from './case-session';

/** Jaccard similarity (estimated by MinHash) above which two articles are the same story. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** Files stored in one transaction at most, and how long the first of them may wait for the others. */
export const STORE_GROUP = 8;
const STORE_WAIT_MS = 25;

interface PendingStore {
  file: string;
  result: Extract<ExtractResult, { ok: true }>;
  resolve: (results: ImportFileResult[]) => void;
}

export interface BatchOptions {
  signal?: AbortSignal;
  onResult?: (results: ImportFileResult[], done: number, total: number, file: string) => void;
  onStart?: (file: string) => void;
}

interface Job {
  progress: ImportProgress;
  controller: AbortController;
  lastEmit: number;
}

export class ImportJobs {
  private pool: ExtractionPool | null = null;
  private readonly jobs = new Map<string, Job>();
  /** Extracted files waiting to be stored together (see storeSoon). */
  private pending: PendingStore[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  /** Told of the documents each file added (the service queues their suggestions). */
  onImported: ((documentIds: string[]) => void) | null = null;

  constructor(
    private readonly session: CaseSession,
    private readonly options: { workers?: number | undefined } = {},
  ) {}

  /** Start a background job over files and folders; progress arrives as `import:progressed` events. */
  start(paths: string[]): string {
    this.session.writable();
    const jobId = randomUUID();
    const job: Job = {
      controller: new AbortController(),
      lastEmit: 0,
      progress: {
        jobId,
        state: 'running',
        total: 0,
        done: 0,
        currentFile: null,
        rate: 0,
        counts: { imported: 0, duplicate: 0, skipped: 0, error: 0 },
        results: [],
        startedAt: new Date().toISOString(),
        finishedAt: null,
      },
    };
    this.jobs.set(jobId, job);
    void this.runJob(job, paths);
    return jobId;
  }

  status(jobId: string): ImportProgress {
    const job = this.jobs.get(jobId);
    if (!job) throw new ParleyError('not_found', 'No such import job');
    return job.progress;
  }

  cancel(jobId: string): ImportProgress {
    const job = this.jobs.get(jobId);
    if (!job) throw new ParleyError('not_found', 'No such import job');
    job.controller.abort();
    return job.progress;
  }

  /** Import files and folders and return every per-article result (the CLI and the jobs use this). */
  async importPaths(paths: string[], options: BatchOptions = {}): Promise<ImportFileResult[]> {
    this.session.writable();
    // Workers start (loading their readers) while the folder is listed.
    const pool = this.extractionPool();
    pool.warmUp();
    const { files, skipped } = await listImportableFiles(paths);
    const results: ImportFileResult[] = [];
    const total = skipped.length + files.length;
    let done = 0;
    // What the folder held but Parley did not open is listed first, each with its reason.
    for (const entry of skipped) {
      const result: ImportFileResult = { file: entry.path, label: basename(entry.path), status: 'skipped', error: { code: entry.code, message: entry.reason } };
      results.push(result);
      done++;
      options.onResult?.([result], done, total, entry.path);
    }
    let next = 0;
    const worker = async () => {
      while (next < files.length && !options.signal?.aborted) {
        const file = files[next++]!;
        options.onStart?.(file);
        const fileResults = await this.importOne(pool, file);
        results.push(...fileResults);
        done++;
        options.onResult?.(fileResults, done, total, file);
      }
    };
    // Keep every worker thread busy with its next file waiting, and files enough on their way to the store to fill a group.
    await Promise.all(Array.from({ length: Math.min(files.length, pool.capacity + STORE_GROUP) }, worker));
    return results;
  }

  /** Browser mode: one uploaded file, imported at once. */
  async importUpload(name: string, bytes: Buffer, lastModified?: number): Promise<ImportFileResult[]> {
    this.session.writable();
    const safeName = safeUploadName(name);
    const dir = await mkdtemp(join(tmpdir(), 'parley-upload-'));
    const path = join(dir, safeName);
    try {
      await writeFile(path, bytes);
      if (lastModified) await utimes(path, new Date(lastModified), new Date(lastModified));
      const results = await this.importOne(this.extractionPool(), path);
      return results.map((result) => ({ ...result, file: name }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async dispose(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    this.flush();
    await this.pool?.close();
    this.pool = null;
  }

  /** Start the parsing workers ahead of the first import (the app does this when a case opens). */
  warmUp(): void {
    this.extractionPool().warmUp();
  }

  /** The worker pool, shared with suggestion runs. */
  workerPool(): ExtractionPool {
    return this.extractionPool();
  }

  private extractionPool(): ExtractionPool {
    this.pool ??= createExtractionPool(this.options.workers ? { size: this.options.workers } : {});
    return this.pool;
  }

  private async runJob(job: Job, paths: string[]): Promise<void> {
    const { progress } = job;
    const started = Date.now();
    try {
      await this.importPaths(paths, {
        signal: job.controller.signal,
        onStart: (file) => {
          progress.currentFile = file;
        },
        onResult: (results, done, total) => {
          progress.done = done;
          progress.total = total;
          for (const result of results) {
            progress.results.push(result);
            progress.counts[result.status]++;
          }
          progress.rate = done / Math.max(0.001, (Date.now() - started) / 1000);
          this.emit(job, false);
        },
      });
      progress.state = job.controller.signal.aborted ? 'cancelled' : 'done';
      if (progress.state === 'cancelled') {
        progress.message = `Cancelled after ${progress.done} of ${progress.total} files; the finished files are in the case`;
      }
    } catch (error) {
      progress.state = 'failed';
      progress.message = error instanceof Error ? error.message : String(error);
    }
    progress.currentFile = null;
    progress.finishedAt = new Date().toISOString();
    this.emit(job, true);
  }

  /** Progress events at most every 100 ms, so a 2,000-file folder does not flood the page. */
  private emit(job: Job, force: boolean): void {
    const now = Date.now();
    if (!force && now - job.lastEmit < 100) return;
    job.lastEmit = now;
    this.session.emit('import:progressed', progressForEvent(job.progress));
  }

  private async importOne(pool: ExtractionPool, file: string): Promise<ImportFileResult[]> {
    const result = await pool.extract(file);
    if (!result.ok) return [{ file, label: basename(file), status: 'error', error: result.error }];
    if (result.articles.length === 0) {
      return [{ file, label: basename(file), status: 'skipped', error: { code: 'no_article', message: 'No article found in this file' } }];
    }
    return this.storeSoon(file, result);
  }

  /**
   * Store a file with the others that arrive within STORE_WAIT_MS (at most STORE_GROUP): one
   * transaction for the group, a savepoint per file, so a file that fails leaves the others stored.
   */
  private storeSoon(file: string, result: Extract<ExtractResult, { ok: true }>): Promise<ImportFileResult[]> {
    return new Promise((resolve) => {
      this.pending.push({ file, result, resolve });
      if (this.pending.length >= STORE_GROUP) this.flush();
      else this.flushTimer ??= setTimeout(() => this.flush(), STORE_WAIT_MS);
    });
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const group = this.pending.splice(0);
    if (group.length === 0) return;
    const stored: { entry: PendingStore; results: ImportFileResult[]; added: string[] }[] = [];
    try {
      this.session.writable().transaction(
        () => {
          for (const entry of group) stored.push({ entry, ...this.storeOne(entry.file, entry.result) });
        },
        { failure: 'Cannot store the imported files' },
      );
    } catch (error) {
      // The group's commit failed (disk full, the case closed): none of its files is in the case.
      const code = error instanceof ParleyError ? error.code : 'internal';
      for (const entry of group) entry.resolve([{ file: entry.file, label: basename(entry.file), status: 'error', error: { code, message: (error as Error).message } }]);
      return;
    }
    for (const { entry, results, added } of stored) {
      try {
        if (added.length > 0) this.onImported?.(added);
      } catch {
        /* suggestions are extra: a failure to queue them never fails the import */
      }
      entry.resolve(results);
    }
  }

  /** One file's articles, inside the group's transaction; all or none of them. */
  private storeOne(file: string, result: Extract<ExtractResult, { ok: true }>): { results: ImportFileResult[]; added: string[] } {
    try {
      const store = this.session.writable();
      const documents = result.articles.map((article, index) => this.prepare(article, result.fingerprints[index]!, file));
      // Its own savepoint: whatever fails before the file is done takes back all its rows, and only its.
      const outcomes = store.transaction(() => store.documents.insertImported({ fileName: basename(file), sha256: result.sha256, bytes: result.bytes }, documents), {
        failure: `Cannot store ${basename(file)}`,
      });
      const added = outcomes.flatMap((outcome) => (outcome.status === 'duplicate' ? [] : [outcome.documentId]));
      const results = outcomes.map((outcome, index): ImportFileResult => {
        const article = result.articles[index]!;
        if (outcome.status === 'duplicate') {
          return { file, label: article.label, status: 'duplicate', duplicateOf: outcome.duplicateOf };
        }
        const nearDuplicateOf = documents[index]!.nearDuplicateOf;
        return {
          file,
          label: article.label,
          status: 'imported' as ImportFileStatus,
          documentId: outcome.documentId,
          ...(nearDuplicateOf ? { nearDuplicateOf } : {}),
        };
      });
      return { results, added };
    } catch (error) {
      const code = error instanceof ParleyError ? error.code : 'internal';
      return { results: [{ file, label: basename(file), status: 'error', error: { code, message: (error as Error).message } }], added: [] };
    }
  }

  /** The row to store; the fingerprint comes from the worker, only the lookup runs here. */
  private prepare(article: ExtractedArticle, { contentHash, minhash, bandKeys }: ArticleFingerprint, file: string): NewDocument {
    const store = this.session.current();
    let nearDuplicateOf: string | null = null;
    let best = NEAR_DUPLICATE_THRESHOLD;
    for (const candidate of store.documents.nearDuplicateCandidates(bandKeys)) {
      if (!candidate.minhash) continue;
      const other = new Uint32Array(candidate.minhash.buffer.slice(candidate.minhash.byteOffset, candidate.minhash.byteOffset + candidate.minhash.byteLength));
      const similarity = estimateSimilarity(minhash, other);
      if (similarity >= best) {
        best = similarity;
        // Link to the first copy of the story, so every copy points at the same document.
        nearDuplicateOf = candidate.nearDuplicateOf ?? candidate.id;
      }
    }
    return {
      title: article.title,
      byline: article.byline,
      outlet: article.outlet,
      publishedAt: article.publishedAt,
      publishedPrecision: article.publishedPrecision,
      url: article.url,
      language: article.language,
      format: article.format,
      label: article.label,
      sourcePath: file,
      text: article.text,
      html: article.html,
      contentHash,
      minhash: new Uint8Array(minhash.buffer, minhash.byteOffset, minhash.byteLength),
      bandKeys,
      nearDuplicateOf,
    };
  }
}

/**
 * An uploaded file's name reduced to a plain base name for its temporary copy: no folders (either
 * slash), no `.`/`..`, no control or other unusual characters, never hidden, at most 200
 * characters with the extension kept (the reader is chosen by it).
 */
export function safeUploadName(name: string): string {
  const base = name.split(/[\\/]/).filter((part) => part !== '' && part !== '.' && part !== '..').pop() ?? '';
  const cleaned = base.replace(/[^\p{L}\p{M}\p{N}._ -]+/gu, '_').replace(/^[.\s]+/, '').trim();
  if (!cleaned || !/[\p{L}\p{N}]/u.test(cleaned)) return `upload${extname(cleaned)}`;
  if (cleaned.length <= 200) return cleaned;
  const extension = extname(cleaned).slice(0, 12);
  return cleaned.slice(0, 200 - extension.length) + extension;
}

/** Results an event carries: every problem, and the newest others (import:status has them all). */
export const EVENT_RECENT_RESULTS = 300;

export function progressForEvent(progress: ImportProgress): ImportProgress {
  if (progress.results.length <= EVENT_RECENT_RESULTS) return progress;
  const cutoff = progress.results.length - EVENT_RECENT_RESULTS;
  const results = progress.results.filter((result, index) => index >= cutoff || result.status === 'error' || result.status === 'skipped');
  return { ...progress, results };
}
