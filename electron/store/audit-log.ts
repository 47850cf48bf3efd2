/**
 * The audit log: every mutation writes what changed, when, before and after, in its own transaction.
 * Rows of one user action share a batch; audit_batches names the batch and tracks undo/redo.
 * Undoable aggregates carry raw table rows (see rows.ts) as before/after, so an undo is exact.
 */
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

export type AuditAction = 'create' | 'update' | 'delete' | 'merge' | 'import' | 'undo' | 'redo';

/** Aggregates whose audit rows are raw-row snapshots that rows.ts can restore. */
export const RESTORABLE_AGGREGATES = ['party', 'source', 'concession', 'concession_stance', 'annotation', 'tag', 'plan', 'document'] as const;
const RESTORABLE = new Set<string>(RESTORABLE_AGGREGATES);

/**
 * Imports are not undoable (documents are removed by delete), nor is adding or deleting a document
 * (its original bytes and index are not in the log); document metadata and text edits are.
 */
export function isUndoable(aggregate: string, action: AuditAction): boolean {
  if (action === 'import' || action === 'undo' || action === 'redo') return false;
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
};

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
  private readonly relabelBatch: Database.Statement;
  private readonly markNotUndoable: Database.Statement;
  private readonly discardRedo: Database.Statement;
  private readonly insertHistoryBatch: Database.Statement;
  private readonly batchExists: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, aggregate, record_id, action, before_json, after_json, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.registerBatch = db.prepare(
      `INSERT INTO audit_batches (batch_id, label, at, kind, undoable) VALUES (@batchId, @label, @at, 'change', @undoable)
       ON CONFLICT (batch_id) DO NOTHING`,
    );
    this.relabelBatch = db.prepare(
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
  }

  /** Must be called inside the transaction that makes the change. */
  record(aggregate: string, recordId: string, action: AuditAction, before: unknown, after: unknown, batchId: string): void {
    const undoable = isUndoable(aggregate, action);
    const registered = this.registerBatch.run({ batchId, label: defaultLabel(aggregate, action, before, after), at: now(), undoable: undoable ? 1 : 0 });
    // A new user change forks history: what was undone can no longer be redone.
    if (registered.changes === 1 && undoable) this.discardRedo.run();
    if (registered.changes === 0 && !undoable) this.markNotUndoable.run(batchId);
    this.insert.run(
      new Date().toISOString(),
      aggregate,
      recordId,
      action,
      before === undefined || before === null ? null : JSON.stringify(before),
      after === undefined || after === null ? null : JSON.stringify(after),
      batchId,
    );
  }

  /**
   * Name a user action ("Edit 30 sources") before its first audit row; must run inside the same
   * transaction. The first name wins, so an outer action keeps its name over the steps it calls;
   * a batch never named is named after its first row ("Edit party").
   */
  label(batchId: string, label: string): void {
    const isNew = this.batchExists.get(batchId) === undefined;
    this.relabelBatch.run({ batchId, label: label.slice(0, 200), at: now() });
    if (isNew) this.discardRedo.run();
  }

  /** Open an undo or redo batch: history of its own, never itself on the undo or redo stack. */
  beginHistoryBatch(batchId: string, kind: 'undo' | 'redo', label: string, targetBatchId: string): void {
    this.insertHistoryBatch.run(batchId, label.slice(0, 200), now(), kind, targetBatchId);
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
