/**
 * The case dump: a whole case (or some of its documents) as one JSON document. Field names are the
 * store's column names (snake_case), so the dump reads like the schema in electron/store/migrations.
 * This zod schema is the source of truth; case-dump.schema.json is generated from it
 * (`caseDumpJsonSchema()`) and a test keeps the two identical.
 */
import { z } from 'zod';
import { ParleyError } from '../../shared/errors';
import {
  ANNOTATION_TYPES,
  CONCESSION_STATUSES,
  PARTY_KINDS,
  QUOTE_KINDS,
  RELIABILITY_GRADES,
  SOURCE_CHANNELS,
  STANCES,
} from '../../shared/model/vocabulary';
import type { CaseRecords, RawRow } from '../store/case-records';

export const CASE_DUMP_FORMAT = 'parley-case-dump';
export const CASE_DUMP_VERSION = 1;

const Id = z.string().min(1).max(100);
const Ref = Id.nullable();
const Text = z.string().nullable();
const Time = z.string().min(1);
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

const Original = z
  .object({ id: Id, file_name: Text, size: z.number().int().nonnegative(), sha256: z.string(), bytes_base64: Base64, imported_at: Time })
  .strict()
  .describe('The imported file, for provenance (only when originals are included).');

const Document = z
  .object({
    id: Id,
    title: Text,
    byline: Text,
    outlet: Text,
    published_at: Text,
    published_precision: z.enum(['year', 'month', 'day', 'minute', 'second']).nullable(),
    url: Text,
    language: Text,
    format: z.string(),
    label: z.string(),
    source_path: Text,
    text: z.string().describe('The cleaned text annotations are anchored to (UTF-16 offsets).'),
    html: Text,
    word_count: z.number().int().nonnegative(),
    content_hash: z.string(),
    minhash_base64: Base64.nullable().describe('MinHash signature for near-duplicate checks.'),
    band_keys: z.array(z.string()),
    near_duplicate_of: Ref,
    original_id: Ref,
    imported_at: Time,
    updated_at: Time,
  })
  .strict();

const Party = z
  .object({
    id: Id,
    name: z.string().min(1),
    kind: z.enum(PARTY_KINDS),
    affiliation_id: Ref,
    color: Text,
    notes: Text,
    aliases: z.array(z.string()),
    created_at: Time,
    updated_at: Time,
  })
  .strict();

const Source = z
  .object({
    id: Id,
    name: z.string().min(1),
    role: Text,
    party_id: Ref,
    anonymous: z.boolean(),
    default_reliability: z.enum(RELIABILITY_GRADES),
    notes: Text,
    created_at: Time,
    updated_at: Time,
  })
  .strict();

const IssueArea = z.object({ id: Id, name: z.string().min(1), position: z.number().int() }).strict();
const Tag = z.object({ id: Id, name: z.string().min(1), color: Text }).strict();
const Plan = z.object({ id: Id, title: z.string(), proposed_by_party_id: Ref, notes: Text, created_at: Time, updated_at: Time }).strict();
const PlanVersion = z.object({ id: Id, plan_id: Id, label: z.string(), dated: Text, notes: Text, created_at: Time }).strict();
// aligned_from: JSON array of earlier points' ids (schema 4); dumps from before it carry none.
const PlanPoint = z.object({ id: Id, version_id: Id, number: z.number().int(), text: z.string(), aligned_from: z.string().default('[]') }).strict();

const Concession = z
  .object({
    id: Id,
    title: z.string().min(1),
    issue_area_id: Ref,
    conceding_party_id: Ref,
    beneficiary_party_id: Ref,
    proposed_by_party_id: Ref,
    status: z.enum(CONCESSION_STATUSES),
    plan_point_id: Ref,
    description: Text,
    created_at: Time,
    updated_at: Time,
  })
  .strict();

const ConcessionStance = z
  .object({
    id: Id,
    concession_id: Id,
    party_id: Id,
    stance: z.enum(STANCES),
    as_of: Text,
    annotation_id: Ref,
    note: Text,
    created_at: Time,
  })
  .strict();

const Annotation = z
  .object({
    id: Id,
    document_id: Id,
    type: z.enum(ANNOTATION_TYPES),
    exact: z.string().describe('TextQuoteSelector.exact'),
    prefix: z.string(),
    suffix: z.string(),
    start_offset: z.number().int().nonnegative().describe('TextPositionSelector.start (UTF-16)'),
    end_offset: z.number().int().nonnegative().describe('TextPositionSelector.end (exclusive)'),
    anchor_status: z.enum(['anchored', 'reanchored', 'orphan']),
    note: Text,
    source_id: Ref,
    publisher_source_id: Ref,
    quote_kind: z.enum(QUOTE_KINDS).nullable(),
    channel: z.enum(SOURCE_CHANNELS).nullable(),
    credibility: z.number().int().min(1).max(6).nullable(),
    reliability: z.enum(RELIABILITY_GRADES).nullable(),
    party_id: Ref,
    concession_id: Ref,
    stance_party_id: Ref,
    stance: z.enum(STANCES).nullable(),
    tag_ids: z.array(Id),
    created_at: Time,
    updated_at: Time,
  })
  .strict();

const SuggestionRejection = z
  .object({
    id: Id,
    document_id: Id,
    kind: z.enum(['party', 'attribution', 'concession']),
    key: z.string().min(1).max(1000),
    text: z.string().max(20_000),
    start_offset: z.number().int().nonnegative().nullable().default(null).describe('Where the rejected suggestion was (UTF-16); null: the whole document'),
    end_offset: z.number().int().nonnegative().nullable().default(null),
    created_at: Time,
    updated_at: Time,
  })
  .strict()
  .describe("A suggestion the analyst rejected: a colleague's re-run does not propose it again.");

