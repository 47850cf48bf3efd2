/**
 * Worker-thread side of the extraction pool: reads one file at a time and posts back its
 * articles and original bytes (transferred, not copied). Bundled to dist/electron/ingest-worker.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { extractBuffer, readFileChecked } from './index';
import { IngestError, type ExtractOptions } from './types';
import type { WorkerReply, WorkerRequest } from './pool';

const port = parentPort;
if (!port) throw new Error('ingest worker must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => {
    if (reply.ok) port.postMessage(reply, [reply.bytes.buffer as ArrayBuffer]);
    else port.postMessage(reply);
  });
});

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  try {
    const options: ExtractOptions = { ...request.options };
    const { bytes, fileDate } = await readFileChecked(request.path, options);
    const name = request.path.split(/[\\/]/).pop() ?? request.path;
    const articles = await extractBuffer(bytes, name, { ...options, fileDate: options.fileDate ?? fileDate });
    // A fresh, exactly-sized copy: the read buffer may be a view into a larger pool.
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    return { id: request.id, ok: true, articles, bytes: own };
  } catch (error) {
    if (error instanceof IngestError) return { id: request.id, ok: false, error: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, error: { code: 'unreadable', message: `the reader failed on this file: ${message}` } };
  }
}
