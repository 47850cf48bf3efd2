// Worker threads do not inherit tsx's loader: register it here, then load the TypeScript worker.
// Used only when running from source (tests, CLI under `node --import tsx`); bundled builds start
// dist/electron/ingest-worker.mjs directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
