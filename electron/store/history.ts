/**
 * Undo/redo over audit batches, persisted in the case so it survives a restart.
 *
 * An undo takes the latest batch that is 'done' and undoable, applies the inverse of each of its
 * audit rows in reverse order (raw-row snapshots, see rows.ts) in one transaction, and writes its
 * own audit rows (action 'undo') in a batch of its own, so the log stays a complete history. Redo
 * re-applies the most recently undone batch. A new user change discards the redo stack.
 *
 * By design, batches that cannot be undone (imports, adding or deleting a document, changes from
 * before schema 2) are not on the stack at all: undo passes over them to the user's last edit. If
 * such a batch changed a record that edit touched, the undo refuses with 'conflict' and names the
 * record rather than overwrite anything; it never skips part of a batch.
 */
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import type { HistoryEntry, HistoryState, HistoryStep } from '../../shared/model/history';
import { newBatchId, type AuditLog } from './audit-log';
import { isRestorable, type Rows, type Snapshot } from './rows';

interface BatchRow {
  batch_id: string;
  label: string;
}

interface ListedRow {
  seq: number;
  batch_id: string;
  label: string;
  at: string;
  kind: HistoryEntry['kind'];
  state: HistoryEntry['state'];
  undoable: 0 | 1;
  changes: number;
  aggregates_json: string;
  analysts_json: string;
}

interface EntryRow {
  aggregate: string;
  record_id: string;
  before_json: string | null;
  after_json: string | null;
}

export class History {
  private readonly topUndo: Database.Statement;
  private readonly topRedo: Database.Statement;
  private readonly entries: Database.Statement;
  private readonly listed: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
  ) {
    this.topUndo = db.prepare("SELECT batch_id, label FROM audit_batches WHERE undoable = 1 AND state = 'done' ORDER BY seq DESC LIMIT 1");
    this.topRedo = db.prepare("SELECT batch_id, label FROM audit_batches WHERE undoable = 1 AND state = 'undone' ORDER BY seq ASC LIMIT 1");
    this.entries = db.prepare('SELECT aggregate, record_id, before_json, after_json FROM audit_log WHERE batch_id = ? ORDER BY seq');
    // Newest first through the batches' primary key; each batch's rows through audit_log_batch.
    this.listed = db.prepare(
      `SELECT b.seq, b.batch_id, b.label, b.at, b.kind, b.state, b.undoable,
         (SELECT count(*) FROM audit_log l WHERE l.batch_id = b.batch_id) AS changes,
         (SELECT json_group_array(aggregate) FROM (SELECT DISTINCT l.aggregate FROM audit_log l WHERE l.batch_id = b.batch_id ORDER BY l.aggregate)) AS aggregates_json,
         (SELECT json_group_array(json_object('id', w.analyst_id, 'name', coalesce(an.name, 'Unknown analyst')))
            FROM (SELECT DISTINCT l.analyst_id FROM audit_log l WHERE l.batch_id = b.batch_id AND l.analyst_id IS NOT NULL) w
            LEFT JOIN analysts an ON an.id = w.analyst_id) AS analysts_json
       FROM audit_batches b
       WHERE b.seq < @before
         AND EXISTS (SELECT 1 FROM audit_log l WHERE l.batch_id = b.batch_id AND (@analyst IS NULL OR l.analyst_id = @analyst))
       ORDER BY b.seq DESC LIMIT @limit`,
    );
  }

  /** The case's history, newest first: each user action, undo, redo, sync and merge, with who made it. */
  list(query: { analystId?: string; beforeSeq?: number; limit: number }): HistoryEntry[] {
    const rows = this.listed.all({ before: query.beforeSeq ?? Number.MAX_SAFE_INTEGER, analyst: query.analystId ?? null, limit: query.limit }) as ListedRow[];
    return rows.map((row) => ({
      seq: row.seq,
      batchId: row.batch_id,
      label: row.label,
      at: row.at,
      kind: row.kind,
      state: row.state,
      undoable: row.undoable === 1,
      changes: row.changes,
      aggregates: JSON.parse(row.aggregates_json) as string[],
      analysts: (JSON.parse(row.analysts_json) as { id: string; name: string }[]).sort((a, b) => a.name.localeCompare(b.name)),
    }));
  }

  state(): HistoryState {
    const undo = this.topUndo.get() as BatchRow | undefined;
    const redo = this.topRedo.get() as BatchRow | undefined;
    return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
  }

  undo(): HistoryStep {
    return this.step('undo');
  }

  redo(): HistoryStep {
    return this.step('redo');
  }

  private step(kind: 'undo' | 'redo'): HistoryStep {
    const verb = kind === 'undo' ? 'Undo' : 'Redo';
    const { label, aggregates } = this.db.transaction(() => {
      const batch = (kind === 'undo' ? this.topUndo : this.topRedo).get() as BatchRow | undefined;
      if (!batch) throw new ParleyError('conflict', kind === 'undo' ? 'There is nothing to undo' : 'There is nothing to redo');
      const entries = this.entries.all(batch.batch_id) as EntryRow[];
      if (kind === 'undo') entries.reverse();
      const historyBatch = newBatchId();
      this.audit.beginHistoryBatch(historyBatch, kind, `${verb} ${batch.label}`, batch.batch_id);
      const touched = new Set<string>();
      for (const entry of entries) {
        if (!isRestorable(entry.aggregate)) throw new ParleyError('conflict', `${verb} "${batch.label}": a ${entry.aggregate} change cannot be reversed`);
        const before = parse(entry.before_json);
        const after = parse(entry.after_json);
        try {
          if (kind === 'undo') this.rows.restore(entry.aggregate, entry.record_id, after, before, 'undo', historyBatch);
          else this.rows.restore(entry.aggregate, entry.record_id, before, after, 'redo', historyBatch);
        } catch (error) {
          throw explain(error, `Cannot ${kind} "${batch.label}"`);
        }
        touched.add(entry.aggregate);
      }
      this.audit.markBatch(batch.batch_id, kind === 'undo' ? 'undone' : 'done');
      return { label: batch.label, aggregates: [...touched].sort() };
    })();
    return { ...this.state(), done: `${verb} ${label}`, aggregates };
  }
}

function parse(json: string | null): Snapshot | null {
  return json === null ? null : (JSON.parse(json) as Snapshot);
}

/** A record that moved on since (or a constraint it would break) is a conflict, never a crash. */
function explain(error: unknown, what: string): ParleyError {
  if (error instanceof ParleyError) return new ParleyError(error.code === 'not_found' ? 'conflict' : error.code, `${what}: ${error.message}`);
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new ParleyError('conflict', `${what}: it would clash with changes made since (${(error as Error).message})`);
  }
  throw error;
}
