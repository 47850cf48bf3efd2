/**
 * A case is a file people e-mail to each other, so its schema is untrusted: a trigger added by
 * someone else would run on the analyst's next import (copying text into a hidden table, emptying
 * the audit log, blocking every write). The schema a case may hold is exactly what the migrations
 * it has applied create, found by applying those migrations to an in-memory database, so a new
 * migration needs no list kept by hand here.
 */
import Database from 'better-sqlite3';
import { applyMigrations, type Migration } from './migrations';

import type { SchemaObject } from '../../shared/model/case';

export type { SchemaObject } from '../../shared/model/case';
type SchemaObjectType = SchemaObject['type'];

export interface SchemaDrift {
  /** Objects no migration creates: dropped by `parley check --repair`. */
  unexpected: SchemaObject[];
  /** Objects the migrations create that the case lacks. */
  missing: SchemaObject[];
  /** Objects whose definition differs from the migrations' (a trigger rewritten in place). */
  changed: SchemaObject[];
}

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

// Statistics ANALYZE and PRAGMA optimize keep (they steer the query planner and run nothing), and
// the indexes SQLite makes for a table's PRIMARY KEY and UNIQUE constraints (they follow from the
// table's own definition, which is compared).
const NOT_COMPARED = /^(sqlite_stat\d|sqlite_autoindex_.*)$/;

const expectedByMigrations = new Map<string, Map<string, SchemaRow>>();

/** The schema `applied` migrations create, keyed by type and name; computed once per migration list. */
export function expectedSchema(applied: Migration[]): Map<string, SchemaRow> {
  const key = applied.map((migration) => migration.checksum).join(',');
  let expected = expectedByMigrations.get(key);
  if (!expected) {
    const memory = new Database(':memory:');
    try {
      applyMigrations(memory, applied);
      expected = schemaRows(memory);
    } finally {
      memory.close();
    }
    expectedByMigrations.set(key, expected);
  }
  return expected;
}

/** Compare a case's schema (read only) with what its applied migrations create. */
export function compareSchema(db: Database.Database, applied: Migration[]): SchemaDrift {
  const expected = expectedSchema(applied);
  const actual = schemaRows(db);
  const drift: SchemaDrift = { unexpected: [], missing: [], changed: [] };
  for (const [key, row] of actual) {
    const wanted = expected.get(key);
    if (!wanted) drift.unexpected.push(toObject(row));
    else if (normaliseSql(wanted.sql) !== normaliseSql(row.sql) || wanted.tbl_name !== row.tbl_name) drift.changed.push(toObject(row));
  }
  for (const [key, row] of expected) if (!actual.has(key)) drift.missing.push(toObject(row));
  return drift;
}

export function hasDrift(drift: SchemaDrift): boolean {
  return drift.unexpected.length + drift.missing.length + drift.changed.length > 0;
}

/** 'trigger "copy_text" on documents' */
export function describeObject(object: SchemaObject): string {
  return object.type === 'index' || object.type === 'trigger' ? `${object.type} "${object.name}" on ${object.table}` : `${object.type} "${object.name}"`;
}

/** One sentence per kind of difference, naming every object. */
export function describeDrift(drift: SchemaDrift): string[] {
  const list = (objects: SchemaObject[]) => objects.map(describeObject).join(', ');
  const lines: string[] = [];
  if (drift.unexpected.length > 0) lines.push(`it holds ${plural(drift.unexpected.length, 'database object')} Parley does not create: ${list(drift.unexpected)}`);
  if (drift.changed.length > 0) lines.push(`${plural(drift.changed.length, 'database object')} ${drift.changed.length === 1 ? 'differs' : 'differ'} from Parley's definition: ${list(drift.changed)}`);
  if (drift.missing.length > 0) lines.push(`${plural(drift.missing.length, 'database object')} Parley needs ${drift.missing.length === 1 ? 'is' : 'are'} missing: ${list(drift.missing)}`);
  return lines;
}

/** What to do about it: extra objects can be dropped; a changed or missing one needs a backup. */
export function driftAdvice(drift: SchemaDrift): string {
  return drift.missing.length + drift.changed.length > 0
    ? 'Restore the case from a backup (parley restore)'
    : 'Remove them with parley check --repair (a backup is taken first), or restore the case from a backup (parley restore)';
}

/**
 * Drop objects no migration creates, triggers first so none fires while the rest go. The names
 * come from the case's own sqlite_schema, so they are quoted as identifiers.
 */
export function dropUnexpected(db: Database.Database, objects: SchemaObject[]): void {
  const order: SchemaObjectType[] = ['trigger', 'view', 'index', 'table'];
  const sorted = [...objects].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  db.transaction(() => {
    for (const object of sorted) {
      // An index of a table dropped before it, or a virtual table's shadow tables, may already be gone.
      const exists = db.prepare('SELECT 1 FROM sqlite_schema WHERE type = ? AND name = ?').get(object.type, object.name);
      if (exists) db.exec(`DROP ${object.type.toUpperCase()} IF EXISTS ${quoteIdentifier(object.name)}`);
    }
  })();
}

function schemaRows(db: Database.Database): Map<string, SchemaRow> {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema').all() as SchemaRow[];
  const map = new Map<string, SchemaRow>();
  for (const row of rows) {
    if (NOT_COMPARED.test(row.name)) continue;
    map.set(`${row.type}\u0000${row.name}`, row);
  }
  return map;
}

function toObject(row: SchemaRow): SchemaObject {
  return { type: row.type as SchemaObjectType, name: row.name, table: row.tbl_name };
}

function normaliseSql(sql: string | null): string {
  return (sql ?? '').replace(/\s+/g, ' ').trim();
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
