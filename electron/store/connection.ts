/**
 * Opening and creating case files. Opening never modifies a file that is not a Parley store:
 * the header and application id are read from the raw bytes before SQLite touches the file, and
 * integrity and schema are checked on a read-only connection before the writable one is made.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import { appliedMigrations, applyMigrations, loadMigrations, pendingMigrations, type Migration } from './migrations';
import { compareSchema, describeDrift, driftAdvice, dropUnexpected, hasDrift, type SchemaDrift } from './schema-guard';
import type { SchemaObject } from '../../shared/model/case';

// better-sqlite3 reads this once, when the addon loads: URI filenames let us open a case with
// `immutable=1` (no -wal/-shm files created) for inspection and on read-only media.
process.env.SQLITE_USE_URI ??= '1';

/** PRAGMA application_id of every Parley case: 'PRLY'. */
export const PARLEY_APPLICATION_ID = 0x50524c59;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface ConnectionOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron loads its own build). */
  nativeBinding?: string;
  /** Override FULL_CHECK_ON_OPEN_BYTES (tests: 0 defers the full check for any case). */
  fullCheckOnOpenBytes?: number;
}

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  readOnly: boolean;
  schemaVersion: number;
  /** Only the small tables were checked on open (a large case): the full check is still to run. */
  checkDeferred?: boolean;
}

/**
 * Up to this size a case gets SQLite's full quick_check before it opens (well under a second).
 * A larger one gets the check of its small tables (schema, parties, sources, concessions, …) and
 * the full check on a worker thread after opening (store/background-check.ts): a full check of a
 * 100,000-article case takes 15-30 s, and opening it must take under one.
 */
export const FULL_CHECK_ON_OPEN_BYTES = 64 * 1024 * 1024;
const SMALL_TABLES = ['sqlite_schema', 'schema_migrations', 'sync_state', 'analysts', 'parties', 'party_aliases', 'sources', 'issue_areas', 'tags', 'plans', 'plan_versions', 'plan_points', 'concessions', 'concession_stances', 'settings'];

/** Create a new, empty case. Refuses to overwrite an existing non-empty file. */
export function createCaseFile(path: string, options: ConnectionOptions = {}): OpenedDatabase {
  if (existsSync(path) && statSync(path).size > 0) {
    throw new ParleyError('conflict', `${path} already exists; open it instead, or choose another name`);
  }
  let db: Database.Database;
  try {
    db = new Database(path, databaseOptions(options));
  } catch (error) {
    throw ioError(error, path);
  }
  try {
    // The marker goes into the file's header before WAL mode, so it is on disk at once (not in the
    // WAL) and a second process, or a restart after a crash, recognises the case.
    db.pragma(`application_id = ${PARLEY_APPLICATION_ID}`);
    db.pragma('journal_mode = WAL');
    configure(db);
    const known = loadMigrations();
    applyMigrations(db, known);
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { db, path, readOnly: false, schemaVersion: known.length };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Open an existing case, migrating it forward if this Parley is newer. */
export function openCaseFile(path: string, options: ConnectionOptions = {}): OpenedDatabase {
  const known = loadMigrations();
  // Checks on a read-only connection first: a refused file must stay byte-for-byte unchanged.
  let checkDeferred = false;
  const { pendingCount, drift } = withInspection(path, options, (check) => {
    checkDeferred = statSync(path).size > (options.fullCheckOnOpenBytes ?? FULL_CHECK_ON_OPEN_BYTES);
    return inspectCase(check, path, known, checkDeferred);
  });
  if (hasDrift(drift)) throw tamperedError(path, drift);
  const readOnly = !isWritable(path);
  if (readOnly && pendingCount > 0) {
    throw new ParleyError('read_only', `${basename(path)} needs upgrading but is read-only; make it writable and open it again`);
  }
  let db: Database.Database;
  try {
    // On read-only media SQLite cannot create the -shm file WAL needs; with nothing pending in a
    // WAL the file can be read as immutable instead.
    const immutable = readOnly && !hasPendingWal(path);
    db = new Database(immutable ? immutableUri(path) : path, { ...databaseOptions(options), readonly: readOnly, fileMustExist: !immutable });
  } catch (error) {
    if (readOnly) {
      throw new ParleyError('read_only', `${basename(path)} is read-only and has changes still in its -wal file; copy the case and its -wal file to a writable folder to open it`);
    }
    throw asStoreError(error, path);
  }
  try {
    configure(db, readOnly);
    if (!readOnly) {
      const pending = pendingMigrations(appliedMigrations(db), known);
      applyMigrations(db, pending);
    }
    return { db, path, readOnly, schemaVersion: known.length, checkDeferred };
  } catch (error) {
    db.close();
    throw asStoreError(error, path);
  }
}

/**
 * The checks every open makes, on the read-only inspection connection: integrity, Parley's marker,
 * migrations this Parley knows, and a schema that is exactly what those migrations create.
 */
function inspectCase(check: Database.Database, path: string, known: Migration[], smallTablesOnly = false): { pendingCount: number; drift: SchemaDrift } {
  const result = smallTablesOnly ? quickCheckSmallTables(check) : check.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    throw new ParleyError('store_corrupt', `${basename(path)} is damaged (integrity check: ${String(result)}). Restore it from a backup.`);
  }
  if (check.pragma('application_id', { simple: true }) !== PARLEY_APPLICATION_ID) {
    throw new ParleyError('not_a_store', `${basename(path)} is a SQLite database, but not a Parley case`);
  }
  const applied = appliedMigrations(check);
  if (applied.length === 0) {
    throw new ParleyError('not_a_store', `${basename(path)} has Parley's marker but no schema; it is not a usable Parley case`);
  }
  const pendingCount = pendingMigrations(applied, known).length;
  return { pendingCount, drift: compareSchema(check, known.slice(0, applied.length)) };
}

/** Run `inspect` on a read-only connection that leaves no trace (kept open until a returned promise settles). */
function withInspection<T>(path: string, options: ConnectionOptions, inspect: (db: Database.Database) => T): T {
  assertLooksLikeParleyStore(path);
  let inspection: ReturnType<typeof openForInspection> | undefined;
  const finish = () => {
    if (inspection?.db.open) inspection.db.close();
    inspection?.cleanUp();
  };
  const translate = (error: unknown) => unreadableSchema(asStoreError(error, path), path);
  let result: T;
  try {
    inspection = openForInspection(path, options);
    result = inspect(inspection.db);
  } catch (error) {
    finish();
    throw translate(error);
  }
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        finish();
        return value;
      },
      (error: unknown) => {
        finish();
        throw translate(error);
      },
    ) as T;
  }
  finish();
  return result;
}

