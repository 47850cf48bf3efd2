import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createExtractionPool } from '../../../electron/ingest/pool';
import { tempDir } from '../../helpers/temp';

/** Import workers compile their bundle from V8's code cache after the first worker wrote it. */
test('a worker writes the code cache after its first files; the next worker reads with it, and a damaged cache is replaced', async () => {
  const dir = tempDir('parley-cache-test-');
  const cacheDir = join(dir, 'cache');
  const previous = process.env.PARLEY_CODE_CACHE_DIR;
  process.env.PARLEY_CODE_CACHE_DIR = cacheDir;
  const page = (i: number) => {
    const path = join(dir, `page-${i}.html`);
    writeFileSync(
      path,
      `<!doctype html><html><head><title>Talks round ${i}</title></head><body><article><h1>Talks round ${i}</h1><p>Negotiators met in Geneva for round ${i} of talks on a ceasefire, officials said on Tuesday after six hours.</p></article></body></html>`,
    );
    return path;
  };
  const files = Array.from({ length: 12 }, (_, i) => page(i));
  const readAll = async () => {
    const pool = createExtractionPool({ size: 1 });
    try {
      const results = await Promise.all(files.map((file) => pool.extract(file)));
      assert.ok(results.every((result) => result.ok), JSON.stringify(results.find((result) => !result.ok)));
      // The cache is written just after the eighth file.
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await pool.close();
    }
  };
  try {
    await readAll();
    const written = readdirSync(cacheDir).filter((name) => name.endsWith('.bin'));
    assert.equal(written.length, 1, 'one cache file, named by the bundle and V8 version');
    await readAll(); // read with the cache
    assert.deepEqual(readdirSync(cacheDir).filter((name) => name.endsWith('.bin')), written);
    writeFileSync(join(cacheDir, written[0]!), 'not a code cache');
    await readAll(); // V8 rejects the damaged cache; the worker compiles from source and rewrites it
    assert.ok(statSync(join(cacheDir, written[0]!)).size > 10_000, 'the damaged cache was rewritten');
    assert.deepEqual(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp')), [], 'no partial files left');
  } finally {
    if (previous === undefined) delete process.env.PARLEY_CODE_CACHE_DIR;
    else process.env.PARLEY_CODE_CACHE_DIR = previous;
  }
});
