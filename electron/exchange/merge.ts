/**
 * Merge policy: how rows from another copy of the case (a colleague's bundle, a case dump) join
 * this one. The store only applies what is decided here (electron/store/case-records.ts).
 *
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
import { ParleyError } from '../../shared/errors';
import {
  aggregateOf,
  CASE_TABLES,
  childKeyOf,
  type CaseRecords,
  type CaseRecordsRepository,
  type CaseRowWriter,
  type CaseTable,
  type HistoryEntry,
  type RawRow,
} from '../store/case-records';

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
  /** Records the bundle's deletions removed here (bundles of a copy of the same case carry them). */
  deleted?: number;
  unchanged: number;
  conflicts: MergeConflict[];
  /** Incoming records matched to a local one by natural key (name, content hash) rather than id. */
  remapped: { aggregate: string; bundleId: string; localId: string; key: string }[];
  /** Per aggregate: how many records were added / updated / unchanged. */
  byAggregate: Record<string, { added: number; updated: number; unchanged: number }>;
  /** History entries copied from the bundle into this case's audit log. */
  historyImported: number;
}

/**
 * Merge rows (from a bundle or dump) into a case in one transaction. `intoEmptyCase`: a case dump
 * import, refused unless the case holds no records yet, whose seeded codebook gives way to the
 * dump's own (so every id is kept).
 */
export function mergeRecords(target: CaseRecordsRepository, incoming: CaseRecords, options: { label: string; intoEmptyCase?: boolean }): MergeResult {
  return target.apply((writer) => {
    const merger = new Merge(writer, incoming, options.label);
    if (options.intoEmptyCase) {
      if (!writer.isEmpty()) throw new ParleyError('conflict', 'This case already holds records; import a case dump only into a new, empty case');
      merger.begin();
      writer.clearSeededIssueAreas();
    }
    return merger.run();
  });
}

interface TableSpec {
  /** Columns holding references: column → table. */
  refs: Record<string, CaseTable>;
  /** Natural key used when ids differ (UNIQUE column). */
  naturalKey?: string;
  caseInsensitiveKey?: boolean;
  /** Never edited after creation: matched, never updated. */
  immutable?: boolean;
  /** NOT NULL references: a record whose target is missing is skipped, not nulled. */
  required?: string[];
}

const SPECS: Record<CaseTable, TableSpec> = {
  originals: { refs: {}, naturalKey: 'sha256', immutable: true },
  documents: {
    refs: { near_duplicate_of: 'documents', original_id: 'originals' },
    naturalKey: 'content_hash',
  },
  parties: {
    refs: { affiliation_id: 'parties' },
    naturalKey: 'name',
    caseInsensitiveKey: true,
  },
  sources: { refs: { party_id: 'parties' } },
  issue_areas: { refs: {}, naturalKey: 'name', caseInsensitiveKey: true },
  tags: { refs: {}, naturalKey: 'name', caseInsensitiveKey: true },
  plans: { refs: { proposed_by_party_id: 'parties' } },
  plan_versions: { refs: { plan_id: 'plans' }, required: ['plan_id'] },
  plan_points: { refs: { version_id: 'plan_versions' }, required: ['version_id'] },
  concessions: {
    refs: {
      issue_area_id: 'issue_areas',
      conceding_party_id: 'parties',
      beneficiary_party_id: 'parties',
      proposed_by_party_id: 'parties',
      plan_point_id: 'plan_points',
    },
  },
  annotations: {
    refs: {
      document_id: 'documents',
      source_id: 'sources',
      publisher_source_id: 'sources',
      party_id: 'parties',
      concession_id: 'concessions',
      stance_party_id: 'parties',
    },
    required: ['document_id'],
  },
  concession_stances: {
    refs: { concession_id: 'concessions', party_id: 'parties', annotation_id: 'annotations' },
    required: ['concession_id', 'party_id'],
  },
  // A rejection follows its document (matched by content hash, so a colleague's copy maps onto ours).
  suggestion_rejections: { refs: { document_id: 'documents' }, required: ['document_id'], immutable: true },
};

/** Bookkeeping columns never merged field by field (they follow the fields that are). */
const NOT_MERGED = new Set(['id', 'created_at', 'imported_at', 'updated_at', 'content_hash', 'minhash', 'band_keys', 'word_count']);
/** Marks this module's own audit rows, so a later merge does not mistake them for edits. */
const MERGE_MARK = 'parley_bundle_merge';

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

/** One merge run, inside the store's transaction. */
class Merge {
  private begun = false;
  /** Incoming id → local id, for records matched by natural key. */
  private readonly idMap = new Map<string, string>();
  private readonly incomingIds = new Map<CaseTable, Set<string>>();
  private readonly historyByRecord = new Map<string, HistoryEntry[]>();
  private readonly result: MergeResult = { added: 0, updated: 0, unchanged: 0, conflicts: [], remapped: [], byAggregate: {}, historyImported: 0 };

