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
import { appliedMigrations, applyMigrations, loadMigrations, pendingMigrations } from './migrations';

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
  assertLooksLikeParleyStore(path);
  const known = loadMigrations();

  // Checks on a read-only connection first: a refused file must stay byte-for-byte unchanged.
  let pendingCount: number;
  let checkDeferred = false;
  let inspection: ReturnType<typeof openForInspection> | undefined;
  try {
    inspection = openForInspection(path, options);
    const check = inspection.db;
    checkDeferred = statSync(path).size > (options.fullCheckOnOpenBytes ?? FULL_CHECK_ON_OPEN_BYTES);
    const result = checkDeferred ? quickCheckSmallTables(check) : check.pragma('quick_check', { simple: true });
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
    pendingCount = pendingMigrations(applied, known).length;
    check.close();
  } catch (error) {
    if (inspection?.db.open) inspection.db.close();
    inspection?.cleanUp();
    throw asStoreError(error, path);
  }

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

function asStoreError(error: unknown, path: string): Error {
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
