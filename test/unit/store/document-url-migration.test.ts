import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { Store } from '../../../electron/store/index';
import { migrationsDir } from '../../../electron/store/migrations';
import { rawDatabase } from '../../../electron/store/raw-database';
import { tempDir } from '../../helpers/temp';

/**
 * Migration 0005 (schema 4 → 5): document URLs that are not http(s), stored by feed readers before
 * the import rule, are cleared, with an audit batch and operations of that batch for colleagues.
 */
const LINKS: Record<string, string | null> = {
  '00000000-0000-7000-8000-0000000000a1': 'javascript:alert(document.domain)',
  '00000000-0000-7000-8000-0000000000a2': 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '00000000-0000-7000-8000-0000000000a3': 'https://wire.example.com/talks',
  '00000000-0000-7000-8000-0000000000a4': 'HTTP://Wire.example.com/upper',
  '00000000-0000-7000-8000-0000000000a5': ' javascript:void(0)',
  '00000000-0000-7000-8000-0000000000a6': null,
};

function withMigrations<T>(dir: string, run: () => T): T {
  const previous = process.env.PARLEY_MIGRATIONS_DIR;
  process.env.PARLEY_MIGRATIONS_DIR = dir;
  try {
    return run();
  } finally {
    if (previous === undefined) delete process.env.PARLEY_MIGRATIONS_DIR;
    else process.env.PARLEY_MIGRATIONS_DIR = previous;
  }
}

it('clears non-http(s) document URLs of a case from before it, in one audit batch with its operations', () => {
  const dir = tempDir();
  const files = readdirSync(migrationsDir()).sort();
  const version = files.indexOf('0005_document_urls_http_only.sql');
  const v3 = join(dir, 'migrations-before');
  mkdirSync(v3);
  for (const file of files.slice(0, version)) copyFileSync(join(migrationsDir(), file), join(v3, file));
  const path = join(dir, 'feeds.parley');
  withMigrations(v3, () => {
    const old = Store.create(path);
    assert.equal(old.schemaVersion, version);
    const db = rawDatabase(old);
    const insert = db.prepare(
      `INSERT INTO documents (id, title, url, format, label, text, word_count, content_hash, imported_at, updated_at)
       VALUES (?, ?, ?, 'feed', ?, 'Negotiators met in Geneva.', 4, ?, '2025-11-24T10:00:00Z', '2025-11-24T10:00:00Z')`,
    );
    // As an import did then: the rows, their audit batch, their operations.
    old.transaction((batch) => {
      for (const [id, url] of Object.entries(LINKS)) insert.run(id, `Item ${id.slice(-2)}`, url, `feed.xml › ${id.slice(-2)}`, `hash-${id}`);
      old.audit.record('document', Object.keys(LINKS)[0]!, 'import', null, { title: 'Item a1' }, batch.id);
    });
    old.close();
  });

  const store = Store.open(path);
  try {
    assert.equal(store.schemaVersion, files.length);
    const db = rawDatabase(store);
    const urls = Object.fromEntries((db.prepare('SELECT id, url FROM documents ORDER BY id').all() as { id: string; url: string | null }[]).map((row) => [row.id, row.url]));
    assert.deepEqual(Object.values(urls), [null, null, 'https://wire.example.com/talks', 'HTTP://Wire.example.com/upper', null, null]);

    const batch = db.prepare("SELECT batch_id, undoable FROM audit_batches WHERE label = 'Removed document links that were not web addresses'").get() as
      | { batch_id: string; undoable: number }
      | undefined;
    assert.ok(batch, 'the cleanup is in the history');
    assert.equal(batch.undoable, 0);
    const audited = db.prepare('SELECT record_id, before_json, after_json FROM audit_log WHERE batch_id = ? ORDER BY record_id').all(batch.batch_id) as {
      record_id: string;
      before_json: string;
      after_json: string;
    }[];
    assert.deepEqual(
      audited.map((row) => [row.record_id.slice(-2), JSON.parse(row.before_json).url, JSON.parse(row.after_json).url]),
      [
        ['a1', LINKS['00000000-0000-7000-8000-0000000000a1'], null],
        ['a2', LINKS['00000000-0000-7000-8000-0000000000a2'], null],
        ['a5', LINKS['00000000-0000-7000-8000-0000000000a5'], null],
      ],
    );
    const operations = db.prepare("SELECT record_id, field, after_json FROM operations WHERE batch_id = ? ORDER BY record_id").all(batch.batch_id) as {
      record_id: string;
      field: string;
      after_json: string | null;
    }[];
    assert.deepEqual(
      operations.map((op) => [op.record_id.slice(-2), op.field, op.after_json]),
      [
        ['a1', 'url', 'null'],
        ['a2', 'url', 'null'],
        ['a5', 'url', 'null'],
      ],
    );
    assert.equal((db.prepare('SELECT count(*) AS n FROM sync_touched').get() as { n: number }).n, 0, 'nothing left for the next change to pick up');
    assert.equal(store.history.state().canUndo, false, 'the cleanup is not an undo step');
    assert.equal(store.check().integrity, 'ok');
  } finally {
    store.close();
  }
});
