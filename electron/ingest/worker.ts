/**
 * Worker-thread side of the extraction pool: reads one file at a time and posts back its
 * articles with their duplicate fingerprints, and the original bytes (transferred, not copied).
 * Bundled to dist/electron/ingest-worker.mjs.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { extractBuffer, readFileCheckedSync } from './index';
import { fingerprint } from './near-duplicate';
import { IngestError, type ExtractOptions } from './types';
import type { ExtractResult, WorkerReply, WorkerRequest } from './pool';

type SuggestModule = typeof import('../suggest/index');
let suggestModule: Promise<SuggestModule> | null = null;
/** The suggestion engine loads on its first article (its NLP model takes a moment), not with every worker. */
const loadSuggest = () => (suggestModule ??= (globalThis as { parleyLoadSuggest?: () => Promise<SuggestModule> }).parleyLoadSuggest?.() ?? import('../suggest/index'));
/** Started by worker-loader.mjs: once a kind of work has run a few times, write its code cache for the next worker. */
const warm = (bundle: 'ingest' | 'suggest') => setImmediate(() => (globalThis as { parleyWorkerWarm?: (bundle: string) => void }).parleyWorkerWarm?.(bundle));
let suggested = 0;

const port = parentPort;
if (!port) throw new Error('ingest worker must run in a worker thread');

// Most files are web pages: load the HTML reader while the pool warms up, not on the first file.
// (The other readers load when a file needs them; a failure here resurfaces on that file.)
import('./html/index').catch(() => {});

// The pool sends the next file before this one is done; files are still read one after another,
// so the pool's per-file timeout measures only the file being read.
let previous: Promise<void> = Promise.resolve();
let handled = 0;
port.on('message', (request: WorkerRequest) => {
  previous = previous.then(async () => {
    if (request.kind === 'suggest') {
      port.postMessage(await suggestFor(request));
      if (++suggested === WARM_AFTER_FILES) warm('suggest');
      return;
    }
    const reply = await handle(request);
    if (reply.ok) port.postMessage(reply, [reply.bytes.buffer as ArrayBuffer]);
    else port.postMessage(reply);
    if (++handled === WARM_AFTER_FILES) warm('ingest');
  });
});

/** Files after which the functions a typical import needs have been compiled. */
const WARM_AFTER_FILES = 8;

async function suggestFor(request: Extract<WorkerRequest, { kind: 'suggest' }>): Promise<WorkerReply> {
  try {
    const { suggest } = await loadSuggest();
    return { id: request.id, ok: true, suggestions: suggest(request.text, request.knowledge) };
  } catch (error) {
    return { id: request.id, ok: false, error: { code: 'unreadable', message: `suggestions failed for ${request.label}: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

async function handle(request: Extract<WorkerRequest, { kind: 'extract' }>): Promise<{ id: number } & ExtractResult> {
  try {
    const options: ExtractOptions = { ...request.options };
    const { bytes, fileDate } = readFileCheckedSync(request.path, options);
    const name = request.path.split(/[\\/]/).pop() ?? request.path;
    const articles = await extractBuffer(bytes, name, { ...options, fileDate: options.fileDate ?? fileDate });
    return {
      id: request.id,
      ok: true,
      articles,
      fingerprints: articles.map((article) => fingerprint(article.text)),
      bytes: ownBuffer(bytes),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  } catch (error) {
    if (error instanceof IngestError) return { id: request.id, ok: false, error: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, error: { code: 'unreadable', message: `the reader failed on this file: ${message}` } };
  }
}

/** The bytes with an ArrayBuffer of their own, safe to transfer (a small read may be a view into a shared pool). */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return bytes.slice();
}
