/**
 * Raw rows: the one generic reader and writer of the case's tables. Undo/redo, bundle merges,
 * explicit deletes and repointing are built from it. An undoable audit row carries the table row
 * as it was before and after (plus child rows such as party aliases and annotation tags), so
 * history can restore it exactly.
 *
 * Deletes never lean on ON DELETE SET NULL / CASCADE: references are nulled (or, for NOT NULL
 * ones, the referring rows deleted) here first, each with its own audit row in the same batch,
 * so undoing a delete brings the references back too.
 */
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import { RESTORABLE_AGGREGATES, type AuditAction, type AuditLog } from './audit-log';
import { prepareOnce } from './statements';

export type Snapshot = Record<string, unknown>;
/** A table row as stored, with its child rows under their key (see CASE_TABLES). */
export type RawRow = Record<string, unknown>;
export type RestorableAggregate = (typeof RESTORABLE_AGGREGATES)[number];

/** Every table a case is made of, in the order they are written (references first). */
export const CASE_TABLES = [
  'originals',
  'documents',
  'parties',
  'sources',
  'issue_areas',
  'tags',
  'plans',
  'plan_versions',
  'plan_points',
  'concessions',
  'annotations',
  'concession_stances',
  'suggestion_rejections',
] as const;
export type CaseTable = (typeof CASE_TABLES)[number];

interface ChildSpec {
  /** Key of the child list inside a row or snapshot. */
  key: string;
  table: string;
  parentColumn: string;
  valueColumn: string;
}

/** Per table: the aggregate its audit rows name, and the child rows that travel with a row. */
const CASE_TABLE_SPECS: Record<CaseTable, { aggregate: string; child?: ChildSpec }> = {
  originals: { aggregate: 'original' },
  documents: { aggregate: 'document', child: { key: 'band_keys', table: 'document_bands', parentColumn: 'document_id', valueColumn: 'band_key' } },
  parties: { aggregate: 'party', child: { key: 'aliases', table: 'party_aliases', parentColumn: 'party_id', valueColumn: 'alias' } },
  sources: { aggregate: 'source' },
  issue_areas: { aggregate: 'issue_area' },
  tags: { aggregate: 'tag' },
  plans: { aggregate: 'plan' },
  plan_versions: { aggregate: 'plan_version' },
  plan_points: { aggregate: 'plan_point' },
  concessions: { aggregate: 'concession' },
  annotations: { aggregate: 'annotation', child: { key: 'tag_ids', table: 'annotation_tags', parentColumn: 'annotation_id', valueColumn: 'tag_id' } },
  concession_stances: { aggregate: 'concession_stance' },
  // The analyst's rejections of suggestions (pending suggestions are local machine output, no case table).
  suggestion_rejections: { aggregate: 'suggestion_rejection' },
};

/** The aggregate name a table's audit rows carry ('parties' → 'party'). */
export const aggregateOf = (table: CaseTable): string => CASE_TABLE_SPECS[table].aggregate;
/** The key a table's child rows travel under in a row ('aliases', 'tag_ids', 'band_keys'), if any. */
export const childKeyOf = (table: CaseTable): string | null => CASE_TABLE_SPECS[table].child?.key ?? null;

interface RestorableSpec {
  table: CaseTable;
  /** Rows with blobs or large bodies: snapshots hold only the columns a change writes. */
  partial?: boolean;
  /** Child rows elsewhere that point at this record (a tag is referenced by annotation_tags). */
  childReferences?: { table: string; column: string }[];
}

const TABLES: Record<RestorableAggregate, RestorableSpec> = {
  party: { table: 'parties' },
  source: { table: 'sources' },
  concession: { table: 'concessions' },
  concession_stance: { table: 'concession_stances' },
  annotation: { table: 'annotations' },
  tag: { table: 'tags', childReferences: [{ table: 'annotation_tags', column: 'tag_id' }] },
  plan: { table: 'plans' },
  plan_version: { table: 'plan_versions' },
  plan_point: { table: 'plan_points' },
  document: { table: 'documents', partial: true },
  suggestion_rejection: { table: 'suggestion_rejections' },
};

/** How a row write treats keys that are not columns, and child rows that are already there. */
interface WriteMode {
  /** History snapshots name columns only: anything else is a bug. Merged rows may carry extras. */
  unknownKeys: 'refuse' | 'skip';
  /** Merged child rows may repeat (a band key twice); restored ones never do. */
  duplicateChildren: 'refuse' | 'ignore';
}
const HISTORY_WRITE: WriteMode = { unknownKeys: 'refuse', duplicateChildren: 'refuse' };
const MERGE_WRITE: WriteMode = { unknownKeys: 'skip', duplicateChildren: 'ignore' };

