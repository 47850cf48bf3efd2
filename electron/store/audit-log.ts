/**
 * The audit log: every mutation records what changed, when, before and after, inside the same
 * transaction as the change itself. Rows of one user action share a batch; audit_batches names the
 * batch and tracks undo/redo. Undoable aggregates carry raw table rows (see rows.ts) as
 * before/after, so an undo is exact. This module is the only writer of audit_log and audit_batches
 * (migration 0003's trigger only stamps a row's analyst when none was given).
 */
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

export type AuditAction = 'create' | 'update' | 'delete' | 'merge' | 'import' | 'undo' | 'redo' | 'sync';

/** Aggregates whose audit rows are raw-row snapshots that rows.ts can restore. */
export const RESTORABLE_AGGREGATES = ['party', 'source', 'concession', 'concession_stance', 'annotation', 'tag', 'plan', 'plan_version', 'plan_point', 'document', 'suggestion_rejection'] as const;
const RESTORABLE = new Set<string>(RESTORABLE_AGGREGATES);

/**
 * Imports are not undoable (documents are removed by delete), nor is adding or deleting a document
 * (its original bytes and index are not in the log); document metadata and text edits are.
 */
export function isUndoable(aggregate: string, action: AuditAction): boolean {
  // A sync applies colleagues' changes: undo takes back the analyst's own, not theirs.
  if (action === 'import' || action === 'undo' || action === 'redo' || action === 'sync') return false;
  if (aggregate === 'document') return action === 'update';
  return RESTORABLE.has(aggregate);
}

const VERBS: Record<AuditAction, string> = {
  create: 'Create',
  update: 'Edit',
  delete: 'Delete',
  merge: 'Merge',
  import: 'Import',
  undo: 'Undo',
  redo: 'Redo',
  sync: 'Sync',
};

/** An audit row as a case dump or bundle carries it (store column names). */
export interface HistoryEntry {
  at: string;
  aggregate: string;
  record_id: string;
  action: string;
  before: unknown;
  after: unknown;
  batch_id: string;
}

export interface HistoryBatch {
  batch_id: string;
  label: string;
  at: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  aggregate: string;
  recordId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
  batchId: string;
}

