/**
 * The case as raw table rows, for exchange: a read model (every record, or a scope of documents,
 * with the audit history of what was read) for dumps, bundles and tables, and a write API that
 * applies rows from another copy of the case in one transaction. What to write, and how clashes
 * are settled, is decided by the caller (electron/exchange/merge.ts); this module only applies it.
 */
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import { newBatchId, type AuditLog, type HistoryBatch, type HistoryEntry } from './audit-log';
import { aggregateOf, CASE_TABLES, childKeyOf, type CaseTable, type RawRow, type Rows } from './rows';
import { prepareOnce } from './statements';

export { CASE_TABLES, aggregateOf, childKeyOf, type CaseTable, type RawRow } from './rows';
export type { HistoryBatch, HistoryEntry } from './audit-log';

/** Raw rows per table. Parties carry `aliases`, annotations `tag_ids`, documents `band_keys`. */
export type CaseRecords = Record<CaseTable, RawRow[]> & { history: { batches: HistoryBatch[]; entries: HistoryEntry[] } };

export interface ReadOptions {
  /** Only these documents (with their originals and annotations); null or absent: the whole case. */
  documentIds?: string[] | null;
  /** Originals' bytes (large). */
  originals?: boolean;
  /** The audit rows of the records read. */
  history?: boolean;
}

/**
 * Row writes for one merge, all inside its transaction. Nothing here decides: it reads, writes and
 * audits what it is told to.
 */
export interface CaseRowWriter {
  readonly batchId: string;
  columnsOf(table: CaseTable): string[];
  row(table: CaseTable, id: string): RawRow | null;
  exists(table: CaseTable, id: string): boolean;
  /** The id of the row whose `column` (a UNIQUE natural key) holds `value`. */
  idByKey(table: CaseTable, column: string, value: unknown, caseInsensitive: boolean): string | null;
  /** The party an alias names. */
  aliasOwner(alias: unknown): string | null;
  /** Write in a savepoint: a row that breaks a constraint (a name already taken) rolls back alone and is returned as the error. */
  insert(table: CaseTable, row: RawRow): Error | null;
  update(table: CaseTable, id: string, changes: RawRow): Error | null;
  /** This case's audit rows for a record, oldest first. */
  history(aggregate: string, id: string): HistoryEntry[];
  hasHistory(batchId: string, aggregate: string, recordId: string): boolean;
  /** Copy another copy's audit row in (never undoable). */
  importHistory(entry: HistoryEntry, label: string): void;
  /** Name this merge's batch (before its first row). */
  label(label: string): void;
  /** An audit row for a merged record, action 'merge', in this merge's batch. */
  record(aggregate: string, id: string, before: unknown, after: unknown): void;
  /** True when the case holds no analyst records (a fresh case has only its seeded issue areas). */
  isEmpty(): boolean;
  /** Drop the seeded issue areas of an empty case (audited), so an imported case keeps its own ids for them. */
  clearSeededIssueAreas(): void;
}

export class CaseRecordsRepository {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
  ) {}

  /**
   * Every record of the case, or only the documents in `documentIds` (with their originals and
   * annotations; parties, sources, concessions and the codebooks always come whole).
   */
  read(options: ReadOptions = {}): CaseRecords {
    const scope = options.documentIds ? new Set(options.documentIds) : null;
    const records = {} as CaseRecords;
    for (const table of CASE_TABLES) {
      let rows = this.all(`SELECT * FROM ${table} ORDER BY id`);
      if (scope && table === 'documents') rows = rows.filter((row) => scope.has(String(row.id)));
      if (scope && (table === 'annotations' || table === 'suggestion_rejections')) rows = rows.filter((row) => scope.has(String(row.document_id)));
      const childKey = childKeyOf(table);
      if (childKey) {
        const byParent = this.rows.childrenByParent(table);
        for (const row of rows) row[childKey] = byParent.get(String(row.id)) ?? [];
      }
      records[table] = rows;
    }
    if (scope) {
      const wanted = new Set(records.documents.map((row) => row.original_id).filter((id) => id !== null).map(String));
      records.originals = records.originals.filter((row) => wanted.has(String(row.id)));
    }
    if (!options.originals) records.originals = [];
    if (options.history) {
      const read = new Set<string>();
      for (const table of CASE_TABLES) for (const row of records[table]) read.add(`${aggregateOf(table)}:${String(row.id)}`);
      records.history = this.audit.historyOf(read);
    } else {
      records.history = { batches: [], entries: [] };
    }
    return records;
  }

  isEmpty(): boolean {
    return CASE_TABLES.filter((table) => table !== 'issue_areas').every((table) => this.all(`SELECT 1 AS x FROM ${table} LIMIT 1`).length === 0);
  }

  /**
   * Apply rows from another copy of the case: one transaction, one (non-undoable) batch, foreign
   * keys checked when it commits; references the rows leave dangling refuse the whole merge.
   */
  apply<T>(write: (writer: CaseRowWriter) => T): T {
    const batchId = newBatchId();
    const writer = this.writer(batchId);
    return this.db.transaction(() => {
      this.db.pragma('defer_foreign_keys = ON');
      const result = write(writer);
      const violations = this.db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) throw new ParleyError('invalid_input', `The bundle's records refer to records it does not contain (${violations.length} references)`);
      return result;
    })();
  }

  private writer(batchId: string): CaseRowWriter {
    const attempt = (write: () => void): Error | null => {
      try {
        this.db.transaction(write)();
        return null;
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.startsWith('SQLITE_CONSTRAINT')) return error as Error;
        throw error;
      }
    };
    return {
      batchId,
      columnsOf: (table) => this.rows.columnsOf(table),
      row: (table, id) => this.rows.row(table, id),
      exists: (table, id) => this.statement(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined,
      idByKey: (table, column, value, caseInsensitive) => {
        if (!this.rows.columnsOf(table).includes(column)) throw new ParleyError('internal', `${table} has no column ${column}`);
        const collate = caseInsensitive ? ' COLLATE NOCASE' : '';
        return (this.statement(`SELECT id FROM ${table} WHERE ${column} = ?${collate}`).get(value) as { id: string } | undefined)?.id ?? null;
      },
      aliasOwner: (alias) => (this.statement('SELECT party_id FROM party_aliases WHERE alias = ?').get(alias) as { party_id: string } | undefined)?.party_id ?? null,
      insert: (table, row) => attempt(() => this.rows.insertMerged(table, row)),
      update: (table, id, changes) => attempt(() => this.rows.updateMerged(table, id, changes)),
      history: (aggregate, id) => this.audit.historyOfRecord(aggregate, id),
      hasHistory: (batch, aggregate, recordId) => this.audit.hasEntry(batch, aggregate, recordId),
      importHistory: (entry, label) => this.audit.importForeign(entry, label),
      label: (label) => this.audit.label(batchId, label),
      record: (aggregate, id, before, after) => this.audit.record(aggregate, id, 'merge', before, after, batchId),
      isEmpty: () => this.isEmpty(),
      clearSeededIssueAreas: () => {
        for (const row of this.all('SELECT * FROM issue_areas ORDER BY position')) {
          this.statement('DELETE FROM issue_areas WHERE id = ?').run(row.id);
          this.audit.record('issue_area', String(row.id), 'delete', row, null, batchId);
        }
      },
    };
  }

  private all(sql: string): RawRow[] {
    return this.statement(sql).all() as RawRow[];
  }

  private statement(sql: string): Database.Statement {
    return prepareOnce(this.db, this.statements, sql);
  }
}
