/**
 * The raw database handle of an open case, for tests and benchmarks that set up or inspect rows
 * directly (a damaged index, a row from an old schema). Lint keeps this module out of the app:
 * everything in electron/ outside electron/store/ goes through the repositories.
 */
import type Database from 'better-sqlite3';

const handles = new WeakMap<object, Database.Database>();

/** Called by the Store when it opens its file. */
export function registerRawDatabase(store: object, db: Database.Database): void {
  handles.set(store, db);
}

export function rawDatabase(store: object): Database.Database {
  const db = handles.get(store);
  if (!db) throw new Error('not an open Parley store');
  return db;
}