  constructor(
    private readonly repo: CaseRowWriter,
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
    this.repo.label(this.label);
    // A non-restorable first row keeps the whole batch off the undo stack.
    this.repo.record('bundle', this.repo.batchId, null, { [MERGE_MARK]: true, label: this.label, at: new Date().toISOString() });
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
          this.result.remapped.push({ aggregate: aggregateOf(table), bundleId: id, localId, key: String(row[spec.naturalKey]) });
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
    if (spec.immutable) return this.count(aggregateOf(table), 'unchanged');

    const childKey = childKeyOf(table);
    const fields = [...this.repo.columnsOf(table), ...(childKey && childKey !== 'band_keys' ? [childKey] : [])].filter((field) => !NOT_MERGED.has(field));
    const differing = fields.filter((field) => Object.hasOwn(row, field) && !same(local[field], row[field]));
    if (differing.length === 0) return this.count(aggregateOf(table), 'unchanged');

    const history = this.sides(aggregateOf(table), id, this.historyByRecord.get(`${aggregateOf(table)}:${this.bundleIdOf(id)}`) ?? []);
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
      if (this.alreadyLost(aggregateOf(table), id, field, row[field])) continue;
      const reason = history.known ? 'both_changed' : 'history_unknown';
      if (bundleLater) take[field] = row[field];
      lost[field] = bundleLater ? local[field] : row[field];
      conflicts.push({
        aggregate: aggregateOf(table),
        id,
        field,
        kept: bundleLater ? display(row[field]) : display(local[field]),
        lost: display(lost[field]),
        keptFrom: bundleLater ? 'bundle' : 'local',
        reason,
      });
    }
    if (Object.keys(take).length === 0 && conflicts.length === 0) return this.count(aggregateOf(table), 'unchanged');

    if (childKeyOf(table) === 'aliases' && Array.isArray(take.aliases)) {
      // An alias names one party only: one another local party holds stays with it.
      const kept = (take.aliases as unknown[]).filter((alias) => {
        const owner = this.repo.aliasOwner(alias);
        if (owner === null || owner === id) return true;
        conflicts.push({ aggregate: aggregateOf(table), id, field: 'aliases', kept: `alias of ${owner}`, lost: alias, keptFrom: 'local', reason: 'constraint' });
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
    const failure = Object.keys(take).length > 0 ? this.repo.update(table, id, take) : null;
    if (failure) {
      // A name or alias taken by another record: keep ours, and say so.
      for (const field of Object.keys(take).filter((field) => !NOT_MERGED.has(field))) {
        if (conflicts.some((conflict) => conflict.field === field)) continue;
        conflicts.push({ aggregate: aggregateOf(table), id, field, kept: display(local[field]), lost: display(row[field]), keptFrom: 'local', reason: 'constraint' });
        lost[field] = row[field];
      }
      for (const conflict of conflicts) if (conflict.keptFrom === 'bundle') Object.assign(conflict, { keptFrom: 'local', kept: display(local[conflict.field]), lost: display(row[conflict.field]), reason: 'constraint' });
      for (const field of Object.keys(take)) if (!NOT_MERGED.has(field)) lost[field] = row[field];
    }
    const after = this.repo.row(table, id)!;
    this.repo.record(aggregateOf(table), id, auditable(local), { ...auditable(after), [MERGE_MARK]: { lost, conflicts: conflicts.map((conflict) => conflict.field) } });
    this.result.conflicts.push(...conflicts);
    this.count(aggregateOf(table), !failure && Object.keys(take).length > 0 ? 'updated' : 'unchanged');
  }

  private add(table: CaseTable, row: RawRow): void {
    this.begin();
    if (childKeyOf(table) === 'aliases' && Array.isArray(row.aliases)) {
      row.aliases = (row.aliases as unknown[]).filter((alias) => {
        const owner = this.repo.aliasOwner(alias);
        if (owner === null) return true;
        this.result.conflicts.push({ aggregate: aggregateOf(table), id: String(row.id), field: 'aliases', kept: `alias of ${owner}`, lost: alias, keptFrom: 'local', reason: 'constraint' });
        return false;
      });
    }
    const failure = this.repo.insert(table, row);
    if (failure) {
      this.result.conflicts.push({
        aggregate: aggregateOf(table),
        id: String(row.id),
        field: '(record)',
        kept: null,
        lost: display(row),
        keptFrom: 'local',
        reason: 'constraint',
      });
      this.repo.record(aggregateOf(table), String(row.id), null, { [MERGE_MARK]: { lost: { '(record)': auditable(row) }, conflicts: ['(record)'], error: failure.message } });
      return;
    }
    this.repo.record(aggregateOf(table), String(row.id), null, { ...auditable(this.repo.row(table, String(row.id))!), [MERGE_MARK]: { added: true } });
    this.count(aggregateOf(table), 'added');
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
    const localEntries = this.repo.history(aggregate, id);
    const localBatches = new Set(localEntries.map((entry) => entry.batch_id));
    const bundleBatches = new Set(bundleEntries.map((entry) => entry.batch_id));
    const known = [...bundleBatches].some((batch) => localBatches.has(batch));
    const fields = (entries: HistoryEntry[], other: Set<string>) =>
      new Set(entries.filter((entry) => !other.has(entry.batch_id) && !isOwnMergeRow(entry)).flatMap(changedFields));
    return { known, local: fields(localEntries, bundleBatches), bundle: fields(bundleEntries, localBatches) };
  }

  /** A value this case already turned down in an earlier merge is not a new conflict. */
  private alreadyLost(aggregate: string, id: string, field: string, value: unknown): boolean {
    return this.repo.history(aggregate, id).some((entry) => {
      if (!isObject(entry.after)) return false;
      const mark = entry.after[MERGE_MARK];
      return isObject(mark) && isObject(mark.lost) && Object.hasOwn(mark.lost, field) && same(mark.lost[field], auditValue(value));
    });
  }

  private importHistory(): void {
    const labels = new Map(this.incoming.history.batches.map((batch) => [batch.batch_id, batch.label]));
    for (const entry of this.incoming.history.entries) {
      const recordId = this.local(entry.record_id);
      if (this.repo.hasHistory(entry.batch_id, entry.aggregate, recordId)) continue;
      this.begin();
      this.repo.importHistory({ ...entry, record_id: recordId }, `Merged: ${labels.get(entry.batch_id) ?? entry.action}`);
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
