/**
 * The case's operation log (schema 3): every change to the case's records becomes operations
 * (electron/sync), and other replicas' operations (from the hub or a bundle) are applied to the
 * case's tables, so that every replica holding the same operations holds the same case.
 *
 * Capture cannot be bypassed: triggers note every record a statement touches (sync_touched), and
 * `flush`, called by the audit log inside each change's transaction, compares each touched record
 * with what its operations say it is and writes an operation per field that differs (its base:
 * the field's heads; a delete's base: every head of the record).
 *
 * Applying is the same comparison the other way: the records the new operations touch are
 * materialised from their operations (resolve.ts: later head wins, tombstones, hidden orphans,
 * suffixed duplicate names), and so are the records whose appearance depends on them (who refers
 * to a record that came or went, who claims the same name). The clashes of each record
 * materialised are kept in `clashes`, identical on every replica with the same operations.
 */
import type Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { HybridClock } from '../sync/hlc';
import { EXISTS_FIELD, sameValue, type Json, type Operation, type OperationKind } from '../sync/operation';
import { materializeRecord, resolveRecord, uniqueKey, fieldValue, type Clash, type MaterialRow, type RecordLookup, type RecordState } from '../sync/resolve';
import { CASE_SYNC_SCHEMA, REFERRERS, SYNC_TABLES, SYNC_TABLE_BY_AGGREGATE, type SyncTable } from './sync-schema';
import { prepareOnce } from './statements';

export type OperationOrigin = 'local' | 'hub' | 'bundle';

/** A record the log wrote while applying operations, for the audit log (raw rows before and after). */
export interface MaterializedChange {
  aggregate: string;
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Who made the operation that decided it. */
  analystId: string | null;
  origin: Exclude<OperationOrigin, 'local'>;
}

export interface OperationEntry extends Operation {
  seq: number;
  origin: OperationOrigin;
  onHub: boolean;
}

export interface HubLink {
  url: string;
  caseId: string;
  role: string | null;
  pushedThrough: number;
  pulled: { seq: number; opId: string } | null;
  lastSyncAt: string | null;
  lastSyncError: string | null;
}

interface OperationRow {
  seq: number;
  op_id: string;
  analyst_id: string;
  hlc: string;
  aggregate: string;
  record_id: string;
  field: string;
  kind: OperationKind;
  before_json: string | null;
  after_json: string | null;
  base_json: string;
  batch_id: string;
  origin: OperationOrigin;
  on_hub: number;
}

interface SyncStateRow {
  analyst_id: string;
  last_hlc: string | null;
  hub_url: string | null;
  hub_case_id: string | null;
  hub_role: string | null;
  pushed_through: number;
  hub_pulled_seq: number | null;
  hub_pulled_op_id: string | null;
  last_sync_at: string | null;
  last_sync_error: string | null;
}

/** Same predicate as the partial index operations_references (SQLite uses it only when repeated). */
const REFERENCE_FIELDS = "(field LIKE '%\\_id' ESCAPE '\\' OR field = 'near_duplicate_of')";
const NAME_FIELDS = "field IN ('name', 'content_hash', 'sha256')";

export class OperationLog implements RecordLookup {
  private readonly clock: HybridClock;
  private readonly columns = new Map<string, string[]>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly cache = new Map<string, RecordState | null>();
  private settling = false;
  /** Blobs (originals' bytes) arriving with the operations being applied. */
  private incomingBlobs = new Map<string, Uint8Array>();
  /** Told of every record written while applying others' operations (the store audits them). */
  onMaterialized: ((change: MaterializedChange, batchId: string) => void) | null = null;

  constructor(private readonly db: Database.Database) {
    for (const spec of SYNC_TABLES) {
      this.columns.set(spec.table, (db.pragma(`table_info(${spec.table})`) as { name: string }[]).map((column) => column.name));
    }
    const state = this.state();
    const newest = (this.get('SELECT max(hlc) AS hlc FROM operations') as { hlc: string | null }).hlc;
    const last = [state?.last_hlc, newest].filter((value): value is string => !!value).sort().at(-1) ?? null;
    this.clock = new HybridClock(last);
  }

  // ---- identity ----

  /** This replica's analyst; created (with the case's existing records as its first operations) on first use. */
  get analystId(): string {
    return this.state()?.analyst_id ?? this.ensureIdentity();
  }