/** Who points at a record. A `required` reference (NOT NULL column) cannot be nulled: its row goes. */
interface Reference {
  aggregate: RestorableAggregate;
  column: string;
  required?: boolean;
}

export const REFERENCES: Partial<Record<RestorableAggregate, Reference[]>> = {
  party: [
    { aggregate: 'party', column: 'affiliation_id' },
    { aggregate: 'source', column: 'party_id' },
    { aggregate: 'concession', column: 'conceding_party_id' },
    { aggregate: 'concession', column: 'beneficiary_party_id' },
    { aggregate: 'concession', column: 'proposed_by_party_id' },
    { aggregate: 'plan', column: 'proposed_by_party_id' },
    { aggregate: 'annotation', column: 'party_id' },
    { aggregate: 'annotation', column: 'stance_party_id' },
    { aggregate: 'concession_stance', column: 'party_id', required: true },
  ],
  source: [
    { aggregate: 'annotation', column: 'source_id' },
    { aggregate: 'annotation', column: 'publisher_source_id' },
  ],
  concession: [
    { aggregate: 'annotation', column: 'concession_id' },
    { aggregate: 'concession_stance', column: 'concession_id', required: true },
  ],
  annotation: [{ aggregate: 'concession_stance', column: 'annotation_id' }],
  plan: [{ aggregate: 'plan_version', column: 'plan_id', required: true }],
  plan_version: [{ aggregate: 'plan_point', column: 'version_id', required: true }],
  plan_point: [{ aggregate: 'concession', column: 'plan_point_id' }],
  document: [
    { aggregate: 'annotation', column: 'document_id', required: true },
    { aggregate: 'document', column: 'near_duplicate_of' },
  ],
};

export function isRestorable(aggregate: string): aggregate is RestorableAggregate {
  return Object.hasOwn(TABLES, aggregate);
}

/**
 * The one generic row reader and writer over the case's tables: undo/redo, merges, explicit
 * deletes and repointing are built from it. Table and column names come from the schema, never
 * unchecked from a row's keys; values are always bound parameters.
 */
export class Rows {
  private readonly columns = new Map<string, string[]>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {
    for (const table of CASE_TABLES) {
      const info = db.pragma(`table_info(${table})`) as { name: string }[];
      this.columns.set(table, info.map((column) => column.name));
    }
  }

  /** A table's columns, in schema order. */
  columnsOf(table: CaseTable): string[] {
    return this.columns.get(table)!;
  }

  /** The whole row of any case table with its child rows; null when it does not exist. */
  row(table: CaseTable, id: string): RawRow | null {
    const row = this.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as RawRow | undefined;
    if (!row) return null;
    const child = CASE_TABLE_SPECS[table].child;
    if (child) row[child.key] = this.children(child, id);
    return row;
  }

  /** Every child row of a table, grouped by parent id (for reading the whole case at once). */
  childrenByParent(table: CaseTable): Map<string, unknown[]> {
    const byParent = new Map<string, unknown[]>();
    const child = CASE_TABLE_SPECS[table].child;
    if (!child) return byParent;
    const entries = this.statement(`SELECT ${child.parentColumn} AS parent, ${child.valueColumn} AS value FROM ${child.table} ORDER BY 1, 2`).all() as {
      parent: string;
      value: unknown;
    }[];
    for (const entry of entries) {
      const list = byParent.get(entry.parent) ?? [];
      list.push(entry.value);
      byParent.set(entry.parent, list);
    }
    return byParent;
  }

  /** Insert a row from another copy of the case, unaudited (the merge audits it its own way). */
  insertMerged(table: CaseTable, row: RawRow): void {
    this.insertRow(table, row, MERGE_WRITE);
  }

  /** Update a row from another copy of the case, unaudited (the merge audits it its own way). */
  updateMerged(table: CaseTable, id: string, changes: RawRow): void {
    this.updateRow(table, id, changes, MERGE_WRITE);
  }

