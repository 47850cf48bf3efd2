/**
 * Numbered SQL migrations (migrations/NNNN_name.sql), immutable once released. The runner records
 * version, name and checksum; refuses an edited or missing migration and a store newer than this
 * Parley; applies everything pending in one transaction.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Source tree: beside this module. Bundled app: dist/electron/migrations (copied by the build). */
export function migrationsDir(): string {
  return process.env.PARLEY_MIGRATIONS_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'migrations');
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE_PATTERN.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return { version: Number(match[1]), name: match[2]!, sql, checksum: checksum(sql) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${migration.version} at ${index + 1}`);
    }
  });
  return migrations;
}

export function checksum(sql: string): string {
  // Line endings are normalised so a checkout with CRLF does not look like an edit.
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

export function appliedMigrations(db: Database.Database): AppliedRow[] {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!exists) return [];
  return db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
}

/** Throws when the store cannot be migrated by this Parley; returns the migrations still to apply. */
export function pendingMigrations(applied: AppliedRow[], known: Migration[]): Migration[] {
  const newest = known.length;
  for (const row of applied) {
    if (row.version > newest) {
      throw new ParleyError(
        'store_too_new',
        `This case was written by a newer Parley (schema ${applied.at(-1)?.version}; this version knows up to ${newest}). Update Parley to open it; the file was not changed.`,
      );
    }
    const migration = known[row.version - 1]!;
    if (migration.checksum !== row.checksum || migration.name !== row.name) {
      throw new ParleyError(
        'migration_mismatch',
        `Migration ${String(row.version).padStart(4, '0')}_${row.name} was changed after it was applied to this case; refusing to open it. The file was not changed.`,
      );
    }
  }
  return known.slice(applied.length);
}

export function applyMigrations(db: Database.Database, pending: Migration[]): void {
  if (pending.length === 0) return;
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.checksum, new Date().toISOString());
    }
  })();
}
