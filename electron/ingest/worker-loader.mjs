// Starts an import worker from its one-file CommonJS bundle with V8's code cache: the bundle
// (Parley's readers with linkedom, sanitize-html, franc, chrono… inside) is compiled from the
// cache written by an earlier worker instead of from source, which makes a cold worker start
// several times faster. Works on every Node Parley supports (vm.Script cachedData), unlike
// module.enableCompileCache (Node 22.1+). The cache lives in the OS temporary folder, named by
// the bundle's content and the V8 version; a stale or foreign cache is rejected by V8 and rewritten.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { workerData } from 'node:worker_threads';

const bundle = workerData.bundle;
// The libraries left outside the bundle (pdf.js, ES modules) load through this module's import():
// a vm.Script has no module loader of its own on every supported Node.
globalThis.parleyImportExternal = (specifier) => import(specifier);
const source = readFileSync(bundle, 'utf8').replace(/\bimport\(("(?:pdfjs-dist|canvas|@napi-rs\/canvas)[^"]*")\)/g, 'globalThis.parleyImportExternal($1)');
const key = createHash('sha256').update(process.versions.v8).update(process.arch).update(source).digest('hex').slice(0, 24);
const cacheDir = process.env.PARLEY_CODE_CACHE_DIR || join(tmpdir(), 'parley-code-cache');
const cacheFile = join(cacheDir, `ingest-worker-${key}.bin`);
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new vm.Script(wrapped, { filename: bundle, cachedData });
const module = { exports: {} };
// Once the worker has read a few files, the functions it needed are compiled: cache those too.
globalThis.parleyWorkerWarm = () => {
  delete globalThis.parleyWorkerWarm;
  if (cachedData && !script.cachedDataRejected) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // No cache this time (read-only or full temporary folder): the next worker compiles again.
  }
};
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
