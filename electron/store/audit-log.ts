/** The audit log: every mutation writes what changed, when, before and after, in its own transaction. */
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

export type AuditAction = 'create' | 'update' | 'delete' | 'merge' | 'import';

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

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, aggregate, record_id, action, before_json, after_json, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.byRecord = db.prepare('SELECT * FROM audit_log WHERE aggregate = ? AND record_id = ? ORDER BY seq');
    this.recent = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');
  }

  /** Must be called inside the transaction that makes the change. */
  record(aggregate: string, recordId: string, action: AuditAction, before: unknown, after: unknown, batchId: string): void {
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
