/**
 * Whole-case reads and writes for exchange: a case (or a scope of its documents) as raw table rows
 * plus the audit history of those rows, and the merge of such a set of rows into this case.
 *
 * Merge rules (see electron/exchange/bundle.ts for the file format):
 * - records are matched by id; when the id is unknown, by their natural key (an original's sha256,
 *   a document's content hash, a party's, tag's or issue area's name), and the incoming id is
 *   mapped onto the local one (reported as `remapped`);
 * - a field that differs is taken from the side that changed it since the common version, which
 *   is read from the two audit logs (batches present on both sides are common history);
 * - when both sides changed it, or the common version cannot be known, the later `updated_at`
 *   wins, the field is listed as a conflict and the losing value is written to the audit log;
 * - the incoming audit history is copied in (never undoable), so the next merge knows the common
 *   version; merging the same rows twice changes nothing;
 * - the whole merge is one transaction; the merge batch is not undoable.
 */
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import { newBatchId, now, type AuditLog } from './audit-log';

export type RawRow = Record<string, unknown>;

/** Tables in the order they are written (references first; foreign keys are checked at commit). */
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
] as const;
export type CaseTable = (typeof CASE_TABLES)[number];

export interface HistoryBatch {
  batch_id: string;
  label: string;
  at: string;
}

export interface HistoryEntry {
  at: string;
  aggregate: string;
  record_id: string;
  action: string;
  before: unknown;
  after: unknown;
  batch_id: string;
}

/** Raw rows per table. Parties carry `aliases`, annotations `tag_ids`, documents `band_keys`. */
export type CaseRecords = Record<CaseTable, RawRow[]> & { history: { batches: HistoryBatch[]; entries: HistoryEntry[] } };

export interface MergeConflict {
  aggregate: string;
  id: string;
  field: string;
  kept: unknown;
  lost: unknown;
  /** Which side's value was kept: later `updated_at` wins, ties keep this case's value. */
  keptFrom: 'local' | 'bundle';
  reason: 'both_changed' | 'history_unknown' | 'constraint';
}

export interface MergeResult {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: MergeConflict[];
  /** Incoming records matched to a local one by natural key (name, content hash) rather than id. */
  remapped: { aggregate: string; bundleId: string; localId: string; key: string }[];
  /** Per aggregate: how many records were added / updated / unchanged. */
  byAggregate: Record<string, { added: number; updated: number; unchanged: number }>;
  /** History entries copied from the bundle into this case's audit log. */
  historyImported: number;
}

interface Child {
  key: string;
  table: string;
  parentColumn: string;
  valueColumn: string;
}

interface TableSpec {
  aggregate: string;
  /** Columns holding references: column → table. */
  refs: Record<string, CaseTable>;
  /** Natural key used when ids differ (UNIQUE column). */
  naturalKey?: string;
  caseInsensitiveKey?: boolean;
  child?: Child;
  /** Never edited after creation: matched, never updated. */
  immutable?: boolean;
  /** NOT NULL references: a record whose target is missing is skipped, not nulled. */
  required?: string[];
}