  /** The raw row (and its child rows), or only `columns` of it; null when it does not exist. */
  snapshot(aggregate: RestorableAggregate, id: string, columns?: string[]): Snapshot | null {
    const spec = TABLES[aggregate];
    if (spec.partial && !columns) throw new Error(`${aggregate} snapshots must name their columns`);
    const child = CASE_TABLE_SPECS[spec.table].child;
    const rowColumns = columns?.filter((column) => column !== child?.key);
    const list = rowColumns ? ['id', ...rowColumns.filter((column) => column !== 'id')].map((column) => this.column(spec.table, column)) : ['*'];
    const row = this.statement(`SELECT ${list.join(', ')} FROM ${spec.table} WHERE id = ?`).get(id) as Snapshot | undefined;
    if (!row) return null;
    if (child && (!columns || columns.includes(child.key))) row[child.key] = this.children(child, id);
    return row;
  }

  /** Insert a row (with its child rows) from a snapshot and audit it. */
  insert(aggregate: RestorableAggregate, row: Snapshot, batchId: string, action: AuditAction = 'create'): Snapshot {
    this.insertRow(TABLES[aggregate].table, row, HISTORY_WRITE);
    const id = String(row.id);
    const after = this.snapshot(aggregate, id, TABLES[aggregate].partial ? Object.keys(row) : undefined);
    this.audit.record(aggregate, id, action, null, after, batchId);
    return after!;
  }

  /** Set some columns of a row and audit the change (raw before/after). */
  update(aggregate: RestorableAggregate, id: string, changes: Snapshot, batchId: string, action: AuditAction = 'update'): Snapshot {
    const spec = TABLES[aggregate];
    const columns = spec.partial ? Object.keys(changes) : undefined;
    const before = this.snapshot(aggregate, id, columns);
    if (!before) throw new ParleyError('not_found', `That ${noun(aggregate)} no longer exists`);
    this.updateRow(spec.table, id, changes, HISTORY_WRITE);
    const after = this.snapshot(aggregate, id, columns)!;
    this.audit.record(aggregate, id, action, before, after, batchId);
    return after;
  }

  /** Delete a row after detaching everything that points at it, all audited in one batch. */
  remove(aggregate: RestorableAggregate, id: string, batchId: string, action: AuditAction = 'delete'): Snapshot {
    if (TABLES[aggregate].partial) throw new Error(`${aggregate} rows are not removed through history`);
    this.repoint(aggregate, id, null, batchId);
    const before = this.snapshot(aggregate, id);
    if (!before) throw new ParleyError('not_found', `That ${noun(aggregate)} no longer exists`);
    this.statement(`DELETE FROM ${TABLES[aggregate].table} WHERE id = ?`).run(id);
    this.audit.record(aggregate, id, action, before, null, batchId);
    return before;
  }

  /**
   * Move every reference from one record to another (merge), or null it (delete). NOT NULL
   * references cannot be nulled, so their rows are deleted. A record never ends up pointing at
   * itself (merging a party into its own affiliation clears the affiliation).
   */
  repoint(aggregate: RestorableAggregate, fromId: string, toId: string | null, batchId: string, action: AuditAction = 'update'): number {
    let moved = 0;
    for (const reference of REFERENCES[aggregate] ?? []) {
      const spec = TABLES[reference.aggregate];
      const column = this.column(spec.table, reference.column);
      const ids = this.statement(`SELECT id FROM ${spec.table} WHERE ${column} = ? ORDER BY id`)
        .all(fromId)
        .map((row) => (row as { id: string }).id);
      for (const id of ids) {
        if (toId === null && reference.required) {
          this.remove(reference.aggregate, id, batchId);
        } else {
          const target = reference.aggregate === aggregate && id === toId ? null : toId;
          this.update(reference.aggregate, id, { [reference.column]: target }, batchId, action);
        }
        moved++;
      }
    }
    return moved;
  }

  /**
   * Undo/redo one audit row: check the record is as the row left it (`expected`), then make it
   * `target` (null = absent), and audit that as `action`. Refuses rather than guess when the record
   * has changed since, or when a row to be removed is still referenced.
   */
  restore(aggregate: RestorableAggregate, id: string, expected: Snapshot | null, target: Snapshot | null, action: AuditAction, batchId: string): void {
    const spec = TABLES[aggregate];
    const keys = Object.keys(expected ?? target ?? {});
    if (spec.partial && (expected === null || target === null)) throw new ParleyError('conflict', `Adding or removing a ${noun(aggregate)} cannot be undone`);
    const current = this.snapshot(aggregate, id, spec.partial ? keys : undefined);
    if (!sameRecord(current, expected)) {
      throw new ParleyError('conflict', `the ${noun(aggregate)} ${nameOf(expected ?? current)}has changed since`);
    }
    if (target === null) {
      this.assertUnreferenced(aggregate, id, expected);
      this.statement(`DELETE FROM ${spec.table} WHERE id = ?`).run(id);
    } else if (current === null) {
      this.insertRow(spec.table, target, HISTORY_WRITE);
    } else {
      this.updateRow(spec.table, id, target, HISTORY_WRITE);
    }
    const after = target === null ? null : this.snapshot(aggregate, id, spec.partial ? Object.keys(target) : undefined);
    this.audit.record(aggregate, id, action, current, after, batchId);
  }

