import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ParleyError } from '../../../shared/errors';
import { Store } from '../../../electron/store/index';
import { checksum, loadMigrations, migrationsDir } from '../../../electron/store/migrations';
import { fileHash, tempDir } from '../../helpers/temp';
import { rawDatabase } from '../../../electron/store/raw-database';

function expectStoreError(fn: () => unknown, code: string, pattern?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ParleyError, `expected a ParleyError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

function newCase(dir: string, name = 'case.parley'): string {
  const path = join(dir, name);
  const store = Store.create(path);
  store.parties.create({ name: 'Russia', kind: 'state', aliases: ['Kremlin'], affiliationId: null, color: null, notes: null });
  store.close();
  return path;
}

describe('creating and opening a case', () => {
  it('creates a STRICT, WAL, foreign-keyed store with every migration applied and the codebook seeded', () => {
    const dir = tempDir();
    const path = join(dir, 'ukraine-talks.parley');
    const store = Store.create(path);
    assert.equal(store.schemaVersion, loadMigrations().length);
    assert.equal(rawDatabase(store).pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(rawDatabase(store).pragma('foreign_keys', { simple: true }), 1);
    assert.equal(rawDatabase(store).pragma('synchronous', { simple: true }), 1); // NORMAL
    const tables = rawDatabase(store)
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")
      .all() as { name: string; sql: string }[];
    for (const table of tables) assert.match(table.sql, /\)\s*STRICT$/, `${table.name} must be STRICT`);
    assert.equal(store.issueAreas.list().length, 9);
    assert.equal(store.name, 'ukraine-talks');
    store.close();
  });

  it('reopens a case with its data', () => {
    const path = newCase(tempDir());
    const store = Store.open(path);
    assert.deepEqual(store.parties.list().map((party) => party.name), ['Russia']);
    store.close();
  });

  it('refuses to create over an existing file', () => {
    const dir = tempDir();
    const path = join(dir, 'notes.parley');
    writeFileSync(path, 'my notes');
    expectStoreError(() => Store.create(path), 'conflict', /already exists/);
    assert.equal(readFileSync(path, 'utf8'), 'my notes');
  });
});

describe('opening something that is not a Parley case', () => {
  const cases: [string, (dir: string) => string, string, RegExp][] = [
    ['an empty file', (dir) => { const p = join(dir, 'empty.parley'); writeFileSync(p, ''); return p; }, 'not_a_store', /empty file/],
    ['a PDF renamed', (dir) => { const p = join(dir, 'report.parley'); writeFileSync(p, '%PDF-1.7\n' + 'x'.repeat(400)); return p; }, 'not_a_store', /PDF/],
    ['a text file', (dir) => { const p = join(dir, 'text.parley'); writeFileSync(p, 'hello world '.repeat(20)); return p; }, 'not_a_store', /not a Parley case/],
    [
      'another SQLite database',
      (dir) => {
        const p = join(dir, 'other.parley');
        const db = new Database(p);
        db.exec('CREATE TABLE t (x)');
        db.close();
        return p;
      },
      'not_a_store',
      /SQLite database, but not a Parley case/,
    ],
    ['a folder', (dir) => { const p = join(dir, 'folder.parley'); mkdirSync(p); return p; }, 'not_a_store', /folder/],
    [
      'a truncated case',
      (dir) => {
        const p = newCase(dir, 'truncated.parley');
        truncateSync(p, 4096 + 100);
        return p;
      },
      'store_corrupt',
      /damaged|truncated/,
    ],
  ];
  for (const [label, make, code, pattern] of cases) {
    it(`refuses ${label} and leaves it byte-for-byte unchanged`, () => {
      const dir = tempDir();
      const path = make(dir);
      const before = existsSync(path) && !path.endsWith('folder.parley') ? fileHash(path) : null;
      const siblingsBefore = readdirSync(dir).sort();
      expectStoreError(() => Store.open(path), code, pattern);
      if (before) assert.equal(fileHash(path), before);
      assert.deepEqual(readdirSync(dir).sort(), siblingsBefore, 'no -wal/-shm or other files left behind');
    });
  }

  it('says when the file does not exist', () => {
    expectStoreError(() => Store.open(join(tempDir(), 'missing.parley')), 'not_found');
  });
});

describe('migrations', () => {
  it('are numbered without gaps and checksummed', () => {
    const migrations = loadMigrations();
    migrations.forEach((migration, index) => assert.equal(migration.version, index + 1));
    assert.equal(migrations[0]!.checksum, checksum(readFileSync(join(migrationsDir(), '0001_initial.sql'), 'utf8')));
  });

  it('refuse a case whose applied migration was edited since, without touching it', () => {
    const path = newCase(tempDir());
    const db = new Database(path);
    db.prepare('UPDATE schema_migrations SET checksum = ? WHERE version = 1').run('0'.repeat(64));
    db.close();
    const before = fileHash(path);
    expectStoreError(() => Store.open(path), 'migration_mismatch', /changed after it was applied/);
    assert.equal(fileHash(path), before);
  });

  it('refuse a case from a newer Parley, without touching it', () => {
    const path = newCase(tempDir());
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', '2030-01-01')").run();
    db.close();
    const before = fileHash(path);
    expectStoreError(() => Store.open(path), 'store_too_new', /newer Parley/);
    assert.equal(fileHash(path), before);
  });

  it('apply pending migrations in one transaction when a case is opened by a newer Parley', () => {
    const dir = tempDir();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    const shipped = loadMigrations();
    for (const file of readdirSync(migrationsDir())) copyFileSync(join(migrationsDir(), file), join(migrations, file));
    const number = (n: number) => String(n).padStart(4, '0');
    const previous = process.env.PARLEY_MIGRATIONS_DIR;
    process.env.PARLEY_MIGRATIONS_DIR = migrations;
    try {
      const path = newCase(dir);
      writeFileSync(join(migrations, `${number(shipped.length + 1)}_party_kind_index.sql`), 'CREATE INDEX parties_kind ON parties(kind);\n');
      const store = Store.open(path);
      assert.equal(store.schemaVersion, shipped.length + 1);
      assert.ok(rawDatabase(store).prepare("SELECT 1 FROM sqlite_schema WHERE name = 'parties_kind'").get());
      store.close();

      // A broken migration rolls back whole: the case stays where it was and keeps its data.
      const broken = join(migrations, `${number(shipped.length + 2)}_broken.sql`);
      writeFileSync(broken, 'CREATE TABLE half (x INTEGER) STRICT;\nTHIS IS NOT SQL;\n');
      assert.throws(() => Store.open(path));
      rmSync(broken);
      const reopened = Store.open(path);
      assert.equal(reopened.schemaVersion, shipped.length + 1);
      assert.equal(rawDatabase(reopened).prepare("SELECT 1 FROM sqlite_schema WHERE name = 'half'").get(), undefined);
      assert.equal(reopened.parties.list().length, 1);
      reopened.close();
    } finally {
      if (previous === undefined) delete process.env.PARLEY_MIGRATIONS_DIR;
      else process.env.PARLEY_MIGRATIONS_DIR = previous;
    }
  });
});