export class AuditLog {
  private readonly insert: Database.Statement;
  private readonly byRecord: Database.Statement;
  private readonly recent: Database.Statement;
  private readonly registerBatch: Database.Statement;
  private readonly nameBatch: Database.Statement;
  private readonly markNotUndoable: Database.Statement;
  private readonly discardRedo: Database.Statement;
  private readonly insertHistoryBatch: Database.Statement;
  private readonly batchExists: Database.Statement;
  private readonly setBatchState: Database.Statement;
  private readonly maxSeq: Database.Statement;
  private readonly everyEntry: Database.Statement;
  private readonly everyBatch: Database.Statement;
  private readonly entryInBatch: Database.Statement;
  private readonly insertForeignBatch: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, aggregate, record_id, action, before_json, after_json, batch_id, analyst_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.registerBatch = db.prepare(
      `INSERT INTO audit_batches (batch_id, label, at, kind, undoable) VALUES (@batchId, @label, @at, 'change', @undoable)
       ON CONFLICT (batch_id) DO NOTHING`,
    );
    this.nameBatch = db.prepare(
      `INSERT INTO audit_batches (batch_id, label, at, kind, undoable) VALUES (@batchId, @label, @at, 'change', 1)
       ON CONFLICT (batch_id) DO NOTHING`,
    );
    this.batchExists = db.prepare('SELECT 1 FROM audit_batches WHERE batch_id = ?');
    this.markNotUndoable = db.prepare('UPDATE audit_batches SET undoable = 0 WHERE batch_id = ? AND undoable = 1');
    this.discardRedo = db.prepare("UPDATE audit_batches SET state = 'discarded' WHERE state = 'undone'");
    this.insertHistoryBatch = db.prepare(
      `INSERT INTO audit_batches (batch_id, label, at, kind, undoable, target_batch_id) VALUES (?, ?, ?, ?, 0, ?)`,
    );
    this.byRecord = db.prepare('SELECT * FROM audit_log WHERE aggregate = ? AND record_id = ? ORDER BY seq');
    this.recent = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');
    this.setBatchState = db.prepare('UPDATE audit_batches SET state = ? WHERE batch_id = ?');
    this.maxSeq = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_log');
    this.everyEntry = db.prepare('SELECT * FROM audit_log ORDER BY seq');
    this.everyBatch = db.prepare('SELECT batch_id, label, at FROM audit_batches ORDER BY seq');
    this.entryInBatch = db.prepare('SELECT 1 FROM audit_log WHERE batch_id = ? AND aggregate = ? AND record_id = ? LIMIT 1');
    this.insertForeignBatch = db.prepare(
      `INSERT INTO audit_batches (batch_id, label, at, kind, undoable, state) VALUES (?, ?, ?, 'change', 0, 'done') ON CONFLICT (batch_id) DO NOTHING`,
    );
  }

  /** Told of every audit row, inside its transaction: the operation log records the change as operations. */
  onRecorded: ((batchId: string) => void) | null = null;

  /**
   * Must be called inside the transaction that makes the change. `analystId`: who made it, when
   * not this replica's analyst (a change applied from a colleague's operations).
   */
  record(aggregate: string, recordId: string, action: AuditAction, before: unknown, after: unknown, batchId: string, analystId: string | null = null): void {
    const undoable = isUndoable(aggregate, action);
    const registered = this.registerBatch.run({ batchId, label: defaultLabel(aggregate, action, before, after), at: now(), undoable: undoable ? 1 : 0 });
    // A new user change forks history: what was undone can no longer be redone.
    if (registered.changes === 1 && undoable) this.discardRedo.run();
    if (registered.changes === 0 && !undoable) this.markNotUndoable.run(batchId);
    this.insert.run(new Date().toISOString(), aggregate, recordId, action, json(before), json(after), batchId, analystId);
    this.onRecorded?.(batchId);
  }

  /**
   * Name a user action ("Edit 30 sources") before its first audit row; must run inside the same
   * transaction. The first name wins, so an outer action keeps its name over the steps it calls;
   * a batch never named is named after its first row ("Edit party").
   */
  label(batchId: string, label: string): void {
    const isNew = this.batchExists.get(batchId) === undefined;
    this.nameBatch.run({ batchId, label: label.slice(0, 200), at: now() });
    if (isNew) this.discardRedo.run();
  }

  /** Open an undo or redo batch: history of its own, never itself on the undo or redo stack. */
  beginHistoryBatch(batchId: string, kind: 'undo' | 'redo', label: string, targetBatchId: string): void {
    this.insertHistoryBatch.run(batchId, label.slice(0, 200), now(), kind, targetBatchId);
  }

  /** Undo/redo moves a batch between the stacks ('done' ⇄ 'undone'). */
  markBatch(batchId: string, state: 'done' | 'undone'): void {
    this.setBatchState.run(state, batchId);
  }

  /** The newest entry's sequence number: changes since a backup are detectable by it. */
  latestSeq(): number {
    return (this.maxSeq.get() as { seq: number }).seq;
  }

  /** Whether this case's log already holds the row a foreign batch wrote for a record. */
  hasEntry(batchId: string, aggregate: string, recordId: string): boolean {
    return this.entryInBatch.get(batchId, aggregate, recordId) !== undefined;
  }

  /**
   * Copy an audit row from another copy of the case (a merged bundle) in; its batch is history
   * only, never on the undo stack. Must run inside the merge's transaction.
   */
  importForeign(entry: HistoryEntry, label: string): void {
    this.insertForeignBatch.run(entry.batch_id, label.slice(0, 200), entry.at);
    this.insert.run(entry.at, entry.aggregate, entry.record_id, entry.action, json(entry.before), json(entry.after), entry.batch_id, null);
  }

  /** The history of the given records (`aggregate:id` keys), as a dump carries it. */
  historyOf(records: Set<string>): { batches: HistoryBatch[]; entries: HistoryEntry[] } {
    const entries: HistoryEntry[] = [];
    const batchIds = new Set<string>();
    for (const row of this.everyEntry.iterate() as Iterable<AuditRow>) {
      if (!records.has(`${row.aggregate}:${row.record_id}`)) continue;
      entries.push(toHistoryEntry(row));
      batchIds.add(row.batch_id);
    }
    const batches = (this.everyBatch.all() as HistoryBatch[]).filter((batch) => batchIds.has(batch.batch_id));
    return { batches, entries };
  }

  /** A record's rows, oldest first, as a dump carries them (for comparing with a bundle's). */
  historyOfRecord(aggregate: string, recordId: string): HistoryEntry[] {
    return (this.byRecord.all(aggregate, recordId) as AuditRow[]).map(toHistoryEntry);
  }

  forRecord(aggregate: string, recordId: string): AuditEntry[] {
    return (this.byRecord.all(aggregate, recordId) as AuditRow[]).map(toEntry);
  }

  latest(limit = 100): AuditEntry[] {
    return (this.recent.all(limit) as AuditRow[]).map(toEntry);
  }
}

export const newBatchId = (): string => uuidv7();
export const newId = (): string => uuidv7();
export const now = (): string => new Date().toISOString();

function defaultLabel(aggregate: string, action: AuditAction, before: unknown, after: unknown): string {
  const snapshot = (after ?? before) as Record<string, unknown> | null;
  const named = snapshot && typeof snapshot === 'object' ? (snapshot.name ?? snapshot.title) : undefined;
  const noun = aggregate.replace(/_/g, ' ');
  const name = typeof named === 'string' ? ` "${named.length > 40 ? `${named.slice(0, 39)}…` : named}"` : '';
  return `${VERBS[action]} ${noun}${name}`;
}

interface AuditRow {
  seq: number;
  at: string;
  aggregate: string;
  record_id: string;
  action: AuditAction;
  before_json: string | null;
  after_json: string | null;
  batch_id: string;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

function toHistoryEntry(row: AuditRow): HistoryEntry {
  return {
    at: row.at,
    aggregate: row.aggregate,
    record_id: row.record_id,
    action: row.action,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    batch_id: row.batch_id,
  };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    aggregate: row.aggregate,
    recordId: row.record_id,
    action: row.action,
    before: row.before_json ? JSON.parse(row.before_json) : null,
    after: row.after_json ? JSON.parse(row.after_json) : null,
    batchId: row.batch_id,
  };
}
