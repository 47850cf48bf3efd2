#!/usr/bin/env node
// Builds what Electron and the browser need from the TypeScript sources (esbuild):
//   dist/renderer/   the page: index.html, app.js, app.css
//   dist/electron/   main.mjs, preload.cjs (sandboxed preloads must be CommonJS), ingest-worker.mjs,
//                    ingest-worker.cjs, suggest-worker.cjs + worker-loader.mjs (the import worker, started with V8's code cache),
//                    their lazily loaded chunks (*-[hash].mjs), migrations/, hub-migrations/
// `--renderer` builds only the page (for `npm run web`).
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rendererOnly = process.argv.includes('--renderer');
const dist = join(root, 'dist');

async function buildRenderer() {
  const out = join(dist, 'renderer');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { app: join(root, 'renderer', 'main.tsx') },
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  cpSync(join(root, 'renderer', 'index.html'), join(out, 'index.html'));
}

async function buildElectron() {
  const out = join(dist, 'electron');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    packages: 'external', // node_modules stay external: native better-sqlite3, pdfjs, …
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: { main: join(root, 'electron', 'main', 'main.ts'), 'ingest-worker': join(root, 'electron', 'ingest', 'worker.ts') },
    outdir: out,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    // Code behind `await import()` (the readers, the export writers) goes into chunks that load on
    // first use, together with the packages they import: a single file would hoist those imports
    // to the top and load pdf.js, exceljs and docx at every start of the app and of every worker.
    // Chunks sit beside the entries, so `import.meta.url`-relative paths stay the same.
    splitting: true,
    chunkNames: '[name]-[hash]',
    external: ['electron'],
  });
  // The import worker again as one CommonJS file with its libraries inside, which
  // ingest/worker-loader.mjs compiles from V8's code cache (same options as WORKER_BUNDLE_OPTIONS
  // in electron/ingest/pool.ts, which bundles it so from source).
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: { 'ingest-worker': join(root, 'electron', 'ingest', 'worker.ts'), 'suggest-worker': join(root, 'electron', 'suggest', 'index.ts') },
    outdir: out,
    outExtension: { '.js': '.cjs' },
    // The suggestion engine is its own bundle (SUGGEST_APART in pool.ts), loaded on the first suggestion.
    plugins: [
      {
        name: 'parley-suggest-apart',
        setup(build) {
          build.onResolve({ filter: /[\\/]suggest[\\/]index$/ }, (args) => (/[\\/]ingest[\\/]worker\.ts$/.test(args.importer) ? { path: args.path, external: true } : undefined));
        },
      },
    ],
    external: ['pdfjs-dist', 'pdfjs-dist/*', 'canvas', '@napi-rs/canvas', 'esbuild'],
    define: { 'import.meta.url': '__parleyModuleUrl' },
    banner: { js: 'var __parleyModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  cpSync(join(root, 'electron', 'ingest', 'worker-loader.mjs'), join(out, 'worker-loader.mjs'));
  await build({
    ...common,
    entryPoints: { preload: join(root, 'electron', 'preload', 'preload.ts') },
    outdir: out,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  });
  cpSync(join(root, 'electron', 'store', 'migrations'), join(out, 'migrations'), { recursive: true });
  cpSync(join(root, 'electron', 'hub', 'migrations'), join(out, 'hub-migrations'), { recursive: true });
}

const started = Date.now();
await buildRenderer();
if (!rendererOnly) await buildElectron();
process.stdout.write(`built ${rendererOnly ? 'renderer' : 'renderer and electron'} in ${Date.now() - started} ms\n`);