  /**
   * Make sure the case has an analyst for this replica (an id given by the hub on clone, else a
   * new one) and that every record already in the case has operations: a case from before schema 3
   * gets its records recorded once, as created by this analyst. Runs in its own transaction.
   */
  ensureIdentity(options: { analystId?: string; name?: string } = {}): string {
    return this.db.transaction(() => {
      const existing = this.state();
      if (existing && !options.analystId) {
        if (options.name) this.renameAnalyst(existing.analyst_id, options.name);
        this.flushMigrated();
        return existing.analyst_id;
      }
      const analystId = options.analystId ?? uuidv7();
      if (existing) this.run('UPDATE sync_state SET analyst_id = ? WHERE id = 1', analystId);
      else this.run('INSERT INTO sync_state (id, analyst_id) VALUES (1, ?)', analystId);
      const batchId = uuidv7();
      // Records made before the log existed: all of them become this analyst's creations.
      const hasOperations = this.get('SELECT 1 AS x FROM operations LIMIT 1') !== undefined;
      if (!hasOperations) {
        // Only the tables this case's schema has (a case made by a Parley that stopped at an older
        // migration, as the upgrade tests build them, lacks the newer ones).
        const tables = new Set(this.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
        for (const spec of SYNC_TABLES) {
          if (tables.has(spec.table)) this.run(`INSERT OR IGNORE INTO sync_touched (aggregate, record_id) SELECT ?, id FROM ${spec.table}`, spec.aggregate);
        }
      }
      if (!this.get('SELECT 1 AS x FROM analysts WHERE id = ?', analystId)) {
        this.run('INSERT INTO analysts (id, name, created_at) VALUES (?, ?, ?)', analystId, (options.name ?? defaultAnalystName()).slice(0, 200), new Date().toISOString());
      } else if (options.name) {
        this.renameAnalyst(analystId, options.name);
      }
      this.flush(batchId);
      return analystId;
    })();
  }

  /**
   * Records a data migration changed (its UPDATEs fired the capture triggers, but no code ran to
   * flush them) become operations of the migration's own audit batch, not of whatever change
   * comes next.
   */
  private flushMigrated(): void {
    const pending = this.get(
      `SELECT a.batch_id AS batchId FROM sync_touched t JOIN audit_log a ON a.aggregate = t.aggregate AND a.record_id = t.record_id
       ORDER BY a.seq DESC LIMIT 1`,
    ) as { batchId: string } | undefined;
    if (pending) this.flush(pending.batchId);
    else if (this.get('SELECT 1 AS x FROM sync_touched LIMIT 1')) this.flush(uuidv7());
  }

  renameAnalyst(analystId: string, name: string): void {
    this.run('UPDATE analysts SET name = ? WHERE id = ?', name.slice(0, 200), analystId);
  }

  analysts(): { id: string; name: string }[] {
    return this.all('SELECT id, name FROM analysts ORDER BY name, id') as { id: string; name: string }[];
  }

  // ---- capture: this replica's changes ----

  /**
   * Turn the records touched since the last flush into operations of batch `batchId`. Must run
   * inside the transaction that changed them (the audit log calls it).
   */
  flush(batchId: string): number {
    if (this.settling) return 0;
    const touched = this.all('SELECT aggregate, record_id FROM sync_touched') as { aggregate: string; record_id: string }[];
    if (touched.length === 0) return 0;
    this.run('DELETE FROM sync_touched');
    if (!this.state()) {
      // The first change of a case opened before it had an analyst: give it one first.
      this.run('INSERT INTO sync_state (id, analyst_id) VALUES (1, ?)', uuidv7());
    }
    const analystId = this.state()!.analyst_id;
    let made = 0;
    // The rows author() reads are what settle() finds first (only operations are written between).
    const read = new Map<string, MaterialRow | null>();
    for (const { aggregate, record_id: recordId } of touched) made += this.author(aggregate, recordId, batchId, analystId, read);
    this.persistClock();
    this.settle(touched.map((entry) => [entry.aggregate, entry.record_id] as const), batchId, 'local', read);
    return made;
  }

  private author(aggregate: string, recordId: string, batchId: string, analystId: string, read: Map<string, MaterialRow | null>): number {
    const spec = SYNC_TABLE_BY_AGGREGATE.get(aggregate);
    if (!spec) return 0;
    const current = this.readRow(spec, recordId);
    read.set(key(aggregate, recordId), current);
    const state = this.record(aggregate, recordId);
    const expected = state ? materializeRecord(this, CASE_SYNC_SCHEMA, state).row : null;
    const ops: Operation[] = [];
    const make = (field: string, kind: OperationKind, before: Json, after: Json, base: string[]) =>
      ops.push({ opId: uuidv7(), analystId, hlc: this.clock.tick(), aggregate, recordId, field, kind, before, after, base: [...new Set(base)].sort(), batchId });
    const heads = (field: string) => state?.fields.get(field)?.heads.map((head) => head.opId) ?? [];

    if (current && !expected) {
      const creating = !state?.exists;
      if (creating) make(EXISTS_FIELD, 'create', false, true, heads(EXISTS_FIELD));
      for (const [field, value] of Object.entries(current)) {
        if (field === 'id') continue;
        const known = state ? fieldValue(state, field) : undefined;
        if (creating || known === undefined || !sameValue(known, value)) make(field, creating ? 'create' : 'update', (known ?? null) as Json, value, heads(field));
      }
    } else if (!current && expected) {
      const everyHead = [...(state?.fields.values() ?? [])].flatMap((field) => field.heads.map((head) => head.opId));
      make(EXISTS_FIELD, 'delete', true, false, everyHead);
    } else if (current && expected) {
      for (const [field, value] of Object.entries(current)) {
        if (field === 'id') continue;
        if (!sameValue(expected[field] ?? null, value)) make(field, 'update', (expected[field] ?? null) as Json, value, heads(field));
      }
    }
    for (const op of ops) this.insertOperation(op, 'local', false);
    if (ops.length > 0) this.cache.delete(key(aggregate, recordId));
    return ops.length;
  }

  // ---- applying others' operations ----

  /**
   * Apply operations from another replica in one transaction: those already here are skipped (so
   * applying twice changes nothing), then every record they affect is materialised. Returns how
   * many were new here.
   */
  apply(operations: Operation[], origin: Exclude<OperationOrigin, 'local'>, options: { batchId?: string; blobs?: Map<string, Uint8Array>; onHub?: boolean } = {}): number {
    const batchId = options.batchId ?? uuidv7();
    return this.db.transaction(() => {
      this.statement('PRAGMA defer_foreign_keys = ON').run();
      const touched: [string, string][] = [];
      let added = 0;
      for (const op of operations) {
        this.clock.observe(op.hlc);
        if (this.insertOperation(op, origin, options.onHub ?? origin === 'hub')) {
          added++;
          touched.push([op.aggregate, op.recordId]);
          this.cache.delete(key(op.aggregate, op.recordId));
        } else if (options.onHub) {
          this.run('UPDATE operations SET on_hub = 1 WHERE op_id = ? AND on_hub = 0', op.opId);
        }
      }
      this.incomingBlobs = options.blobs ?? new Map();
      // Whether an original can show depends on the bytes at hand: decide afresh.
      for (const cached of this.cache.keys()) if (cached.startsWith('original\u0000')) this.cache.delete(cached);
      try {
        this.settle(touched, batchId, origin);
      } finally {
        this.incomingBlobs = new Map();
        for (const cached of this.cache.keys()) if (cached.startsWith('original\u0000')) this.cache.delete(cached);
      }
      this.persistClock();
      return added;
    })();
  }

  /**
   * Bring every record in `start` (and whatever depends on them) in line with its operations.
   * Writes made here are materialisation, not this analyst's changes: they are not captured.
   */
  private settle(start: readonly (readonly [string, string])[], batchId: string, origin: OperationOrigin = 'local', read = new Map<string, MaterialRow | null>()): void {
    if (start.length === 0) return;
    this.statement('PRAGMA defer_foreign_keys = ON').run();
    this.settling = true;
    try {
      const queue = [...start];
      const done = new Set<string>();
      // A write refused by a constraint (a name another record still holds until it is renamed
      // further down the queue) is tried again once the queue has run dry.
      let retries: [string, string][] = [];
      for (let round = 0; ; ) {
        if (queue.length === 0) {
          if (retries.length === 0 || round++ >= 3) break;
          for (const [aggregate, recordId] of retries) done.delete(key(aggregate, recordId));
          queue.push(...retries);
          retries = [];
        }
        const [aggregate, recordId] = queue.shift()!;
        const recordKey = key(aggregate, recordId);
        if (done.has(recordKey)) continue;
        done.add(recordKey);
        const spec = SYNC_TABLE_BY_AGGREGATE.get(aggregate);
        if (!spec) continue;
        const state = this.record(aggregate, recordId);
        if (!state) continue;
        // A row read just before (by author()) once; after that, and on a retry, from the table.
        const before = read.has(recordKey) ? read.get(recordKey)! : this.readRow(spec, recordId);
        read.delete(recordKey);
        const { row: expected, clashes } = materializeRecord(this, CASE_SYNC_SCHEMA, state);
        let shown: MaterialRow | null = expected;
        let refused = false;
        if (!sameRow(before, expected)) {
          // A write may change other rows too (a reference set null by cascade): read them afresh.
          read.clear();
          const written = this.write(spec, recordId, before, expected, state, batchId, round >= 3, origin);
          refused = written === REFUSED;
          if (written === REFUSED) retries.push([aggregate, recordId]);
          else shown = written;
        }
        if (!refused) {
          this.keepClashes(aggregate, recordId, clashes);
          // Those referring to it may show differently when it came or went.
          if ((before === null) !== (shown === null)) for (const referrer of this.referrers(aggregate, recordId)) queue.push(referrer);
        }
        // So may those claiming the same unique name (a refused write: the holder may have to give it up).
        for (const unique of CASE_SYNC_SCHEMA[aggregate]?.unique ?? []) {
          const names = new Set<string>();
          for (const row of [before, expected, state.fields.get(unique.field) ? { [unique.field]: fieldValue(state, unique.field) } : null]) {
            const value = row?.[unique.field];
            for (const name of Array.isArray(value) ? value : [value]) if (typeof name === 'string') names.add(baseName(name));
          }
          for (const name of names) {
            for (const claimant of this.claimants(aggregate, unique.field, uniqueKey(name, unique.caseInsensitive))) {
              if (claimant.recordId !== recordId) queue.push([aggregate, claimant.recordId]);
            }
          }
        }
      }
    } finally {
      this.settling = false;
      this.run('DELETE FROM sync_touched');
    }
  }

  /** Write what the operations say (null: the record does not show); returns what now shows. */
  private write(
    spec: SyncTable,
    recordId: string,
    before: MaterialRow | null,
    expected: MaterialRow | null,
    state: RecordState,
    batchId: string,
    lastTry: boolean,
    origin: OperationOrigin,
  ): MaterialRow | null | typeof REFUSED {
    // Prepared once (exec would parse them again for each record).
    this.run('SAVEPOINT parley_materialize');
    try {
      if (expected === null) {
        if (spec.child) this.run(`DELETE FROM ${spec.child.table} WHERE ${spec.child.parentColumn} = ?`, recordId);
        this.run(`DELETE FROM ${spec.table} WHERE id = ?`, recordId);
      } else {
        const row = this.toTableRow(spec, expected, recordId);
        if (!row) throw new MissingBlob();
        const columns = Object.keys(row).filter((column) => column !== spec.child?.key);
        if (before === null) {
          this.run(`INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, ...columns.map((column) => row[column]));
        } else {
          const changed = columns.filter((column) => column !== 'id' && !sameValue(before[column] ?? null, expected[column] ?? null));
          if (changed.length > 0) {
            this.run(`UPDATE ${spec.table} SET ${changed.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`, ...changed.map((column) => row[column]), recordId);
          }
        }
        if (spec.child && (before === null || !sameValue(before[spec.child.key] ?? [], expected[spec.child.key] ?? []))) {
          this.run(`DELETE FROM ${spec.child.table} WHERE ${spec.child.parentColumn} = ?`, recordId);
          const values = Array.isArray(expected[spec.child.key]) ? (expected[spec.child.key] as Json[]) : [];
          for (const value of new Set(values)) {
            this.run(`INSERT OR IGNORE INTO ${spec.child.table} (${spec.child.parentColumn}, ${spec.child.valueColumn}) VALUES (?, ?)`, recordId, value);
          }
        }
      }
      this.run('RELEASE parley_materialize');
    } catch (error) {
      this.run('ROLLBACK TO parley_materialize');
      this.run('RELEASE parley_materialize');
      const code = (error as { code?: string }).code ?? '';
      if (!(error instanceof MissingBlob) && !code.startsWith('SQLITE_CONSTRAINT')) throw error;
      if (!lastTry && code.startsWith('SQLITE_CONSTRAINT')) return REFUSED;
      // A row this case cannot hold as it stands (its original's bytes never arrived, or a rule
      // of this schema the model does not know): it keeps showing as it was, and is listed.
      this.keepClashes(spec.aggregate, recordId, [
        ...materializeRecord(this, CASE_SYNC_SCHEMA, state).clashes,
        { aggregate: spec.aggregate, recordId, field: '(record)', kind: 'duplicate', kept: null, lost: state.created ? [{ opId: state.created.opId, analystId: state.created.analystId, hlc: state.created.hlc, value: (error as Error).message }] : [] },
      ]);
      return before;
    }
    const after = expected === null ? null : this.readRow(spec, recordId);
    const decidedBy = [...state.fields.values()].map((field) => field.winner).sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0];
    // Materialising what this analyst's own change implies (a suffix on a name now taken) is not audited apart.
    if (origin !== 'local') this.onMaterialized?.({ aggregate: spec.aggregate, recordId, before, after, analystId: decidedBy?.analystId ?? null, origin }, batchId);
    return after;
  }

  private keepClashes(aggregate: string, recordId: string, clashes: Clash[]): void {
    this.run('DELETE FROM clashes WHERE aggregate = ? AND record_id = ?', aggregate, recordId);
    for (const clash of clashes) {
      this.run(
        'INSERT OR REPLACE INTO clashes (aggregate, record_id, field, kind, kept_json, lost_json) VALUES (?, ?, ?, ?, ?, ?)',
        aggregate,
        recordId,
        clash.field,
        clash.kind,
        clash.kept ? JSON.stringify(clash.kept) : null,
        JSON.stringify(clash.lost),
      );
    }
  }

  // ---- RecordLookup, over this case's operations ----

  record(aggregate: string, recordId: string): RecordState | null {
    const recordKey = key(aggregate, recordId);
    if (this.cache.has(recordKey)) return this.cache.get(recordKey)!;
    const rows = this.statement('SELECT * FROM operations WHERE aggregate = ? AND record_id = ?').all(aggregate, recordId) as OperationRow[];
    let state = rows.length === 0 ? null : resolveRecord(aggregate, recordId, rows.map(toOperation), CASE_SYNC_SCHEMA[aggregate]);
    // An original whose bytes have not reached this replica cannot show (nor be referred to) yet.
    if (state?.exists && aggregate === 'original' && !this.bytesAvailable(recordId, fieldValue(state, 'sha256'))) state = { ...state, exists: false };
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(recordKey, state);
    return state;
  }

  claimants(aggregate: string, field: string, nameKey: string): RecordState[] {
    const spec = CASE_SYNC_SCHEMA[aggregate]?.unique?.find((unique) => unique.field === field);
    const ids = spec?.list
      ? (this.all('SELECT DISTINCT record_id FROM operations WHERE aggregate = ? AND field = ? AND instr(lower(after_json), ?) > 0', aggregate, field, JSON.stringify(nameKey).toLowerCase()) as { record_id: string }[])
      : // INDEXED BY: left to itself the planner walks every operation of the aggregate (operations_record
        // gives it record_id in order for DISTINCT), which made each import slower than the last.
        (this.all(`SELECT DISTINCT record_id FROM operations INDEXED BY operations_names WHERE aggregate = ? AND field = ? AND lower(after_json) = ? AND ${NAME_FIELDS}`, aggregate, field, JSON.stringify(nameKey).toLowerCase()) as {
          record_id: string;
        }[]);
    const found: RecordState[] = [];
    for (const { record_id: recordId } of ids) {
      const state = this.record(aggregate, recordId);
      if (!state) continue;
      const value = fieldValue(state, field);
      const names = Array.isArray(value) ? value : [value];
      if (names.some((name) => typeof name === 'string' && uniqueKey(name, spec?.caseInsensitive) === nameKey)) found.push(state);
    }
    return found;
  }

  /** Records whose operations point at this one (whatever the table shows now). */
  private referrers(aggregate: string, recordId: string): [string, string][] {
    const found: [string, string][] = [];
    for (const referrer of REFERRERS.get(aggregate) ?? []) {
      const rows = referrer.list
        ? (this.all('SELECT DISTINCT record_id FROM operations WHERE aggregate = ? AND field = ? AND instr(after_json, ?) > 0', referrer.aggregate, referrer.field, JSON.stringify(recordId)) as { record_id: string }[])
        : (this.all(`SELECT DISTINCT record_id FROM operations INDEXED BY operations_references WHERE field = ? AND after_json = ? AND aggregate = ? AND ${REFERENCE_FIELDS}`, referrer.field, JSON.stringify(recordId), referrer.aggregate) as {
            record_id: string;
          }[]);
      for (const row of rows) found.push([referrer.aggregate, row.record_id]);
    }
    return found;
  }

  // ---- reading the log ----

  /** Local operations not yet on the hub after local seq `after`, whole batches, about `limit`. */
  unpushed(after: number, limit: number): { operations: OperationEntry[]; through: number } {
    const rows = this.statement('SELECT * FROM operations WHERE seq > ? AND on_hub = 0 ORDER BY seq LIMIT ?').all(after, limit) as OperationRow[];
    if (rows.length === limit) {
      const last = rows.at(-1)!;
      rows.push(...(this.statement('SELECT * FROM operations WHERE seq > ? AND on_hub = 0 AND batch_id = ? ORDER BY seq').all(last.seq, last.batch_id) as OperationRow[]));
    }
    const through = rows.at(-1)?.seq ?? (this.get('SELECT coalesce(max(seq), 0) AS seq FROM operations') as { seq: number }).seq;
    return { operations: rows.map(toEntry), through };
  }

  /** How many of these operation ids this case holds (a bundle from a copy of the same case shares some). */
  known(opIds: string[]): number {
    let found = 0;
    const statement = this.statement('SELECT 1 AS x FROM operations WHERE op_id = ?');
    for (const opId of opIds) if (statement.get(opId) !== undefined) found++;
    return found;
  }

  /** Every operation, in local order (bundles carry them). */
  operations(after = 0, limit = Number.MAX_SAFE_INTEGER): OperationEntry[] {
    return (this.statement('SELECT * FROM operations WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit) as OperationRow[]).map(toEntry);
  }

  /** A record's operations, oldest first (its full history, losing values included). */
  historyOf(aggregate: string, recordId: string): OperationEntry[] {
    return (this.statement('SELECT * FROM operations WHERE aggregate = ? AND record_id = ? ORDER BY hlc, op_id').all(aggregate, recordId) as OperationRow[]).map(toEntry);
  }

  clashes(): Clash[] {
    return (this.all('SELECT * FROM clashes ORDER BY aggregate, record_id, field, kind') as { aggregate: string; record_id: string; field: string; kind: Clash['kind']; kept_json: string | null; lost_json: string }[]).map((row) => ({
      aggregate: row.aggregate,
      recordId: row.record_id,
      field: row.field,
      kind: row.kind,
      kept: row.kept_json ? JSON.parse(row.kept_json) : null,
      lost: JSON.parse(row.lost_json),
    }));
  }

  /** Each analyst of the case with the annotations they made that still exist (by the creating operation). */
  annotationsByAnalyst(): { id: string; name: string; annotations: number }[] {
    return this.all(
      `SELECT an.id, an.name, (SELECT count(DISTINCT o.record_id) FROM operations o
          WHERE o.aggregate = 'annotation' AND o.field = '$exists' AND o.kind = 'create' AND o.analyst_id = an.id
            AND o.record_id IN (SELECT id FROM annotations)) AS annotations
         FROM analysts an ORDER BY an.name`,
    ) as { id: string; name: string; annotations: number }[];
  }

  counts(): { operations: number; unpushed: number; clashes: number } {
    return {
      operations: (this.get('SELECT count(*) AS n FROM operations') as { n: number }).n,
      unpushed: (this.get('SELECT count(*) AS n FROM operations WHERE on_hub = 0') as { n: number }).n,
      clashes: (this.get('SELECT count(*) AS n FROM clashes') as { n: number }).n,
    };
  }

  // ---- the hub link and its cursors ----

  hubLink(): HubLink | null {
    const state = this.state();
    if (!state?.hub_url || !state.hub_case_id) return null;
    return {
      url: state.hub_url,
      caseId: state.hub_case_id,
      role: state.hub_role,
      pushedThrough: state.pushed_through,
      pulled: state.hub_pulled_seq !== null && state.hub_pulled_op_id ? { seq: state.hub_pulled_seq, opId: state.hub_pulled_op_id } : null,
      lastSyncAt: state.last_sync_at,
      lastSyncError: state.last_sync_error,
    };
  }

  link(url: string, caseId: string, role: string | null): void {
    if (!this.state()) this.ensureIdentity();
    this.run('UPDATE sync_state SET hub_url = ?, hub_case_id = ?, hub_role = ? WHERE id = 1', url, caseId, role);
  }

  markPushed(through: number, pulled?: { seq: number; opId: string }): void {
    this.db.transaction(() => {
      this.run('UPDATE operations SET on_hub = 1 WHERE seq <= ? AND on_hub = 0', through);
      this.run('UPDATE sync_state SET pushed_through = max(pushed_through, ?) WHERE id = 1', through);
      if (pulled) this.run('UPDATE sync_state SET hub_pulled_seq = ?, hub_pulled_op_id = ? WHERE id = 1 AND coalesce(hub_pulled_seq, 0) < ?', pulled.seq, pulled.opId, pulled.seq);
    })();
  }

  /** Apply a page pulled from the hub and move the pull cursor past it, in one transaction. */
  applyPulled(operations: (Operation & { seq: number })[], blobs: Map<string, Uint8Array>): number {
    return this.db.transaction(() => {
      const added = this.apply(operations, 'hub', { blobs, onHub: true });
      const last = operations.at(-1);
      if (last) this.run('UPDATE sync_state SET hub_pulled_seq = ?, hub_pulled_op_id = ? WHERE id = 1 AND coalesce(hub_pulled_seq, 0) < ?', last.seq, last.opId, last.seq);
      return added;
    })();
  }

  /** The hub lost what this case pulled (a restored backup): offer everything again. */
  rewind(): void {
    this.db.transaction(() => {
      this.run('UPDATE operations SET on_hub = 0 WHERE on_hub = 1');
      this.run('UPDATE sync_state SET pushed_through = 0, hub_pulled_seq = NULL, hub_pulled_op_id = NULL WHERE id = 1');
    })();
  }

  recordSync(error: string | null): void {
    this.run('UPDATE sync_state SET last_sync_at = ?, last_sync_error = ? WHERE id = 1', new Date().toISOString(), error);
  }

  /** The originals these operations refer to, by sha256. */
  blobsReferenced(operations: Operation[]): string[] {
    return operations.filter((op) => op.aggregate === 'original' && op.field === 'sha256' && typeof op.after === 'string').map((op) => op.after as string);
  }

  readBlob(sha256: string): Uint8Array | null {
    return (this.get('SELECT bytes FROM originals WHERE sha256 = ?', sha256) as { bytes: Buffer } | undefined)?.bytes ?? null;
  }

  hasBlob(sha256: string): boolean {
    return this.get('SELECT 1 AS x FROM originals WHERE sha256 = ?', sha256) !== undefined;
  }

  private bytesAvailable(recordId: string, sha256: Json | undefined): boolean {
    if (typeof sha256 === 'string' && this.incomingBlobs.has(sha256)) return true;
    return this.get('SELECT 1 AS x FROM originals WHERE id = ? OR sha256 = ?', recordId, sha256 ?? null) !== undefined;
  }

  // ---- rows ----

  /** A record's row as operations carry it: JSON values, blobs as hex, its child list, no local columns. */
  private readRow(spec: SyncTable, recordId: string): MaterialRow | null {
    // Only the columns that travel: an original's bytes (often a few hundred KB) are not read.
    const columns = spec.local ? this.columns.get(spec.table)!.filter((column) => !spec.local!.includes(column)).join(', ') : '*';
    const raw = this.statement(`SELECT ${columns} FROM ${spec.table} WHERE id = ?`).get(recordId) as Record<string, unknown> | undefined;
    if (!raw) return null;
    const row: MaterialRow = {};
    for (const [column, value] of Object.entries(raw)) row[column] = toJson(value);
    if (spec.child) {
      row[spec.child.key] = (this.statement(`SELECT ${spec.child.valueColumn} AS value FROM ${spec.child.table} WHERE ${spec.child.parentColumn} = ? ORDER BY ${spec.child.valueColumn}`).all(recordId) as { value: Json }[]).map(
        (entry) => entry.value,
      );
    }
    return row;
  }

  /** The row to write for what the operations say, or null when a local column cannot be filled. */
  private toTableRow(spec: SyncTable, expected: MaterialRow, recordId: string): Record<string, unknown> | null {
    const known = new Set(this.columns.get(spec.table));
    const row: Record<string, unknown> = { id: recordId };
    for (const [field, value] of Object.entries(expected)) {
      if (field === spec.child?.key) {
        row[field] = value;
        continue;
      }
      // A field this version of the schema does not have (a newer Parley's): kept in the log only.
      if (!known.has(field) || spec.local?.includes(field)) continue;
      row[field] = spec.blobs?.includes(field) && typeof value === 'string' ? Buffer.from(value, 'hex') : value;
    }
    if (spec.table === 'originals') {
      const existing = this.get('SELECT bytes FROM originals WHERE id = ?', recordId) as { bytes: Buffer } | undefined;
      const bytes = existing?.bytes ?? this.incomingBlobs.get(String(expected.sha256)) ?? null;
      if (!bytes) return null;
      row.bytes = Buffer.from(bytes);
    }
    return row;
  }

  // ---- plumbing ----

  private insertOperation(op: Operation, origin: OperationOrigin, onHub: boolean): boolean {
    const result = this.statement(
      `INSERT INTO operations (op_id, analyst_id, hlc, aggregate, record_id, field, kind, before_json, after_json, base_json, batch_id, origin, on_hub)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING`,
    ).run(op.opId, op.analystId, op.hlc, op.aggregate, op.recordId, op.field, op.kind, JSON.stringify(op.before ?? null), JSON.stringify(op.after ?? null), JSON.stringify(op.base), op.batchId, origin, onHub ? 1 : 0);
    return result.changes === 1;
  }

  private persistClock(): void {
    const latest = this.clock.latest();
    if (latest) this.run('UPDATE sync_state SET last_hlc = ? WHERE id = 1 AND (last_hlc IS NULL OR last_hlc < ?)', latest, latest);
  }

  private state(): SyncStateRow | undefined {
    return this.get('SELECT * FROM sync_state WHERE id = 1') as SyncStateRow | undefined;
  }

  private statement(sql: string): Database.Statement {
    return prepareOnce(this.db, this.statements, sql);
  }

  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  private get(sql: string, ...params: unknown[]): unknown {
    return this.statement(sql).get(...params);
  }

  private all(sql: string, ...params: unknown[]): unknown[] {
    return this.statement(sql).all(...params);
  }
}

const REFUSED = Symbol('refused');

class MissingBlob extends Error {
  constructor() {
    super("the original file's bytes have not arrived");
  }
}

function key(aggregate: string, recordId: string): string {
  return `${aggregate}\u0000${recordId}`;
}

/** "Russia (duplicate 1a2b3c4d)" claims "Russia". */
function baseName(name: string): string {
  return name.replace(/ \(duplicate [0-9a-z]{1,8}\)$/, '');
}

function toJson(value: unknown): Json {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'bigint') return Number(value);
  return (value ?? null) as Json;
}

/** The table shows what the operations say: every field they set holds their value (columns they never set are left alone). */
function sameRow(shown: MaterialRow | null, expected: MaterialRow | null): boolean {
  if (shown === null || expected === null) return shown === expected;
  for (const field of Object.keys(expected)) if (!sameValue(shown[field] ?? null, expected[field] ?? null)) return false;
  return true;
}

function toOperation(row: OperationRow): Operation {
  return {
    opId: row.op_id,
    analystId: row.analyst_id,
    hlc: row.hlc,
    aggregate: row.aggregate,
    recordId: row.record_id,
    field: row.field,
    kind: row.kind,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    base: JSON.parse(row.base_json) as string[],
    batchId: row.batch_id,
  };
}

function toEntry(row: OperationRow): OperationEntry {
  return { ...toOperation(row), seq: row.seq, origin: row.origin, onHub: row.on_hub === 1 };
}

function defaultAnalystName(): string {
  try {
    return userInfo().username || 'Analyst';
  } catch {
    return 'Analyst';
  }
}
