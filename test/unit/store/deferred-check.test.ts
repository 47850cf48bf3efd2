import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createService } from '../../../electron/service/service';
import { rawDatabase } from '../../../electron/store/raw-database';
import { tempDir } from '../../helpers/temp';

/** A closed case with enough articles that the documents table has pages of its own. */
async function caseWithArticles(path: string): Promise<void> {
  const service = createService({ log: () => {}, backups: { onOpen: false, everyMinutes: 0 } });
  service.session.create(path);
  const db = rawDatabase(service.session.current());
  const insert = db.prepare(
    "INSERT INTO documents (id, title, format, label, text, content_hash, imported_at, updated_at) VALUES (?, 'Talks', 'text', 'a.txt', ?, ?, '2025-11-23', '2025-11-23')",
  );
  db.transaction(() => {
    for (let index = 0; index < 200; index++) insert.run(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, `Geneva talks, round ${index}. `.repeat(40), `h${index}`);
  })();
  // Rows written past the store leave their capture marks for the next open to log: clear them, as
  // the store's own writes would have, so opening the damaged case reads only its small tables.
  db.prepare('DELETE FROM sync_touched').run();
  await service.dispose();
}

const openDeferred = () => createService({ log: () => {}, connection: { fullCheckOnOpenBytes: 0 }, backups: { onOpen: false, everyMinutes: 0 } });

async function partyCreated(service: ReturnType<typeof createService>, name: string) {
  return service.dispatch('party:create', { name });
}

describe('opening a large case', () => {
  it('opens after checking its small tables and runs the full check behind it', async () => {
    const path = join(tempDir(), 'large.parley');
    await caseWithArticles(path);
    const service = openDeferred();
    service.session.open(path);
    assert.equal(service.session.current().checkDeferred, true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await partyCreated(service, 'Russia')).ok, true, 'a sound case stays writable');
    await service.dispose();
  });

  it('refuses further writes, saying why, when the background check finds damage', async () => {
    const path = join(tempDir(), 'damaged.parley');
    await caseWithArticles(path);
    const inspect = new Database(path, { readonly: true });
    const pageSize = inspect.pragma('page_size', { simple: true }) as number;
    const page = inspect.prepare("SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1").pluck().get() as number;
    inspect.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);

    const service = openDeferred();
    service.session.open(path); // the small tables are sound: it opens
    let refused: Awaited<ReturnType<typeof partyCreated>> | null = null;
    for (let attempt = 0; attempt < 100 && !refused; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const result = await partyCreated(service, `Party ${attempt}`);
      if (!result.ok) refused = result;
    }
    assert.ok(refused && !refused.ok);
    if (refused && !refused.ok) {
      assert.equal(refused.error.code, "store_corrupt", refused.error.message);
      assert.match(refused.error.message, /damaged .*Restore it from a backup/);
      // Once the check has reported, even a write the damage does not touch is refused.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const later = await service.dispatch('setting:set', { key: 'grid.parties.columns', value: '[]' });
      assert.equal(later.ok ? 'saved' : later.error.code, 'store_corrupt');
    }
    await service.dispose();
  });
});