const SPECS: Record<CaseTable, TableSpec> = {
  originals: { aggregate: 'original', refs: {}, naturalKey: 'sha256', immutable: true },
  documents: {
    aggregate: 'document',
    refs: { near_duplicate_of: 'documents', original_id: 'originals' },
    naturalKey: 'content_hash',
    child: { key: 'band_keys', table: 'document_bands', parentColumn: 'document_id', valueColumn: 'band_key' },
  },
  parties: {
    aggregate: 'party',
    refs: { affiliation_id: 'parties' },
    naturalKey: 'name',
    caseInsensitiveKey: true,
    child: { key: 'aliases', table: 'party_aliases', parentColumn: 'party_id', valueColumn: 'alias' },
  },
  sources: { aggregate: 'source', refs: { party_id: 'parties' } },
  issue_areas: { aggregate: 'issue_area', refs: {}, naturalKey: 'name', caseInsensitiveKey: true },
  tags: { aggregate: 'tag', refs: {}, naturalKey: 'name', caseInsensitiveKey: true },
  plans: { aggregate: 'plan', refs: { proposed_by_party_id: 'parties' } },
  plan_versions: { aggregate: 'plan_version', refs: { plan_id: 'plans' }, required: ['plan_id'] },
  plan_points: { aggregate: 'plan_point', refs: { version_id: 'plan_versions' }, required: ['version_id'] },
  concessions: {
    aggregate: 'concession',
    refs: {
      issue_area_id: 'issue_areas',
      conceding_party_id: 'parties',
      beneficiary_party_id: 'parties',
      proposed_by_party_id: 'parties',
      plan_point_id: 'plan_points',
    },
  },
  annotations: {
    aggregate: 'annotation',
    refs: {
      document_id: 'documents',
      source_id: 'sources',
      publisher_source_id: 'sources',
      party_id: 'parties',
      concession_id: 'concessions',
      stance_party_id: 'parties',
    },
    required: ['document_id'],
    child: { key: 'tag_ids', table: 'annotation_tags', parentColumn: 'annotation_id', valueColumn: 'tag_id' },
  },
  concession_stances: {
    aggregate: 'concession_stance',
    refs: { concession_id: 'concessions', party_id: 'parties', annotation_id: 'annotations' },
    required: ['concession_id', 'party_id'],
  },
};

/** Bookkeeping columns never merged field by field (they follow the fields that are). */
const NOT_MERGED = new Set(['id', 'created_at', 'imported_at', 'updated_at', 'content_hash', 'minhash', 'band_keys', 'word_count']);
/** Marks this module's own audit rows, so a later merge does not mistake them for edits. */
const MERGE_MARK = 'parley_bundle_merge';

export class BundleRepository {
  private readonly columns = new Map<CaseTable, string[]>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {
    for (const table of CASE_TABLES) {
      this.columns.set(table, (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name));
    }
  }

  /**
   * Every record of the case, or only the documents in `documentIds` (with their originals and
   * annotations; parties, sources, concessions and the codebooks always come whole). Originals'
   * bytes only when asked. History: the audit rows of the records read.
   */
  read(options: { documentIds?: string[] | null; originals?: boolean; history?: boolean } = {}): CaseRecords {
    const scope = options.documentIds ? new Set(options.documentIds) : null;
    const records = {} as CaseRecords;
    for (const table of CASE_TABLES) {
      let rows = this.all(`SELECT * FROM ${table} ORDER BY id`);
      if (scope && table === 'documents') rows = rows.filter((row) => scope.has(String(row.id)));
      if (scope && table === 'annotations') rows = rows.filter((row) => scope.has(String(row.document_id)));
      const child = SPECS[table].child;
      if (child) {
        const byParent = new Map<string, unknown[]>();
        for (const entry of this.all(`SELECT ${child.parentColumn} AS parent, ${child.valueColumn} AS value FROM ${child.table} ORDER BY 1, 2`)) {
          const list = byParent.get(String(entry.parent)) ?? [];
          list.push(entry.value);
          byParent.set(String(entry.parent), list);
        }
        for (const row of rows) row[child.key] = byParent.get(String(row.id)) ?? [];
      }
      records[table] = rows;
    }
    if (scope) {
      const wanted = new Set(records.documents.map((row) => row.original_id).filter((id) => id !== null).map(String));
      records.originals = records.originals.filter((row) => wanted.has(String(row.id)));
    }
    if (!options.originals) records.originals = [];
    records.history = options.history ? this.readHistory(records) : { batches: [], entries: [] };
    return records;
  }

