import type Database from 'better-sqlite3';

/**
 * A statement prepared once per connection and reused by its SQL text: the repositories' hot paths
 * (imports, the operation log's flush) run the same few statements thousands of times.
 */
export function prepareOnce(db: Database.Database, cache: Map<string, Database.Statement>, sql: string): Database.Statement {
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
