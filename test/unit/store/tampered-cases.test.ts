import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ParleyError } from '../../../shared/errors';
import { checkCase } from '../../../electron/store/health-check';
import { Store } from '../../../electron/store/index';
import { fileHash, tempDir } from '../../helpers/temp';
import { addDocument, addParty, GENEVA, SANCTIONS } from './helpers/case-fixtures';

/**
 * Case files travel by e-mail, so someone else may have opened one in a SQLite tool first. Each
 * attack below is a schema change made with plain SQLite; Parley must refuse to open the file
 * (so nothing in it runs), leave it byte-for-byte as it was, and name the objects in `check`.
 */
function healthyCase(dir: string, name = 'case.parley'): string {
  const path = join(dir, name);
  const store = Store.create(path);
  addDocument(store, GENEVA);
  addParty(store, 'Russia', ['Kremlin']);
  store.close();
  return path;
}

function tamper(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function expectRefused(path: string, pattern: RegExp): ParleyError {
  const before = fileHash(path);
  const sidecars = readdirSync(join(path, '..')).sort();
  let caught: unknown;
  try {
    Store.open(path).close();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ParleyError, `expected Parley's own error, got ${String(caught)}`);
  assert.equal(caught.code, 'store_tampered', caught.message);
  assert.match(caught.message, pattern);
  assert.doesNotMatch(caught.message, /SQLITE_|foreign key mismatch|no such (table|column)/i);
  assert.equal(fileHash(path), before, 'the refused file is unchanged');
  assert.deepEqual(readdirSync(join(path, '..')).sort(), sidecars, 'no -wal/-shm left beside it');
  return caught;
}

const ATTACKS: { name: string; sql: string; named: RegExp }[] = [
  {
    name: 'a trigger that copies article text into a hidden table',
    sql: `CREATE TABLE _cache (t TEXT);
      CREATE TRIGGER _keep AFTER INSERT ON documents BEGIN INSERT INTO _cache VALUES (new.text); END;`,
    named: /(?=[^]*trigger "_keep" on documents)(?=[^]*table "_cache")/,
  },
  {
    name: 'a trigger that empties the audit log',
    sql: 'CREATE TRIGGER tidy AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log; END;',
    named: /trigger "tidy" on audit_log/,
  },
  {
    name: 'a trigger that raises an error on every import',
    sql: "CREATE TRIGGER nope BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'imports are closed'); END;",
    named: /trigger "nope" on documents/,
  },
  { name: 'an extra view', sql: 'CREATE VIEW everything AS SELECT title, text FROM documents;', named: /view "everything"/ },
  { name: 'an extra index', sql: 'CREATE INDEX by_title ON documents(title);', named: /index "by_title" on documents/ },
];

describe('tampered case files are refused on open and named by check', () => {
  for (const attack of ATTACKS) {
    it(`${attack.name}: refused untouched, named by check, dropped by check --repair after a backup`, async () => {
      const dir = tempDir();
      const path = healthyCase(dir);
      tamper(path, attack.sql);
      const error = expectRefused(path, attack.named);
      assert.match(error.message, /parley check --repair/);

      const before = fileHash(path);
      const report = await Store.checkFile(path);
      assert.equal(fileHash(path), before, 'check without --repair writes nothing');
      assert.ok(report.schema.unexpected.length > 0);
      assert.match(report.problems.join('\n'), attack.named);
      assert.equal(report.integrity, 'ok');

      const repaired = await Store.checkFile(path, {}, { repair: true });
      assert.match(repaired.repaired.join('\n'), /backed up the case to .*before-repair/);
      assert.match(repaired.repaired.join('\n'), attack.named);
      assert.deepEqual(repaired.schema.unexpected, []);
      assert.deepEqual(repaired.problems, []);
      const backups = readdirSync(`${path}.backups`);
      assert.equal(backups.length, 1);
      // The backup still holds the evidence of the attack; the case no longer does.
      expectRefused(join(`${path}.backups`, backups[0]!), attack.named);

      const store = Store.open(path);
      try {
        addDocument(store, SANCTIONS);
        assert.equal(store.counts().documents, 2);
        assert.ok(store.counts().audit_log! > 0);
      } finally {
        store.close();
      }
    });
  }

  it('a Parley trigger rewritten in place (same name, other body) is refused as changed; --repair does not drop it', async () => {
    const path = healthyCase(tempDir());
    tamper(path, `DROP TRIGGER documents_fts_insert;
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN DELETE FROM audit_log; END;`);
    const error = expectRefused(path, /differs from Parley's definition: trigger "documents_fts_insert" on documents/);
    assert.match(error.message, /Restore the case from a backup/);
    const report = await Store.checkFile(path, {}, { repair: true });
    assert.match(report.problems.join('\n'), /changed trigger "documents_fts_insert"/);
    assert.throws(() => Store.open(path), /altered outside Parley/);
  });

  it('a dropped Parley index is refused as missing', async () => {
    const path = healthyCase(tempDir());
    tamper(path, 'DROP INDEX document_bands_key;');
    expectRefused(path, /is missing: index "document_bands_key" on document_bands/);
    const report = await Store.checkFile(path);
    assert.match(report.problems.join('\n'), /missing index "document_bands_key"/);
  });

  it("a parent table rebuilt without its primary key (SQLite: 'foreign key mismatch') gets Parley's message", () => {
    const path = healthyCase(tempDir());
    tamper(path, `PRAGMA foreign_keys = OFF;
      CREATE TABLE parties_copy AS SELECT * FROM parties;
      DROP TABLE parties;
      ALTER TABLE parties_copy RENAME TO parties;`);
    // Without the guard the next write names SQLite's "foreign key mismatch".
    expectRefused(path, /table "parties"/);
  });

  it("Parley's migration table altered (SQLite: 'no such column') gets Parley's message", () => {
    const path = healthyCase(tempDir());
    tamper(path, 'ALTER TABLE schema_migrations RENAME COLUMN checksum TO sum;');
    const error = expectRefused(path, /database structure is not what Parley wrote/);
    assert.match(error.details?.sqlite ?? '', /checksum/);
  });

  it('a healthy case has nothing unexpected', async () => {
    const path = healthyCase(tempDir());
    const report = await Store.checkFile(path);
    assert.deepEqual(report.schema, { unexpected: [], missing: [], changed: [] });
    assert.deepEqual(report.problems, []);
  });
});

describe('checking a read-only case', () => {
  it('the checks run on a connection that cannot write (what a read-only file gets, even for root)', () => {
    const path = healthyCase(tempDir());
    const db = new Database(`file:${path}?immutable=1`, { readonly: true });
    try {
      const report = checkCase(db, { readOnly: true });
      assert.equal(report.ftsConsistent, true, report.problems.join('\n'));
      assert.deepEqual(report.problems, []);
    } finally {
      db.close();
    }
  });

  it('a healthy case in a read-only file and folder is healthy (the full-text check needs no writes)', async (t) => {
    if (process.getuid?.() === 0) return t.skip('root ignores file permissions');
    const dir = tempDir();
    const path = healthyCase(dir);
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    t.after(() => chmodSync(dir, 0o755));
    const before = fileHash(path);
    const report = await Store.checkFile(path);
    assert.equal(report.ftsConsistent, true, report.problems.join('\n'));
    assert.deepEqual(report.problems, []);
    const store = Store.open(path);
    try {
      assert.equal(store.readOnly, true);
      assert.equal(store.check().ftsConsistent, true);
    } finally {
      store.close();
    }
    assert.equal(fileHash(path), before);
    assert.equal(existsSync(`${path}-wal`), false);
  });

  it('a read-only case whose index is out of step is still reported INCONSISTENT', async (t) => {
    if (process.getuid?.() === 0) return t.skip('root ignores file permissions');
    const dir = tempDir();
    const path = healthyCase(dir);
    // Text changed behind the index's back (the update trigger is Parley's, so drop and restore it around the edit).
    const db = new Database(path);
    const trigger = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'documents_fts_update'").get() as { sql: string }).sql;
    db.exec("DROP TRIGGER documents_fts_update; UPDATE documents SET text = 'Entirely different words now.';");
    db.exec(trigger);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    chmodSync(path, 0o444);
    const report = await Store.checkFile(path);
    assert.equal(report.ftsConsistent, false);
    chmodSync(path, 0o644);
  });
});