  private readHistory(records: CaseRecords): CaseRecords['history'] {
    const wanted = new Set<string>();
    for (const table of CASE_TABLES) for (const row of records[table]) wanted.add(`${SPECS[table].aggregate}:${String(row.id)}`);
    const entries: HistoryEntry[] = [];
    const batchIds = new Set<string>();
    for (const row of this.all('SELECT * FROM audit_log ORDER BY seq')) {
      if (!wanted.has(`${String(row.aggregate)}:${String(row.record_id)}`)) continue;
      entries.push({
        at: String(row.at),
        aggregate: String(row.aggregate),
        record_id: String(row.record_id),
        action: String(row.action),
        before: row.before_json === null ? null : JSON.parse(String(row.before_json)),
        after: row.after_json === null ? null : JSON.parse(String(row.after_json)),
        batch_id: String(row.batch_id),
      });
      batchIds.add(String(row.batch_id));
    }
    const batches = this.all('SELECT batch_id, label, at FROM audit_batches ORDER BY seq')
      .filter((row) => batchIds.has(String(row.batch_id)))
      .map((row) => ({ batch_id: String(row.batch_id), label: String(row.label), at: String(row.at) }));
    return { batches, entries };
  }

  /** True when the case holds no analyst records (a fresh case has only its seeded issue areas). */
  isEmpty(): boolean {
    return CASE_TABLES.filter((table) => table !== 'issue_areas').every((table) => this.all(`SELECT 1 AS x FROM ${table} LIMIT 1`).length === 0);
  }

  /**
   * Drop the seeded issue areas of an empty case, so an imported case keeps its own ids for them.
   * Must be called inside the caller's transaction.
   */
  private clearSeededIssueAreas(batchId: string): void {
    for (const row of this.all('SELECT * FROM issue_areas ORDER BY position')) {
      this.statement('DELETE FROM issue_areas WHERE id = ?').run(row.id);
      this.audit.record('issue_area', String(row.id), 'delete', row, null, batchId);
    }
  }