/** A schema SQLite itself stumbles over while Parley inspects it ("foreign key mismatch", "no such column"). */
function unreadableSchema(error: Error, path: string): Error {
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof ParleyError || !code.startsWith('SQLITE_')) return error;
  return new ParleyError(
    'store_tampered',
    `${basename(path)} was altered outside Parley: its database structure is not what Parley wrote, and it cannot be read. The file was not changed. Restore the case from a backup (parley restore).`,
    { sqlite: error.message },
  );
}

function tamperedError(path: string, drift: SchemaDrift): ParleyError {
  return new ParleyError(
    'store_tampered',
    `${basename(path)} was altered outside Parley: ${describeDrift(drift).join('; ')}. Parley does not open it, so nothing in it can run; the file was not changed. ${driftAdvice(drift)}.`,
  );
}

/**
 * `parley check` on a case that may not open: the schema drift, and the store-level checks run by
 * `check` on a read-only connection (reads fire no trigger). Throws for what is not a case at all.
 */
export function inspectCaseFile<T>(path: string, options: ConnectionOptions, check: (db: Database.Database, drift: SchemaDrift, pendingCount: number) => T): T {
  const known = loadMigrations();
  return withInspection(path, options, (db) => {
    const { pendingCount, drift } = inspectCase(db, path, known);
    return check(db, drift, pendingCount);
  });
}

/** `parley check --repair`: drop what no migration creates, on a writable connection, after the caller's backup. */
export function dropUnexpectedObjects(path: string, options: ConnectionOptions, objects: SchemaObject[]): void {
  if (!isWritable(path)) throw new ParleyError('read_only', `${basename(path)} is read-only; make it writable to remove the objects Parley did not create`);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { ...databaseOptions(options), fileMustExist: true });
    dropUnexpected(db, objects);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    throw asStoreError(error, path);
  } finally {
    db?.close();
  }
}

function quickCheckSmallTables(db: Database.Database): string {
  const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  for (const table of SMALL_TABLES) {
    if (table !== 'sqlite_schema' && !present.has(table)) continue;
    const result = String(db.pragma(`quick_check(${table})`, { simple: true }));
    if (result !== 'ok') return result;
  }
  return 'ok';
}

