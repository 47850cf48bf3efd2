#!/usr/bin/env node
// Runs Parley's tests with node's own test runner (TypeScript through tsx), so the run ends with
// node's summary. `node test/run.mjs [unit] [integration] [e2e]` picks layers; default: all.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const layers = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = layers.length > 0 ? layers : ['unit', 'integration', 'e2e'];

function findTests(dir) {
  let found = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found = found.concat(findTests(path));
    else if (/\.test\.ts$/.test(entry)) found.push(path);
  }
  return found;
}

const files = selected.flatMap((layer) => findTests(join(root, 'test', layer))).map((file) => relative(root, file));
if (files.length === 0) {
  console.error(`No test files found for ${selected.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=300000', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, PARLEY_TEST: '1' } },
);
process.exit(result.status ?? 1);