  /** Merge rows (from a bundle or dump) into this case in one transaction. */
  merge(incoming: CaseRecords, options: { label: string; replaceSeededIssueAreas?: boolean }): MergeResult {
    const run = this.db.transaction(() => {
      this.db.pragma('defer_foreign_keys = ON');
      const merger = new Merge(this, incoming, options.label);
      if (options.replaceSeededIssueAreas) {
        if (!this.isEmpty()) throw new ParleyError('conflict', 'This case already holds records; import a case dump only into a new, empty case');
        merger.begin();
        this.clearSeededIssueAreas(merger.batchId);
      }
      const result = merger.run();
      const violations = this.db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) throw new ParleyError('invalid_input', `The bundle's records refer to records it does not contain (${violations.length} references)`);
      return result;
    });
    return run();
  }

  // ---- helpers used by Merge (SQL stays in this file) ----

  columnsOf(table: CaseTable): string[] {
    return this.columns.get(table)!;
  }

  row(table: CaseTable, id: string): RawRow | null {
    const row = this.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as RawRow | undefined;
    if (!row) return null;
    const child = SPECS[table].child;
    if (child) row[child.key] = this.children(child, id);
    return row;
  }

  idByKey(table: CaseTable, column: string, value: unknown, caseInsensitive: boolean): string | null {
    const collate = caseInsensitive ? ' COLLATE NOCASE' : '';
    const row = this.statement(`SELECT id FROM ${table} WHERE ${this.column(table, column)} = ?${collate}`).get(value) as { id: string } | undefined;
    return row?.id ?? null;
  }

  exists(table: CaseTable, id: string): boolean {
    return this.statement(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  }

  aliasOwner(alias: unknown): string | null {
    const row = this.statement('SELECT party_id FROM party_aliases WHERE alias = ?').get(alias) as { party_id: string } | undefined;
    return row?.party_id ?? null;
  }

  insertRow(table: CaseTable, row: RawRow): void {
    const columns = this.columnsOf(table).filter((column) => Object.hasOwn(row, column));
    this.statement(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((column) => row[column]));
    const child = SPECS[table].child;
    if (child && Array.isArray(row[child.key])) this.writeChildren(child, String(row.id), row[child.key] as unknown[]);
  }

  updateRow(table: CaseTable, id: string, changes: RawRow): void {
    const columns = this.columnsOf(table).filter((column) => column !== 'id' && Object.hasOwn(changes, column));
    if (columns.length > 0) {
      this.statement(`UPDATE ${table} SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`).run(...columns.map((column) => changes[column]), id);
    }
    const child = SPECS[table].child;
    if (child && Array.isArray(changes[child.key])) {
      this.statement(`DELETE FROM ${child.table} WHERE ${child.parentColumn} = ?`).run(id);
      this.writeChildren(child, id, changes[child.key] as unknown[]);
    }
  }

  /** Audit rows of one record, oldest first, without this module's own merge rows. */
  entriesFor(aggregate: string, id: string): HistoryEntry[] {
    return (this.statement('SELECT * FROM audit_log WHERE aggregate = ? AND record_id = ? ORDER BY seq').all(aggregate, id) as RawRow[]).map((row) => ({
      at: String(row.at),
      aggregate: String(row.aggregate),
      record_id: String(row.record_id),
      action: String(row.action),
      before: row.before_json === null ? null : JSON.parse(String(row.before_json)),
      after: row.after_json === null ? null : JSON.parse(String(row.after_json)),
      batch_id: String(row.batch_id),
    }));
  }

  hasEntry(batchId: string, aggregate: string, recordId: string): boolean {
    return this.statement('SELECT 1 FROM audit_log WHERE batch_id = ? AND aggregate = ? AND record_id = ? LIMIT 1').get(batchId, aggregate, recordId) !== undefined;
  }

  /** Copy a foreign audit row in; its batch is history only, never on the undo stack. */
  importEntry(entry: HistoryEntry, label: string): void {
    this.statement(
      `INSERT INTO audit_batches (batch_id, label, at, kind, undoable, state) VALUES (?, ?, ?, 'change', 0, 'done') ON CONFLICT (batch_id) DO NOTHING`,
    ).run(entry.batch_id, label.slice(0, 200), entry.at);
    this.statement('INSERT INTO audit_log (at, aggregate, record_id, action, before_json, after_json, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      entry.at,
      entry.aggregate,
      entry.record_id,
      entry.action,
      entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.batch_id,
    );
  }

  record(aggregate: string, id: string, before: unknown, after: unknown, batchId: string): void {
    this.audit.record(aggregate, id, 'merge', before, after, batchId);
  }

  label(batchId: string, label: string): void {
    this.audit.label(batchId, label);
  }

  /** A savepoint: a failed write (a name already taken) rolls back alone. */
  attempt(write: () => void): Error | null {
    try {
      this.db.transaction(write)();
      return null;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT')) return error as Error;
      throw error;
    }
  }

  private children(child: Child, id: string): unknown[] {
    return (this.statement(`SELECT ${child.valueColumn} AS value FROM ${child.table} WHERE ${child.parentColumn} = ? ORDER BY 1`).all(id) as { value: unknown }[]).map(
      (entry) => entry.value,
    );
  }

  private writeChildren(child: Child, parentId: string, values: unknown[]): void {
    const insert = this.statement(`INSERT OR IGNORE INTO ${child.table} (${child.parentColumn}, ${child.valueColumn}) VALUES (?, ?)`);
    for (const value of values) insert.run(parentId, value);
  }

  private column(table: CaseTable, name: string): string {
    if (!this.columnsOf(table).includes(name)) throw new ParleyError('internal', `${table} has no column ${name}`);
    return name;
  }

  private all(sql: string): RawRow[] {
    return this.statement(sql).all() as RawRow[];
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

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return JSON.stringify([...value].map(canonical).sort());
  return JSON.stringify(value);
}

/** Fields an audit row shows as changed (a create or delete changes every field it names). */
function changedFields(entry: HistoryEntry): string[] {
  const before = isObject(entry.before) ? entry.before : null;
  const after = isObject(entry.after) ? entry.after : null;
  if (!before || !after) return Object.keys(before ?? after ?? {});
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !same(before[key], after[key]));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isOwnMergeRow = (entry: HistoryEntry): boolean => isObject(entry.after) && Object.hasOwn(entry.after, MERGE_MARK);

/** One merge run; lives inside the repository's transaction. */
class Merge {
  readonly batchId = newBatchId();
  private begun = false;
  /** Incoming id → local id, for records matched by natural key. */
  private readonly idMap = new Map<string, string>();
  private readonly incomingIds = new Map<CaseTable, Set<string>>();
  private readonly historyByRecord = new Map<string, HistoryEntry[]>();
  private readonly result: MergeResult = { added: 0, updated: 0, unchanged: 0, conflicts: [], remapped: [], byAggregate: {}, historyImported: 0 };

  constructor(
    private readonly repo: BundleRepository,
    private readonly incoming: CaseRecords,
    private readonly label: string,
  ) {
    for (const table of CASE_TABLES) this.incomingIds.set(table, new Set(incoming[table].map((row) => String(row.id))));
    for (const entry of incoming.history.entries) {
      const key = `${entry.aggregate}:${entry.record_id}`;
      const list = this.historyByRecord.get(key) ?? [];
      list.push(entry);
      this.historyByRecord.set(key, list);
    }
  }

  /** The merge batch and its summary row, written before the first change only. */
  begin(): void {
    if (this.begun) return;
    this.begun = true;
    this.repo.label(this.batchId, this.label);
    // A non-restorable first row keeps the whole batch off the undo stack.
    this.repo.record('bundle', this.batchId, null, { [MERGE_MARK]: true, label: this.label, at: now() }, this.batchId);
  }

  run(): MergeResult {
    this.matchByNaturalKey();
    for (const table of CASE_TABLES) {
      for (const raw of this.incoming[table]) this.mergeRecord(table, this.translate(table, raw));
    }
    this.importHistory();
    return this.result;
  }

  private matchByNaturalKey(): void {
    for (const table of CASE_TABLES) {
      const spec = SPECS[table];
      if (!spec.naturalKey) continue;
      for (const row of this.incoming[table]) {
        const id = String(row.id);
        if (this.repo.exists(table, id)) continue;
        const localId = this.repo.idByKey(table, spec.naturalKey, row[spec.naturalKey], !!spec.caseInsensitiveKey);
        if (localId && localId !== id) {
          this.idMap.set(id, localId);
          this.result.remapped.push({ aggregate: spec.aggregate, bundleId: id, localId, key: String(row[spec.naturalKey]) });
        }
      }
    }
  }

  private local(id: string): string {
    return this.idMap.get(id) ?? id;
  }

  /** Map references onto local ids; references to records neither side has become null. */
  private translate(table: CaseTable, raw: RawRow): RawRow | null {
    const spec = SPECS[table];
    const row: RawRow = { ...raw, id: this.local(String(raw.id)) };
    for (const [column, target] of Object.entries(spec.refs)) {
      const value = row[column];
      if (value === null || value === undefined) continue;
      const id = String(value);
      const known = this.incomingIds.get(target)!.has(id) || this.repo.exists(target, this.local(id));
      if (known) row[column] = this.local(id);
      else if (spec.required?.includes(column)) return null;
      else row[column] = null;
    }
    if (table === 'annotations' && Array.isArray(row.tag_ids)) {
      row.tag_ids = (row.tag_ids as unknown[]).map((id) => this.local(String(id))).filter((id) => this.incomingIds.get('tags')!.has(id) || this.repo.exists('tags', id));
    }
    return row;
  }

  private count(aggregate: string, kind: 'added' | 'updated' | 'unchanged'): void {
    const counts = (this.result.byAggregate[aggregate] ??= { added: 0, updated: 0, unchanged: 0 });
    counts[kind]++;
    this.result[kind]++;
  }

  private mergeRecord(table: CaseTable, row: RawRow | null): void {
    if (!row) return;
    const spec = SPECS[table];
    const id = String(row.id);
    const local = this.repo.row(table, id);
    if (!local) return this.add(table, row);
    if (spec.immutable) return this.count(spec.aggregate, 'unchanged');

    const fields = [...this.repo.columnsOf(table), ...(spec.child && spec.child.key !== 'band_keys' ? [spec.child.key] : [])].filter((field) => !NOT_MERGED.has(field));
    const differing = fields.filter((field) => Object.hasOwn(row, field) && !same(local[field], row[field]));
    if (differing.length === 0) return this.count(spec.aggregate, 'unchanged');

    const history = this.sides(spec.aggregate, id, this.historyByRecord.get(`${spec.aggregate}:${this.bundleIdOf(id)}`) ?? []);
    const localTime = typeof local.updated_at === 'string' ? local.updated_at : '';
    const bundleTime = typeof row.updated_at === 'string' ? row.updated_at : '';
    const bundleLater = bundleTime > localTime;
    const take: RawRow = {};
    const lost: Record<string, unknown> = {};
    const conflicts: MergeConflict[] = [];
    for (const field of differing) {
      if (history.known && history.bundle.has(field) && !history.local.has(field)) {
        take[field] = row[field];
        continue;
      }
      if (history.known && history.local.has(field) && !history.bundle.has(field)) continue;
      if (this.alreadyLost(spec.aggregate, id, field, row[field])) continue;
      const reason = history.known ? 'both_changed' : 'history_unknown';
      if (bundleLater) take[field] = row[field];
      lost[field] = bundleLater ? local[field] : row[field];
      conflicts.push({
        aggregate: spec.aggregate,
        id,
        field,
        kept: bundleLater ? display(row[field]) : display(local[field]),
        lost: display(lost[field]),
        keptFrom: bundleLater ? 'bundle' : 'local',
        reason,
      });
    }
    if (Object.keys(take).length === 0 && conflicts.length === 0) return this.count(spec.aggregate, 'unchanged');

    if (spec.child?.key === 'aliases' && Array.isArray(take.aliases)) {
      // An alias names one party only: one another local party holds stays with it.
      const kept = (take.aliases as unknown[]).filter((alias) => {
        const owner = this.repo.aliasOwner(alias);
        if (owner === null || owner === id) return true;
        conflicts.push({ aggregate: spec.aggregate, id, field: 'aliases', kept: `alias of ${owner}`, lost: alias, keptFrom: 'local', reason: 'constraint' });
        return false;
      });
      take.aliases = kept;
    }
    if (table === 'documents' && Object.hasOwn(take, 'text')) {
      // The body's derived columns follow the body, unless another document already has that text.
      for (const column of ['word_count', 'minhash', 'band_keys']) take[column] = row[column];
      if (this.repo.idByKey('documents', 'content_hash', row.content_hash, false) === null) take.content_hash = row.content_hash;
    }
    if (Object.keys(take).length > 0 && typeof row.updated_at === 'string' && this.repo.columnsOf(table).includes('updated_at')) {
      take.updated_at = bundleTime > localTime ? bundleTime : localTime;
    }

    this.begin();
    const failure = Object.keys(take).length > 0 ? this.repo.attempt(() => this.repo.updateRow(table, id, take)) : null;
    if (failure) {
      // A name or alias taken by another record: keep ours, and say so.
      for (const field of Object.keys(take).filter((field) => !NOT_MERGED.has(field))) {
        if (conflicts.some((conflict) => conflict.field === field)) continue;
        conflicts.push({ aggregate: spec.aggregate, id, field, kept: display(local[field]), lost: display(row[field]), keptFrom: 'local', reason: 'constraint' });
        lost[field] = row[field];
      }
      for (const conflict of conflicts) if (conflict.keptFrom === 'bundle') Object.assign(conflict, { keptFrom: 'local', kept: display(local[conflict.field]), lost: display(row[conflict.field]), reason: 'constraint' });
      for (const field of Object.keys(take)) if (!NOT_MERGED.has(field)) lost[field] = row[field];
    }
    const after = this.repo.row(table, id)!;
    this.repo.record(spec.aggregate, id, auditable(local), { ...auditable(after), [MERGE_MARK]: { lost, conflicts: conflicts.map((conflict) => conflict.field) } }, this.batchId);
    this.result.conflicts.push(...conflicts);
    this.count(spec.aggregate, !failure && Object.keys(take).length > 0 ? 'updated' : 'unchanged');
  }

  private add(table: CaseTable, row: RawRow): void {
    const spec = SPECS[table];
    this.begin();
    if (spec.child?.key === 'aliases' && Array.isArray(row.aliases)) {
      row.aliases = (row.aliases as unknown[]).filter((alias) => {
        const owner = this.repo.aliasOwner(alias);
        if (owner === null) return true;
        this.result.conflicts.push({ aggregate: spec.aggregate, id: String(row.id), field: 'aliases', kept: `alias of ${owner}`, lost: alias, keptFrom: 'local', reason: 'constraint' });
        return false;
      });
    }
    const failure = this.repo.attempt(() => this.repo.insertRow(table, row));
    if (failure) {
      this.result.conflicts.push({
        aggregate: spec.aggregate,
        id: String(row.id),
        field: '(record)',
        kept: null,
        lost: display(row),
        keptFrom: 'local',
        reason: 'constraint',
      });
      this.repo.record(spec.aggregate, String(row.id), null, { [MERGE_MARK]: { lost: { '(record)': auditable(row) }, conflicts: ['(record)'], error: failure.message } }, this.batchId);
      return;
    }
    this.repo.record(spec.aggregate, String(row.id), null, { ...auditable(this.repo.row(table, String(row.id))!), [MERGE_MARK]: { added: true } }, this.batchId);
    this.count(spec.aggregate, 'added');
  }

  private bundleIdOf(localId: string): string {
    for (const [bundleId, mapped] of this.idMap) if (mapped === localId) return bundleId;
    return localId;
  }

  /**
   * What each side changed since their common history: audit batches on both sides are common.
   * Unknown when either side has no history of the record or they share none.
   */
  private sides(aggregate: string, id: string, bundleEntries: HistoryEntry[]): { known: boolean; local: Set<string>; bundle: Set<string> } {
    const localEntries = this.repo.entriesFor(aggregate, id);
    const localBatches = new Set(localEntries.map((entry) => entry.batch_id));
    const bundleBatches = new Set(bundleEntries.map((entry) => entry.batch_id));
    const known = [...bundleBatches].some((batch) => localBatches.has(batch));
    const fields = (entries: HistoryEntry[], other: Set<string>) =>
      new Set(entries.filter((entry) => !other.has(entry.batch_id) && !isOwnMergeRow(entry)).flatMap(changedFields));
    return { known, local: fields(localEntries, bundleBatches), bundle: fields(bundleEntries, localBatches) };
  }

  /** A value this case already turned down in an earlier merge is not a new conflict. */
  private alreadyLost(aggregate: string, id: string, field: string, value: unknown): boolean {
    return this.repo.entriesFor(aggregate, id).some((entry) => {
      if (!isObject(entry.after)) return false;
      const mark = entry.after[MERGE_MARK];
      return isObject(mark) && isObject(mark.lost) && Object.hasOwn(mark.lost, field) && same(mark.lost[field], auditValue(value));
    });
  }

  private importHistory(): void {
    const labels = new Map(this.incoming.history.batches.map((batch) => [batch.batch_id, batch.label]));
    for (const entry of this.incoming.history.entries) {
      const recordId = this.local(entry.record_id);
      if (this.repo.hasEntry(entry.batch_id, entry.aggregate, recordId)) continue;
      this.begin();
      this.repo.importEntry({ ...entry, record_id: recordId }, `Merged: ${labels.get(entry.batch_id) ?? entry.action}`);
      this.result.historyImported++;
    }
  }
}

/** Blobs become base64 in the audit log; big bodies are shortened. */
function auditValue(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `base64:${Buffer.from(value).toString('base64')}`;
  return value;
}

function auditable(row: RawRow): RawRow {
  const copy: RawRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'minhash' || key === 'bytes' || key === 'band_keys') continue;
    copy[key] = auditValue(value);
  }
  return copy;
}

function display(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (isObject(value)) return auditable(value);
  return value ?? null;
}