/** Reads only the first 100 bytes: a Parley case is a SQLite file with our application id. */
export function assertLooksLikeParleyStore(path: string): void {
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new ParleyError('not_a_store', `${name} is a folder, not a Parley case file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ParleyError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ParleyError('not_found', `${path} does not exist`);
    throw ioError(error, path);
  }
  if (size === 0) throw new ParleyError('not_a_store', `${name} is an empty file, not a Parley case`);
  const header = Buffer.alloc(100);
  let read = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, header, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw ioError(error, path);
  }
  const magic = header.subarray(0, 16).toString('latin1');
  if (read < 100 || magic !== SQLITE_HEADER) {
    const kind = describeForeignFile(header.subarray(0, read));
    throw new ParleyError('not_a_store', `${name} is not a Parley case${kind ? ` (it looks like ${kind})` : ''}`);
  }
  const applicationId = header.readUInt32BE(68);
  // A case written by another connection may still hold its first page in the WAL.
  if (applicationId !== PARLEY_APPLICATION_ID && !(applicationId === 0 && hasPendingWal(path))) {
    throw new ParleyError('not_a_store', `${name} is a SQLite database, but not a Parley case`);
  }
}

/**
 * A read-only connection for checks. In WAL mode even a read-only connection creates -wal/-shm
 * files beside the database; when the file is then refused, those (empty) files are removed again
 * so a refused file is left exactly as it was found.
 */
function openForInspection(path: string, options: ConnectionOptions): { db: Database.Database; cleanUp(): void } {
  const walExisted = existsSync(`${path}-wal`);
  const shmExisted = existsSync(`${path}-shm`);
  const cleanUp = () => {
    for (const [suffix, existed] of [['-wal', walExisted], ['-shm', shmExisted]] as const) {
      const sidecar = `${path}${suffix}`;
      try {
        if (!existed && existsSync(sidecar) && (suffix === '-shm' || statSync(sidecar).size === 0)) unlinkSync(sidecar);
      } catch {
        /* best effort: a sidecar in use by another process stays */
      }
    }
  };
  try {
    if (!walExisted) return { db: new Database(immutableUri(path), { ...databaseOptions(options), readonly: true }), cleanUp };
    return { db: new Database(path, { ...databaseOptions(options), readonly: true, fileMustExist: true }), cleanUp };
  } catch (error) {
    cleanUp();
    throw error;
  }
}

function hasPendingWal(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

function immutableUri(path: string): string {
  return `${pathToFileURL(path).href}?immutable=1`;
}

function describeForeignFile(head: Buffer): string | null {
  const text = head.toString('latin1');
  if (text.startsWith('%PDF')) return 'a PDF document';
  if (text.startsWith('PK')) return 'a zip archive or Office document';
  if (/^\s*</.test(text)) return 'an HTML or XML file';
  if (text.startsWith('SQLite format')) return 'a truncated SQLite file';
  return null;
}

function databaseOptions(options: ConnectionOptions): Database.Options {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}

function configure(db: Database.Database, readOnly = false): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!readOnly) db.pragma('synchronous = NORMAL');
  // 64 MB of page cache (SQLite's default is 2 MB): a sync or import that writes 100,000
  // operations touches the log's indexes all over, and re-reading their pages was most of its time.
  db.pragma('cache_size = -65536');
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    // WAL needs to create -wal and -shm files beside the case.
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function asStoreError(error: unknown, path: string): Error {
  if (error instanceof ParleyError) return error;
  const code = (error as { code?: string }).code ?? '';
  const name = basename(path);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new ParleyError('store_corrupt', `${name} is damaged or truncated (${(error as Error).message}). Restore it from a backup.`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new ParleyError('conflict', `${name} is busy: another Parley window or process is writing to it`);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_IOERR' || code === 'SQLITE_FULL') {
    return ioError(error, path);
  }
  return error instanceof Error ? error : new Error(String(error));
}

function ioError(error: unknown, path: string): ParleyError {
  const code = (error as { code?: string }).code ?? '';
  const name = basename(path);
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')) {
    return new ParleyError('read_only', `${name} cannot be written: permission denied`);
  }
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return new ParleyError('io_error', `The disk holding ${name} is full; nothing was saved`);
  return new ParleyError('io_error', `${name}: ${(error as Error).message ?? String(error)}`);
}
