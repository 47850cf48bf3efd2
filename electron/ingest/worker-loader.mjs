// Starts an import worker from its one-file CommonJS bundle with V8's code cache: the bundle
// (Parley's readers with linkedom, sanitize-html, franc, chrono… inside) is compiled from the
// cache written by an earlier worker instead of from source, which makes a cold worker start
// several times faster. Works on every Node Parley supports (vm.Script cachedData), unlike
// module.enableCompileCache (Node 22.1+). The suggestion engine is a second bundle, compiled the
// same way on the first suggestion. A cache lives in the OS temporary folder, named by its
// bundle's path, size and modification time and the V8 version (cheap to compute at every start,
// unlike a hash of megabytes of source); a stale or foreign cache is rejected by V8 and rewritten.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';
import { workerData } from 'node:worker_threads';

// The libraries left outside the bundle (pdf.js, ES modules) load through this module's import():
// a vm.Script has no module loader of its own on every supported Node.
globalThis.parleyImportExternal = (specifier) => import(specifier);
const cacheDir = process.env.PARLEY_CODE_CACHE_DIR || join(tmpdir(), 'parley-code-cache');
/** Bundle name → write its code cache (once its functions have run). */
const writers = new Map();

function load(bundle) {
  const source = readFileSync(bundle, 'utf8').replace(/\bimport\(("(?:pdfjs-dist|canvas|@napi-rs\/canvas)[^"]*")\)/g, 'globalThis.parleyImportExternal($1)');
  const { size, mtimeMs } = statSync(bundle);
  const key = createHash('sha256').update(`${process.versions.v8}\0${process.arch}\0${bundle}\0${size}\0${mtimeMs}`).digest('hex').slice(0, 24);
  const name = basename(bundle).replace(/\.cjs$/, '');
  const cacheFile = join(cacheDir, `${name}-${key}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  writers.set(name.replace(/-worker$/, ''), () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // No cache this time (read-only or full temporary folder): the next worker compiles again.
    }
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}

// Once the worker has run a kind of work a few times, the functions it needed are compiled: cache those too.
globalThis.parleyWorkerWarm = (name) => {
  const write = writers.get(name);
  writers.delete(name);
  write?.();
};
let suggest = null;
globalThis.parleyLoadSuggest = () => (suggest ??= Promise.resolve().then(() => load(workerData.suggestBundle)));
load(workerData.bundle);
