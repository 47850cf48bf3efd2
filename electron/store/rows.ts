/**
 * Raw-row snapshots for the audit log, and the generic writes that undo/redo, merges and explicit
 * deletes are built from. An undoable audit row carries the table row as it was before and after
 * (plus child rows such as party aliases and annotation tags), so history can restore it exactly.
 *
 * Deletes never lean on ON DELETE SET NULL / CASCADE: references are nulled (or, for NOT NULL
 * ones, the referring rows deleted) here first, each with its own audit row in the same batch,
 * so undoing a delete brings the references back too.
 */
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import { RESTORABLE_AGGREGATES, type AuditAction, type AuditLog } from './audit-log';

export type Snapshot = Record<string, unknown>;
export type RestorableAggregate = (typeof RESTORABLE_AGGREGATES)[number];

interface ChildSpec {
  /** Key of the child list inside the snapshot. */
  key: string;
  table: string;
  parentColumn: string;
  valueColumn: string;
}

interface TableSpec {
  table: string;
  child?: ChildSpec;
  /** Rows with blobs or large bodies: snapshots hold only the columns a change writes. */
  partial?: boolean;
  /** Child rows elsewhere that point at this record (a tag is referenced by annotation_tags). */
  childReferences?: { table: string; column: string }[];
}

const TABLES: Record<RestorableAggregate, TableSpec> = {
  party: { table: 'parties', child: { key: 'aliases', table: 'party_aliases', parentColumn: 'party_id', valueColumn: 'alias' } },
  source: { table: 'sources' },
  concession: { table: 'concessions' },
  concession_stance: { table: 'concession_stances' },
  annotation: { table: 'annotations', child: { key: 'tag_ids', table: 'annotation_tags', parentColumn: 'annotation_id', valueColumn: 'tag_id' } },
  tag: { table: 'tags', childReferences: [{ table: 'annotation_tags', column: 'tag_id' }] },
  plan: { table: 'plans' },
  document: { table: 'documents', partial: true },
};

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
  document: [
    { aggregate: 'annotation', column: 'document_id', required: true },
    { aggregate: 'document', column: 'near_duplicate_of' },
  ],
};

export function isRestorable(aggregate: string): aggregate is RestorableAggregate {
  return Object.hasOwn(TABLES, aggregate);
}

export class Rows {
  private readonly columns = new Map<string, Set<string>>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {
    for (const spec of Object.values(TABLES)) {
      const info = db.pragma(`table_info(${spec.table})`) as { name: string }[];
      this.columns.set(spec.table, new Set(info.map((column) => column.name)));
    }
  }

  /** The raw row (and its child rows), or only `columns` of it; null when it does not exist. */
  snapshot(aggregate: RestorableAggregate, id: string, columns?: string[]): Snapshot | null {
    const spec = TABLES[aggregate];
    if (spec.partial && !columns) throw new Error(`${aggregate} snapshots must name their columns`);
    const rowColumns = columns?.filter((column) => column !== spec.child?.key);
    const list = rowColumns ? ['id', ...rowColumns.filter((column) => column !== 'id')].map((column) => this.column(spec, column)) : ['*'];
    const row = this.statement(`SELECT ${list.join(', ')} FROM ${spec.table} WHERE id = ?`).get(id) as Snapshot | undefined;
    if (!row) return null;
    if (spec.child && (!columns || columns.includes(spec.child.key))) {
      const child = spec.child;
      row[child.key] = this.statement(
        `SELECT ${child.valueColumn} AS value FROM ${child.table} WHERE ${child.parentColumn} = ? ORDER BY ${child.valueColumn}`,
      )
        .all(id)
        .map((entry) => (entry as { value: unknown }).value);
    }
    return row;
  }

  /** Insert a row (with its child rows) from a snapshot and audit it. */
  insert(aggregate: RestorableAggregate, row: Snapshot, batchId: string, action: AuditAction = 'create'): Snapshot {
    this.insertRaw(aggregate, row);
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
    this.updateRaw(aggregate, id, changes);
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
      const column = this.column(spec, reference.column);
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
      this.insertRaw(aggregate, target);
    } else {
      this.updateRaw(aggregate, id, target);
    }
    const after = target === null ? null : this.snapshot(aggregate, id, spec.partial ? Object.keys(target) : undefined);
    this.audit.record(aggregate, id, action, current, after, batchId);
  }

  private assertUnreferenced(aggregate: RestorableAggregate, id: string, snapshot: Snapshot | null): void {
    const spec = TABLES[aggregate];
    const checks = [
      ...(REFERENCES[aggregate] ?? []).map((reference) => ({ table: TABLES[reference.aggregate].table, column: reference.column })),
      ...(spec.childReferences ?? []),
    ];
    for (const check of checks) {
      if (this.statement(`SELECT 1 FROM ${check.table} WHERE ${check.column} = ? LIMIT 1`).get(id)) {
        throw new ParleyError('conflict', `the ${noun(aggregate)} ${nameOf(snapshot)}is used by records made since`);
      }
    }
  }

  private insertRaw(aggregate: RestorableAggregate, row: Snapshot): void {
    const spec = TABLES[aggregate];
    const columns = Object.keys(row).filter((key) => key !== spec.child?.key).map((key) => this.column(spec, key));
    this.statement(`INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
      ...columns.map((column) => row[column]),
    );
    if (spec.child && Array.isArray(row[spec.child.key])) this.writeChildren(spec.child, String(row.id), row[spec.child.key] as unknown[]);
  }

  private updateRaw(aggregate: RestorableAggregate, id: string, changes: Snapshot): void {
    const spec = TABLES[aggregate];
    const columns = Object.keys(changes)
      .filter((key) => key !== 'id' && key !== spec.child?.key)
      .map((key) => this.column(spec, key));
    if (columns.length > 0) {
      const result = this.statement(`UPDATE ${spec.table} SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`).run(
        ...columns.map((column) => changes[column]),
        id,
      );
      if (result.changes !== 1) throw new ParleyError('not_found', `That ${noun(aggregate)} no longer exists`);
    }
    if (spec.child && Array.isArray(changes[spec.child.key])) {
      this.statement(`DELETE FROM ${spec.child.table} WHERE ${spec.child.parentColumn} = ?`).run(id);
      this.writeChildren(spec.child, id, changes[spec.child.key] as unknown[]);
    }
  }

  private writeChildren(child: ChildSpec, parentId: string, values: unknown[]): void {
    const insert = this.statement(`INSERT INTO ${child.table} (${child.parentColumn}, ${child.valueColumn}) VALUES (?, ?)`);
    for (const value of values) insert.run(parentId, value);
  }

  /** Column names come from the schema, never from a snapshot's keys unchecked. */
  private column(spec: TableSpec, name: string): string {
    if (!this.columns.get(spec.table)?.has(name)) throw new ParleyError('internal', `${spec.table} has no column ${name}`);
    return name;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
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
