import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ImportProgress } from '../../shared/model/import';
import { EVENT_RECENT_RESULTS, STORE_GROUP, progressForEvent } from '../../electron/service/import-jobs';
import { createService } from '../../electron/service/service';
import { syntheticArticle } from '../bench/search-benchmark';
import { tempDir } from '../helpers/temp';

const service = createService({ importWorkers: 2, log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
after(() => service.dispose());

function folderOf(count: number, offset = 0): string {
  const dir = join(tempDir('parley-jobs-'), 'inbox');
  mkdirSync(dir);
  for (let index = 0; index < count; index++) {
    const article = syntheticArticle(offset + index);
    writeFileSync(join(dir, `story-${index}.txt`), `${article.title}\n\n${article.text}\n`);
  }
  writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7 truncated');
  return dir;
}

function waitFor(predicate: (progress: ImportProgress) => boolean): Promise<ImportProgress> {
  return new Promise((resolve) => {
    const off = service.session.on('import:progressed', (progress) => {
      if (predicate(progress)) {
        off();
        resolve(progress);
      }
    });
  });
}

describe('import jobs (the app’s background import)', () => {
  it('reports progress as events and finishes with a per-file report', async () => {
    service.session.create(join(tempDir(), 'jobs.parley'));
    const folder = folderOf(30);
    const finished = waitFor((progress) => progress.state !== 'running');
    const started = await service.dispatch('import:start', { paths: [folder] });
    assert.ok(started.ok);
    const done = await finished;
    assert.equal(done.state, 'done');
    assert.equal(done.total, 31);
    assert.equal(done.done, 31);
    assert.equal(done.counts.imported, 30);
    assert.equal(done.counts.error, 1);
    assert.match(done.results.find((result) => result.status === 'error')!.error!.message, /PDF|truncated|damaged/i);
    const status = await service.dispatch('import:status', { jobId: (started.value as { jobId: string }).jobId });
    assert.ok(status.ok && (status.value as ImportProgress).results.length === 31);
  });

  it('cancels cleanly: finished files stay, nothing half-stored, the rest can be imported later', async () => {
    service.session.create(join(tempDir(), 'cancel.parley'));
    const folder = folderOf(400, 1000);
    const firstResults = waitFor((progress) => progress.done >= 5);
    const finished = waitFor((progress) => progress.state !== 'running');
    const started = await service.dispatch('import:start', { paths: [folder] });
    assert.ok(started.ok);
    const jobId = (started.value as { jobId: string }).jobId;
    await firstResults;
    await service.dispatch('import:cancel', { jobId });
    const final = await finished;
    assert.equal(final.state, 'cancelled');
    assert.ok(final.done < final.total, 'stopped before the end');
    assert.match(final.message ?? '', /Cancelled after \d+ of 401 files/);
    const store = service.session.current();
    assert.equal(store.counts().documents, final.counts.imported, 'exactly the reported files are in the case');
    const resumed = await service.imports.importPaths([folder]);
    assert.equal(resumed.filter((result) => result.status === 'duplicate').length, final.counts.imported);
    assert.equal(store.counts().documents, 400);
  });

  it('importPaths: results arrive in order of completion, and an abort stops new files from starting', async () => {
    service.session.create(join(tempDir(), 'abort.parley'));
    const folder = folderOf(40, 3000);
    const controller = new AbortController();
    const seen: number[] = [];
    let startedAfterAbort = 0;
    const results = await service.imports.importPaths([folder], {
      signal: controller.signal,
      onStart: () => {
        if (controller.signal.aborted) startedAfterAbort++;
      },
      onResult: (_results, done, total) => {
        assert.equal(total, 41);
        seen.push(done);
        if (done === 3) controller.abort();
      },
    });
    assert.equal(startedAfterAbort, 0, 'no file starts after the abort');
    assert.deepEqual(seen, Array.from({ length: seen.length }, (_, index) => index + 1));
    // Only the files already in flight when the abort came finish (every worker's two, plus a group on its way to the store).
    assert.ok(seen.length >= 3 && seen.length <= 3 + 2 * 2 + STORE_GROUP, `finished ${seen.length}`);
    assert.equal(service.session.current().counts().documents, results.filter((result) => result.status === 'imported').length);
  });

  it('files stored together in one transaction stay each all or nothing: one that fails mid-way leaves no rows, the others stay', async () => {
    service.session.create(join(tempDir(), 'group.parley'));
    const store = service.session.current();
    const folder = folderOf(2 * STORE_GROUP);
    const original = store.documents.insertImported.bind(store.documents);
    let failed: string | null = null;
    // The fifth file to be stored fails after its rows were written (as a full disk would).
    let calls = 0;
    store.documents.insertImported = (file, documents, batchId) => {
      const outcomes = original(file, documents, batchId);
      if (++calls === 5) {
        failed = file.fileName;
        throw new Error('simulated failure after the rows were written');
      }
      return outcomes;
    };
    try {
      const results = await service.imports.importPaths([folder]);
      const errors = results.filter((result) => result.status === 'error' && result.label !== 'broken.pdf');
      assert.deepEqual(errors.map((result) => result.label), [failed]);
      const imported = results.filter((result) => result.status === 'imported');
      assert.equal(imported.length, 2 * STORE_GROUP - 1);
      assert.equal(store.counts().documents, imported.length, 'the failed file left no document behind');
      assert.equal(store.counts().originals, imported.length, 'nor its original');
      // Its audit row went with it: one import row per stored document.
      assert.equal(store.audit.latest(1000).filter((entry) => entry.action === 'import').length, imported.length);
    } finally {
      store.documents.insertImported = original;
    }
  });

  it('keeps events small for big batches: every problem and the newest results', () => {
    const results = Array.from({ length: 2000 }, (_, index) => ({
      file: `f${index}`,
      label: `f${index}`,
      status: index % 500 === 0 ? ('error' as const) : ('imported' as const),
    }));
    const progress = { results } as unknown as ImportProgress;
    const trimmed = progressForEvent(progress).results;
    assert.ok(trimmed.length <= EVENT_RECENT_RESULTS + 4);
    assert.equal(trimmed.filter((result) => result.status === 'error').length, 4);
    assert.equal(trimmed.at(-1)!.file, 'f1999');
  });
});
