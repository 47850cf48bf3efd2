/**
 * SQLite's quick_check of a whole case on a worker thread. On a large case (hundreds of MB) it
 * takes tens of seconds, so opening checks only the small tables and this runs the full check
 * behind the open window; the case is marked damaged if it fails.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated in the worker: no TypeScript loader or bundle needed on either runtime.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  parentPort.postMessage(String(db.pragma('quick_check', { simple: true })));
} catch (error) {
  parentPort.postMessage('cannot check: ' + (error && error.message));
} finally {
  if (db) db.close();
}
`;

export interface BackgroundCheck {
  /** "ok", or what quick_check found. */
  result: Promise<string>;
  cancel(): void;
}

export function checkInBackground(path: string, nativeBinding?: string): BackgroundCheck {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, module, nativeBinding }, stdout: false, stderr: false });
  worker.unref(); // never keeps a CLI command or a test alive
  const result = new Promise<string>((resolve) => {
    worker.once('message', (message: string) => resolve(message));
    worker.once('error', (error) => resolve(`cannot check: ${error.message}`));
    worker.once('exit', () => resolve('cancelled'));
  });
  return { result, cancel: () => void worker.terminate() };
}
