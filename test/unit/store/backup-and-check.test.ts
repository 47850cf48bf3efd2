import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ParleyError } from '../../../shared/errors';
import { backupDirFor, listBackups, restoreCase } from '../../../electron/store/backup';
import { Store } from '../../../electron/store/index';
import { createService } from '../../../electron/service/service';
import { tempDir } from '../../helpers/temp';
import { rawDatabase } from '../../../electron/store/raw-database';
import { searchDocuments } from '../../helpers/search';

const party = (store: Store, name: string) =>
  store.parties.create({ name, kind: 'state', aliases: [], affiliationId: null, color: null, notes: null });

describe('backups', () => {
  it('snapshot an open case beside it, keep the newest N, and restore one (keeping the current file)', async () => {
    const dir = tempDir();
    const path = join(dir, 'talks.parley');
    const store = Store.create(path);
    party(store, 'Russia');
    for (let index = 0; index < 4; index++) await store.backup({ keep: 3, reason: `r${index}` });
    assert.equal(listBackups(path).length, 3, 'rotated to the newest three');
    // Kept whatever the clock did meanwhile: backup names carry only the second they were taken in.
    const russiaOnly = await store.backup({ keep: 10, reason: 'z-russia-only' });
    assert.ok(russiaOnly.path.startsWith(backupDirFor(path)));
    party(store, 'Ukraine');
    store.close();

    const { keptCurrentAs } = restoreCase(path, russiaOnly.path);
    assert.ok(keptCurrentAs && existsSync(keptCurrentAs));
    const restored = Store.open(path);
    assert.deepEqual(restored.parties.list().map((p) => p.name), ['Russia']);
    restored.close();
    const previous = Store.open(keptCurrentAs!);
    assert.equal(previous.parties.list().length, 2, 'the version before the restore is kept');
    previous.close();
  });

  it('refuse to restore from a file that is not a Parley case', () => {
    const dir = tempDir();
    const path = join(dir, 'talks.parley');
    Store.create(path).close();
    const bogus = join(dir, 'bogus.parley');
    writeFileSync(bogus, 'not a database at all, just text '.repeat(10));
    assert.throws(() => restoreCase(path, bogus), (error: ParleyError) => error.code === 'not_a_store');
  });

  it('are taken when the service opens a case, and again after edits', async () => {
    const path = join(tempDir(), 'auto.parley');
    Store.create(path).close();
    const service = createService({ log: () => {}, backups: { everyMinutes: 0 } });
    service.session.open(path);
    await service.session.settle();
    assert.equal(listBackups(path).length, 1, 'one backup on open');
    assert.equal(await service.session.backupNow(), null, 'nothing changed: no new backup');
    await service.dispatch('party:create', { name: 'NATO', kind: 'organisation' });
    assert.ok(await service.session.backupNow());
    assert.equal(listBackups(path).length, 2);
    await service.dispose();
  });
});

describe('parley check', () => {
  it('reports a healthy case as healthy', () => {
    const store = Store.create(join(tempDir(), 'ok.parley'));
    const report = store.check();
    assert.equal(report.integrity, 'ok');
    assert.deepEqual(report.problems, []);
    store.close();
  });

  it('finds an inconsistent full-text index and rebuilds it on --repair', () => {
    const store = Store.create(join(tempDir(), 'fts.parley'));
    store.documents.insertImported({ fileName: 'a.txt', sha256: 'a', bytes: new Uint8Array([1]) }, [
      {
        title: 'Geneva talks',
        byline: null,
        outlet: null,
        publishedAt: null,
        publishedPrecision: null,
        url: null,
        language: 'en',
        format: 'text',
        label: 'a.txt',
        sourcePath: null,
        text: 'Negotiators met in Geneva to discuss security guarantees.',
        html: null,
        contentHash: 'h1',
        minhash: null,
        bandKeys: [],
        nearDuplicateOf: null,
      },
    ]);
    // Simulate a damaged index: the FTS rows vanish while the document stays.
    rawDatabase(store).prepare("INSERT INTO documents_fts(documents_fts) VALUES ('delete-all')").run();
    assert.equal(searchDocuments(store, 'Geneva', 10).length, 0);
    const found = store.check();
    assert.equal(found.ftsConsistent, false);
    assert.match(found.problems.join(' '), /full-text index does not match/);
    const repaired = store.check({ repair: true });
    assert.equal(repaired.ftsRebuilt, true);
    assert.deepEqual(repaired.problems, []);
    assert.equal(searchDocuments(store, 'Geneva', 10).length, 1);
    store.close();
  });
});
