import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../../../electron/ingest/near-duplicate';
import { createExtractionPool, DEFAULT_RESOURCE_LIMITS, defaultPoolSize, workerFlags, type ExtractResult } from '../../../electron/ingest/pool';

const fake = new URL('./helpers/fake-worker.mjs', import.meta.url);
const fixtures = join(import.meta.dirname, '../../fixtures/articles');

test('real workers (tsx bootstrap): articles and the original bytes come back; errors are per file', async () => {
  const pool = createExtractionPool({ size: 2 });
  try {
    const path = join(fixtures, 'text/wire-service.txt');
    const [ok, missing, feed] = await Promise.all([
      pool.extract(path),
      pool.extract(join(fixtures, 'text/no-such-file.txt')),
      pool.extract(join(fixtures, 'feed/rss.xml')),
    ]);
    assert.ok(ok.ok);
    assert.equal(ok.articles[0]?.title, "US, Ukraine say they drafted 'refined' peace framework in Geneva talks");
    assert.deepEqual(Buffer.from(ok.bytes), readFileSync(path));
    // Hashes come back with the article, so the main thread only looks up and stores.
    assert.equal(ok.sha256, createHash('sha256').update(readFileSync(path)).digest('hex'));
    assert.deepEqual(ok.fingerprints, [fingerprint(ok.articles[0]!.text)]);
    assert.deepEqual(missing, {
      ok: false,
      error: { code: 'unreadable', message: 'no-such-file.txt cannot be opened: no such file (ENOENT)' },
    });
    assert.ok(feed.ok && feed.articles.length === 3);
  } finally {
    await pool.close();
  }
});

// The limits below leave room for a fresh worker to start on a loaded machine: a file's clock
// starts when it is handed to a worker, starting or not.
test('a hung file times out, its worker is replaced, the next files still run', async () => {
  const pool = createExtractionPool({ size: 1, timeoutMs: 2000, workerUrl: fake });
  try {
    const started = Date.now();
    const [hung, after] = await Promise.all([pool.extract('/x/hang.html'), pool.extract('/x/fine.html')]);
    assert.deepEqual(hung, { ok: false, error: { code: 'timeout', message: 'hang.html took longer than 2 s to read and was skipped' } });
    assert.ok(after.ok && after.articles[0]?.title === 'fine.html');
    assert.ok(Date.now() - started < 5000);
  } finally {
    await pool.close();
  }
});

test('a crashing reader fails only its own file', async () => {
  const pool = createExtractionPool({ size: 2, workerUrl: fake });
  try {
    const results = await Promise.all(['a.html', 'crash.html', 'b.html', 'exit.html', 'c.html'].map((name) => pool.extract(`/x/${name}`)));
    assert.deepEqual(
      results.map((r) => (r.ok ? 'ok' : r.error.code)),
      ['ok', 'unreadable', 'ok', 'unreadable', 'ok'],
    );
    const crash = results[1] as Extract<ExtractResult, { ok: false }>;
    assert.match(crash.error.message, /^crash\.html: the reader crashed on this file: reader blew up/);
    const exit = results[3] as Extract<ExtractResult, { ok: false }>;
    assert.match(exit.error.message, /exit code 7/);
  } finally {
    await pool.close();
  }
});

test('a file that needs more memory than a worker may take fails alone, saying so', async () => {
  const pool = createExtractionPool({ size: 1, workerUrl: fake, resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 16 } });
  try {
    const [before, hog, after] = await Promise.all(['a.html', 'hog.docx', 'b.html'].map((name) => pool.extract(`/x/${name}`)));
    assert.ok(before?.ok && after?.ok);
    assert.deepEqual(hog, { ok: false, error: { code: 'too_complex', message: 'hog.docx needs more memory to read than one file may take (64 MB); it was skipped' } });
  } finally {
    await pool.close();
  }
});

test('the default worker heap is a few hundred MB, not gigabytes', () => {
  const total = (DEFAULT_RESOURCE_LIMITS.maxOldGenerationSizeMb ?? 0) + (DEFAULT_RESOURCE_LIMITS.maxYoungGenerationSizeMb ?? 0);
  assert.ok(total >= 256 && total <= 768, `${total} MB`);
});

test('close() settles queued files and refuses new ones', async () => {
  const pool = createExtractionPool({ size: 1, workerUrl: fake, timeoutMs: 10_000 });
  const running = pool.extract('/x/hang.html');
  const queued = pool.extract('/x/queued.html');
  await new Promise((resolve) => setTimeout(resolve, 100));
  await pool.close();
  assert.equal((await running).ok, false);
  assert.equal((await queued).ok, false);
  await assert.rejects(pool.extract('/x/late.html'), /closed/);
});

test('files waiting in a worker behind one that crashes or hangs are read by a fresh worker, not failed', async () => {
  const pool = createExtractionPool({ size: 1, timeoutMs: 2000, workerUrl: fake });
  try {
    assert.equal(pool.capacity, 2);
    const results = await Promise.all(['crash.html', 'a.html', 'hang.html', 'b.html', 'c.html'].map((name) => pool.extract(`/x/${name}`)));
    assert.deepEqual(
      results.map((r) => (r.ok ? r.articles[0]?.title : r.error.code)),
      ['unreadable', 'a.html', 'timeout', 'b.html', 'c.html'],
    );
  } finally {
    await pool.close();
  }
});

test('default size leaves a core for the window, but uses two workers on two cores', () => {
  assert.deepEqual([1, 2, 4, 8, 32].map(defaultPoolSize), [1, 2, 3, 7, 8]);
});

test('workers get only the Node flags they accept: no loaders, no per-process V8 flags', () => {
  assert.deepEqual(
    workerFlags(['--import', 'tsx', '--max-old-space-size=8192', '--enable-source-maps', '--expose-gc', '-r', 'x', '--conditions', 'dev', '--no-warnings', '--loader=y']),
    ['--enable-source-maps', '--conditions', 'dev', '--no-warnings'],
  );
});

test('real workers start when Parley itself runs with per-process V8 flags', async () => {
  const saved = [...process.execArgv];
  process.execArgv.push('--max-old-space-size=4096', '--expose-gc');
  try {
    const pool = createExtractionPool({ size: 1 });
    try {
      const result = await pool.extract(join(fixtures, 'text/wire-service.txt'));
      assert.ok(result.ok, JSON.stringify(result));
    } finally {
      await pool.close();
    }
  } finally {
    process.execArgv.splice(0, process.execArgv.length, ...saved);
  }
});
