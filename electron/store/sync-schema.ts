/**
 * The case's tables as the operation model sees them: which aggregate each holds, its child lists,
 * which columns refer to which records (a required reference hides a record whose target is gone),
 * unique names, bookkeeping columns that never clash, and columns that do not travel as operations.
 */
import type { SyncSchema } from '../sync/schema';

export interface SyncTable {
  table: string;
  aggregate: string;
  /** Child rows that travel as one list field of their parent ('aliases'). */
  child?: { key: string; table: string; parentColumn: string; valueColumn: string };
  /** BLOB columns, carried in operations as hex text. */
  blobs?: string[];
  /** Columns that do not travel as operations (an original's bytes travel as a blob, by sha256). */
  local?: string[];
}

/** In the order records are written (references first). */
export const SYNC_TABLES: SyncTable[] = [
  { table: 'analysts', aggregate: 'analyst' },
  { table: 'originals', aggregate: 'original', local: ['bytes'] },
  {
    table: 'documents',
    aggregate: 'document',
    child: { key: 'band_keys', table: 'document_bands', parentColumn: 'document_id', valueColumn: 'band_key' },
    blobs: ['minhash'],
  },
  { table: 'parties', aggregate: 'party', child: { key: 'aliases', table: 'party_aliases', parentColumn: 'party_id', valueColumn: 'alias' } },
  { table: 'sources', aggregate: 'source' },
  { table: 'issue_areas', aggregate: 'issue_area' },
  { table: 'tags', aggregate: 'tag' },
  { table: 'plans', aggregate: 'plan' },
  { table: 'plan_versions', aggregate: 'plan_version' },
  { table: 'plan_points', aggregate: 'plan_point' },
  { table: 'concessions', aggregate: 'concession' },
  { table: 'annotations', aggregate: 'annotation', child: { key: 'tag_ids', table: 'annotation_tags', parentColumn: 'annotation_id', valueColumn: 'tag_id' } },
  { table: 'concession_stances', aggregate: 'concession_stance' },
  // The analyst's rejections of suggestions travel; pending suggestions do not (migration 0007_suggestions says why).
  { table: 'suggestion_rejections', aggregate: 'suggestion_rejection' },
];

export const SYNC_TABLE_BY_AGGREGATE = new Map(SYNC_TABLES.map((spec) => [spec.aggregate, spec]));

const BOOKKEEPING = ['created_at', 'updated_at', 'imported_at'];

export const CASE_SYNC_SCHEMA: SyncSchema = {
  analyst: { quiet: ['created_at'] },
  original: { unique: [{ field: 'sha256' }], quiet: [...BOOKKEEPING, 'file_name'] },
  document: {
    refs: { near_duplicate_of: { to: 'document' }, original_id: { to: 'original' } },
    unique: [{ field: 'content_hash' }],
    // Derived from the text, or where the file came from on one machine: the later one wins quietly.
    quiet: [...BOOKKEEPING, 'source_path', 'label', 'word_count', 'content_hash', 'minhash', 'band_keys', 'near_duplicate_of'],
  },
  party: {
    refs: { affiliation_id: { to: 'party' } },
    unique: [
      { field: 'name', caseInsensitive: true },
      { field: 'aliases', caseInsensitive: true, list: true },
    ],
    quiet: BOOKKEEPING,
  },
  source: { refs: { party_id: { to: 'party' } }, quiet: BOOKKEEPING },
  issue_area: { unique: [{ field: 'name', caseInsensitive: true }], quiet: BOOKKEEPING },
  tag: { unique: [{ field: 'name', caseInsensitive: true }], quiet: BOOKKEEPING },
  plan: { refs: { proposed_by_party_id: { to: 'party' } }, quiet: BOOKKEEPING },
  plan_version: { refs: { plan_id: { to: 'plan', required: true } }, quiet: BOOKKEEPING },
  plan_point: { refs: { version_id: { to: 'plan_version', required: true } }, quiet: BOOKKEEPING },
  concession: {
    refs: {
      issue_area_id: { to: 'issue_area' },
      conceding_party_id: { to: 'party' },
      beneficiary_party_id: { to: 'party' },
      proposed_by_party_id: { to: 'party' },
      plan_point_id: { to: 'plan_point' },
    },
    quiet: BOOKKEEPING,
  },
  annotation: {
    refs: {
      document_id: { to: 'document', required: true },
      source_id: { to: 'source' },
      publisher_source_id: { to: 'source' },
      party_id: { to: 'party' },
      concession_id: { to: 'concession' },
      stance_party_id: { to: 'party' },
      tag_ids: { to: 'tag', list: true },
    },
    quiet: [...BOOKKEEPING, 'anchor_status'],
  },
  concession_stance: {
    refs: {
      concession_id: { to: 'concession', required: true },
      party_id: { to: 'party', required: true },
      annotation_id: { to: 'annotation' },
    },
    quiet: BOOKKEEPING,
  },
  suggestion_rejection: { quiet: BOOKKEEPING },
};

/** Reference fields by the aggregate they point at: who to look at again when a record comes or goes. */
export const REFERRERS: Map<string, { aggregate: string; field: string; list: boolean }[]> = (() => {
  const referrers = new Map<string, { aggregate: string; field: string; list: boolean }[]>();
  for (const [aggregate, spec] of Object.entries(CASE_SYNC_SCHEMA)) {
    for (const [field, ref] of Object.entries(spec.refs ?? {})) {
      const list = referrers.get(ref.to) ?? [];
      list.push({ aggregate, field, list: !!ref.list });
      referrers.set(ref.to, list);
    }
  }
  return referrers;
})();
