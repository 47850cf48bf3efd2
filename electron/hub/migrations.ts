/**
 * The hub's schema: numbered SQL files (migrations/NNNN_name.sql), immutable once released, as for
 * the case file. `parley hub init` applies what is pending in one transaction under a lock (two
 * inits at once are safe), records version, name and checksum, and refuses a hub whose applied
 * migrations were edited or that is newer than this Parley. Analysts' connections only check.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { ParleyError } from '../../shared/errors';
import { loadMigrations, type Migration } from '../store/migrations';

export const HUB_SCHEMA = 'parley_hub';

/** Source tree: migrations/ beside this module. Bundled app: dist/electron/hub-migrations (copied by the build). */
export function hubMigrationsDir(): string {
  if (process.env.PARLEY_HUB_MIGRATIONS_DIR) return process.env.PARLEY_HUB_MIGRATIONS_DIR;
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'hub-migrations');
  return existsSync(bundled) ? bundled : join(here, 'migrations');
}

export function loadHubMigrations(dir = hubMigrationsDir()): Migration[] {
  return loadMigrations(dir);
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/** Throws when this Parley cannot use (or upgrade) the hub; returns the migrations still to apply. */
export function pendingHubMigrations(applied: AppliedRow[], known: Migration[]): Migration[] {
  for (const row of applied) {
    if (row.version > known.length) {
      throw new ParleyError(
        'store_too_new',
        `This hub was set up by a newer Parley (hub schema ${applied.at(-1)?.version}; this version knows up to ${known.length}). Update Parley to use it; the hub was not changed.`,
      );
    }
    const migration = known[row.version - 1]!;
    if (migration.checksum !== row.checksum || migration.name !== row.name) {
      throw new ParleyError(
        'migration_mismatch',
        `Hub migration ${String(row.version).padStart(4, '0')}_${row.name} differs from the one this Parley knows; refusing to use the hub. It was not changed.`,
      );
    }
  }
  return known.slice(applied.length);
}

export interface HubInitResult {
  /** Hub schema version before and after. */
  from: number;
  to: number;
  applied: string[];
}

/** Create or upgrade the hub schema (the connected role becomes, or must be, its owner). */
export async function migrateHub(client: pg.ClientBase, known = loadHubMigrations()): Promise<HubInitResult> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('parley_hub:migrate', 0))");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${HUB_SCHEMA}`);
    await client.query(`SET LOCAL search_path = ${HUB_SCHEMA}, pg_catalog`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${HUB_SCHEMA}.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = (await client.query<AppliedRow>(`SELECT version, name, checksum FROM ${HUB_SCHEMA}.schema_migrations ORDER BY version`)).rows;
    const pending = pendingHubMigrations(applied, known);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${HUB_SCHEMA}.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
    }
    await client.query('COMMIT');
    return { from: applied.length, to: applied.length + pending.length, applied: pending.map((migration) => `${String(migration.version).padStart(4, '0')}_${migration.name}`) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** For analysts' connections: the hub must be set up, and by this Parley's schema exactly. */
export async function assertHubSchema(client: pg.ClientBase, known = loadHubMigrations()): Promise<number> {
  let applied: AppliedRow[];
  try {
    applied = (await client.query<AppliedRow>(`SELECT version, name, checksum FROM ${HUB_SCHEMA}.schema_migrations ORDER BY version`)).rows;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P01' || code === '3F000') {
      throw new ParleyError('not_found', 'That database is not a Parley hub yet: its administrator runs `parley hub init <url>` first');
    }
    if (code === '42501') throw new ParleyError('unauthorized', 'This role is not a Parley analyst on that hub (the administrator runs GRANT parley_analyst TO <role>)');
    throw error;
  }
  const pending = pendingHubMigrations(applied, known);
  if (pending.length > 0) {
    throw new ParleyError('conflict', `The hub's schema is older than this Parley (hub ${applied.length}, Parley ${known.length}): its administrator runs \`parley hub init <url>\` to upgrade it`);
  }
  return applied.length;
}