const HistoryEntry = z
  .object({ at: Time, aggregate: z.string(), record_id: z.string(), action: z.string(), before: z.unknown(), after: z.unknown(), batch_id: z.string() })
  .strict();
const HistoryBatch = z.object({ batch_id: z.string(), label: z.string(), at: Time }).strict();

export const CaseDump = z
  .object({
    format: z.literal(CASE_DUMP_FORMAT),
    version: z.literal(CASE_DUMP_VERSION),
    exported_at: Time,
    case_name: z.string(),
    scope: z.object({ document_ids: z.array(Id).nullable() }).strict().describe('null document_ids: the whole case'),
    documents: z.array(Document),
    originals: z.array(Original),
    parties: z.array(Party),
    sources: z.array(Source),
    issue_areas: z.array(IssueArea),
    tags: z.array(Tag),
    plans: z.array(Plan),
    plan_versions: z.array(PlanVersion),
    plan_points: z.array(PlanPoint),
    concessions: z.array(Concession),
    concession_stances: z.array(ConcessionStance),
    annotations: z.array(Annotation),
    suggestion_rejections: z.array(SuggestionRejection).optional().describe('Rejected suggestions (absent when there are none, and in dumps from before schema 8).'),
    history: z
      .object({ batches: z.array(HistoryBatch), entries: z.array(HistoryEntry) })
      .strict()
      .describe('Audit rows of the records in the dump; lets a merge find the common version. Empty when not exported.'),
    operations: z
      .array(z.unknown())
      .optional()
      .describe("Bundles of a whole case: its operation log (electron/sync/operation.ts), so that a copy of the same case merges by operations (deletions included)."),
  })
  .strict()
  .describe('A Parley case: documents, parties, sources, annotations, concessions, codebooks, and optionally originals and history.');
export type CaseDump = z.infer<typeof CaseDump>;

/** JSON Schema (draft 2020-12) of the dump, as written to case-dump.schema.json. */
export function caseDumpJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CaseDump, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return { ...schema, $id: 'urn:parley:schema:case-dump:1', title: 'Parley case dump, version 1' };
}

/** Store rows → dump records (blobs to base64, 0/1 to booleans). */
export function toCaseDump(records: CaseRecords, meta: { caseName: string; documentIds: string[] | null; exportedAt?: string }): CaseDump {
  const base64 = (value: unknown) => (value === null || value === undefined ? null : Buffer.from(value as Uint8Array).toString('base64'));
  const dump = {
    format: CASE_DUMP_FORMAT,
    version: CASE_DUMP_VERSION,
    exported_at: meta.exportedAt ?? new Date().toISOString(),
    case_name: meta.caseName,
    scope: { document_ids: meta.documentIds },
    documents: records.documents.map(({ minhash, ...row }) => ({ ...row, minhash_base64: base64(minhash) })),
    originals: records.originals.map(({ bytes, ...row }) => ({ ...row, bytes_base64: base64(bytes) })),
    parties: records.parties,
    sources: records.sources.map((row) => ({ ...row, anonymous: row.anonymous === 1 })),
    issue_areas: records.issue_areas,
    tags: records.tags,
    plans: records.plans,
    plan_versions: records.plan_versions,
    plan_points: records.plan_points,
    concessions: records.concessions,
    concession_stances: records.concession_stances,
    annotations: records.annotations,
    // Only when there are some: an export of a case without rejections reads as it did before.
    ...(records.suggestion_rejections.length > 0 ? { suggestion_rejections: records.suggestion_rejections } : {}),
    history: records.history,
  };
  return dump as unknown as CaseDump;
}

/** A parsed, validated dump → store rows. */
export function fromCaseDump(dump: CaseDump): CaseRecords {
  const bytes = (value: string | null) => (value === null ? null : Buffer.from(value, 'base64'));
  const rows = (list: object[]) => list as RawRow[];
  return {
    documents: dump.documents.map(({ minhash_base64, ...row }) => ({ ...row, minhash: bytes(minhash_base64) })),
    originals: dump.originals.map(({ bytes_base64, ...row }) => ({ ...row, bytes: bytes(bytes_base64) })),
    parties: rows(dump.parties),
    sources: dump.sources.map((row) => ({ ...row, anonymous: row.anonymous ? 1 : 0 })),
    issue_areas: rows(dump.issue_areas),
    tags: rows(dump.tags),
    plans: rows(dump.plans),
    plan_versions: rows(dump.plan_versions),
    plan_points: rows(dump.plan_points),
    concessions: rows(dump.concessions),
    concession_stances: rows(dump.concession_stances),
    annotations: rows(dump.annotations),
    suggestion_rejections: rows(dump.suggestion_rejections ?? []),
    history: dump.history as CaseRecords['history'],
  };
}

/** Parse untrusted JSON as a dump; a foreign or newer file is refused with a clear message. */
export function parseCaseDump(value: unknown, what = 'This file'): CaseDump {
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== CASE_DUMP_FORMAT) {
    throw new ParleyError('invalid_input', `${what} is not a Parley case dump or bundle`);
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version > CASE_DUMP_VERSION) {
    throw new ParleyError('invalid_input', `${what} was written by a newer Parley (format version ${version}); update Parley to read it`);
  }
  const parsed = CaseDump.safeParse(value);
  if (!parsed.success) {
    const details: Record<string, string> = {};
    for (const issue of parsed.error.issues.slice(0, 20)) details[issue.path.join('.') || '(root)'] = issue.message;
    throw new ParleyError('invalid_input', `${what} is damaged: ${parsed.error.issues.length} problem(s), e.g. ${Object.entries(details)[0]?.join(': ')}`, details);
  }
  return parsed.data;
}
