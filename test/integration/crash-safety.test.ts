import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Store } from '../../electron/store/index';
import { syntheticArticle } from '../bench/search-benchmark';
import { tempDir } from '../helpers/temp';
import { rawDatabase } from '../../electron/store/raw-database';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const KILLS = 20;
const FILES = 240;

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function writeFolder(dir: string): void {
  mkdirSync(dir);
  for (let index = 0; index < FILES; index++) {
    const article = syntheticArticle(index + 10_000);
    const body = article.text.split('\n\n').map((paragraph) => `<p>${paragraph}</p>`).join('\n');
    writeFileSync(
      join(dir, `article-${String(index).padStart(4, '0')}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${article.title} | Wire</title>
      <meta property="og:site_name" content="${article.outlet}"></head>
      <body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${article.title}</h1>${body}</article>
      <footer>© 2025 Wire</footer></body></html>`,
    );
  }
}

/** Run `parley import --json`, SIGKILL it after `killAfterMs` (or let it finish); return what it reported. */
function runImport(casePath: string, folder: string, killAfterMs: number | null): Promise<{ imported: string[]; finished: boolean; lines: number; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(ROOT, 'electron', 'cli', 'parley.mjs'), 'import', casePath, folder, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const imported: string[] = [];
    let buffer = '';
    let lines = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      for (const line of complete) {
        if (!line.trim()) continue;
        lines++;
        const result = JSON.parse(line) as { status: string; documentId?: string };
        if (result.status === 'imported' && result.documentId) imported.push(result.documentId);
      }
    });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ imported, finished: code === 0 && signal === null, lines, stderr });
    });
  });
}

function assertSound(casePath: string, reportedImported: string[]): number {
  const store = Store.open(casePath); // runs quick_check; throws on a damaged case
  try {
    const health = store.check();
    assert.equal(health.integrity, 'ok');
    assert.equal(health.ftsConsistent, true, 'full-text index matches the documents');
    assert.equal(health.foreignKeyViolations, 0);
    for (const id of reportedImported) {
      const document = store.documents.get(id); // throws not_found if a reported document is missing
      assert.ok(document.text.length > 200, 'a reported document is complete');
      assert.ok(store.documents.original(id).bytes.length > 0, 'with its original');
    }
    const incomplete = rawDatabase(store)
      .prepare('SELECT count(*) AS n FROM documents WHERE original_id IS NULL OR length(text) = 0')
      .get() as { n: number };
    assert.equal(incomplete.n, 0, 'no half document');
    return store.counts().documents ?? 0;
  } finally {
    store.close();
  }
}

describe('crash safety: SIGKILL during a batch import', () => {
  it(`loses nothing reported done and leaves no half document, over ${KILLS} kills, then resumes`, async () => {
    const dir = tempDir('parley-crash-');
    const folder = join(dir, 'inbox');
    writeFolder(folder);
    const casePath = join(dir, 'crash.parley');
    Store.create(casePath).close();
    const random = seeded(20251124);
    const reported: string[] = [];
    let previousCount = 0;
    for (let round = 0; round < KILLS; round++) {
      // Start-up through tsx takes ~1.5 s; kill anywhere from start-up to mid-batch.
      const delay = 300 + Math.floor(random() * 3000);
      const run = await runImport(casePath, folder, delay);
      reported.push(...run.imported);
      const count = assertSound(casePath, reported);
      assert.ok(count >= previousCount, 'documents never disappear');
      previousCount = count;
    }
    const final = await runImport(casePath, folder, null);
    assert.equal(final.finished, true, final.stderr);
    assert.equal(final.lines, FILES, 'every file reported on resume: imported or duplicate');
    assert.equal(assertSound(casePath, [...reported, ...final.imported]), FILES, 'the resumed batch completes the case');
  });
});