  private assertUnreferenced(aggregate: RestorableAggregate, id: string, snapshot: Snapshot | null): void {
    const spec = TABLES[aggregate];
    const checks = [
      ...(REFERENCES[aggregate] ?? []).map((reference) => ({ table: TABLES[reference.aggregate].table as string, column: reference.column })),
      ...(spec.childReferences ?? []),
    ];
    for (const check of checks) {
      if (this.statement(`SELECT 1 FROM ${check.table} WHERE ${check.column} = ? LIMIT 1`).get(id)) {
        throw new ParleyError('conflict', `the ${noun(aggregate)} ${nameOf(snapshot)}is used by records made since`);
      }
    }
  }

  private insertRow(table: CaseTable, row: RawRow, mode: WriteMode): void {
    const child = CASE_TABLE_SPECS[table].child;
    const columns = this.writableColumns(table, row, mode);
    this.statement(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((column) => row[column]));
    if (child && Array.isArray(row[child.key])) this.writeChildren(child, String(row.id), row[child.key] as unknown[], mode);
  }

  private updateRow(table: CaseTable, id: string, changes: RawRow, mode: WriteMode): void {
    const child = CASE_TABLE_SPECS[table].child;
    const columns = this.writableColumns(table, changes, mode).filter((column) => column !== 'id');
    if (columns.length > 0) {
      const result = this.statement(`UPDATE ${table} SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`).run(
        ...columns.map((column) => changes[column]),
        id,
      );
      if (result.changes !== 1) throw new ParleyError('not_found', `That ${noun(CASE_TABLE_SPECS[table].aggregate)} no longer exists`);
    }
    if (child && Array.isArray(changes[child.key])) {
      this.statement(`DELETE FROM ${child.table} WHERE ${child.parentColumn} = ?`).run(id);
      this.writeChildren(child, id, changes[child.key] as unknown[], mode);
    }
  }

  /** The row's keys that are columns; other keys are refused or skipped as the mode says. */
  private writableColumns(table: CaseTable, row: RawRow, mode: WriteMode): string[] {
    const childKey = CASE_TABLE_SPECS[table].child?.key;
    const keys = Object.keys(row).filter((key) => key !== childKey);
    if (mode.unknownKeys === 'refuse') return keys.map((key) => this.column(table, key));
    return this.columnsOf(table).filter((column) => keys.includes(column));
  }

  private children(child: ChildSpec, parentId: string): unknown[] {
    return this.statement(`SELECT ${child.valueColumn} AS value FROM ${child.table} WHERE ${child.parentColumn} = ? ORDER BY ${child.valueColumn}`)
      .all(parentId)
      .map((entry) => (entry as { value: unknown }).value);
  }

  private writeChildren(child: ChildSpec, parentId: string, values: unknown[], mode: WriteMode): void {
    const verb = mode.duplicateChildren === 'ignore' ? 'INSERT OR IGNORE' : 'INSERT';
    const insert = this.statement(`${verb} INTO ${child.table} (${child.parentColumn}, ${child.valueColumn}) VALUES (?, ?)`);
    for (const value of values) insert.run(parentId, value);
  }

  /** Column names come from the schema, never from a snapshot's keys unchecked. */
  private column(table: CaseTable, name: string): string {
    if (!this.columnsOf(table).includes(name)) throw new ParleyError('internal', `${table} has no column ${name}`);
    return name;
  }

  private statement(sql: string): Database.Statement {
    return prepareOnce(this.db, this.statements, sql);
  }
}

function sameRecord(actual: Snapshot | null, expected: Snapshot | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Object.keys(expected).every((key) => JSON.stringify(actual[key] ?? null) === JSON.stringify(expected[key] ?? null));
}

function noun(aggregate: string): string {
  return aggregate.replace(/_/g, ' ');
}

function nameOf(snapshot: Snapshot | null): string {
  const name = snapshot?.name ?? snapshot?.title ?? snapshot?.exact;
  if (typeof name !== 'string') return '';
  return `"${name.length > 40 ? `${name.slice(0, 39)}…` : name}" `;
}
