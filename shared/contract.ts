/**
 * The one contract between the page and the service: every channel `aggregate:verb`, its input
 * schema, and its output type. Both the Electron IPC path and the loopback HTTP bridge serve it;
 * the renderer's client type is derived from it. The names themselves are listed once, in
 * shared/channels.ts; `satisfies` below makes the two agree or fail to compile.
 */
import { z } from 'zod';
import type { ChannelName, EventName } from './channels';
import { ById, ByIds, BulkIds, Empty, Id, Name } from './model/common';
import { CaseCheckInput, CaseRestoreInput, type BackupInfo, type CaseInfo, type HealthReport, type RestoreReport } from './model/case';
import {
  ConcessionCreateInput,
  ConcessionPatch,
  ConcessionUpdateInput,
  StanceSetInput,
  type Concession,
  type IssueArea,
  type StanceRecord,
} from './model/concession';
import {
  DocumentUpdateInput,
  type DocumentDetail,
  type DocumentOriginal,
  type DocumentSummary,
} from './model/document';
import {
  ImportJobInput,
  ImportStartInput,
  ImportUploadInput,
  type ImportFileResult,
  type ImportProgress,
} from './model/import';
import {
  AnnotationCreateInput,
  AnnotationPatch,
  AnnotationQueryInput,
  AnnotationUpdateInput,
  type Annotation,
  type AnnotationPage,
} from './model/annotation';
import {
  CorroborationInput,
  StanceEvidenceInput,
  StanceMatrixInput,
  TimelineInput,
  type CorroborationReport,
  type StanceEvidence,
  type StanceMatrix,
  type Timeline,
} from './model/analysis';
import {
  PlanAlignInput,
  PlanCompareInput,
  PlanCreateInput,
  PlanPointCreateInput,
  PlanPointUpdateInput,
  PlanUpdateInput,
  PlanVersionCreateInput,
  type Plan,
  type PlanComparison,
  type PlanPointOption,
  type PlanVersion,
} from './model/plan';
import { BundleMergeInput, DataExportInput, ReportRenderInput, type ExportFile, type MergeReport, type ReportSectionInfo } from './model/export';
import { HistoryListInput, SettingGetInput, SettingSetInput, type HistoryEntry, type HistoryState, type HistoryStep } from './model/history';
import { HubShareInput, HubSyncInput, type HubClashInfo, type HubShareSummary, type HubStatusInfo, type HubSyncSummary } from './model/hub';
import { PartyCreateInput, PartyPatch, PartyUpdateInput, type Party } from './model/party';
import {
  DocumentSearchInput,
  SavedSearchInput,
  type SavedSearch,
  type SearchFilterOptions,
  type SearchResults,
} from './model/search';
import { SourceCreateInput, SourcePatch, SourceUpdateInput, type Source } from './model/source';
import {
  SuggestionAcceptAboveInput,
  SuggestionAcceptInput,
  SuggestionBulkInput,
  SuggestionQueryInput,
  SuggestionRunInput,
  type PendingCount,
  type Suggestion,
  type SuggestionAcceptResult,
  type SuggestionPage,
  type SuggestionProgress,
} from './model/suggestion';

interface Channel<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output?: O;
}
const channel = <O>() => <I extends z.ZodType>(input: I): Channel<I, O> => ({ input });

export const contract = {
  'case:info': channel<CaseInfo>()(Empty),
  /** Integrity, references, full-text index, annotation spans; `repair` rebuilds the index. */
  'case:check': channel<HealthReport>()(CaseCheckInput),
  /** Take a backup of the open case now (beside the automatic ones). */
  'case:backup': channel<BackupInfo>()(Empty),
  /** The open case's backups, newest first. */
  'case:backups': channel<BackupInfo[]>()(Empty),
  /** Put a backup (default: the newest) in place of the open case; the current file is kept as a backup. */
  'case:restore': channel<RestoreReport>()(CaseRestoreInput),

  'document:list': channel<DocumentSummary[]>()(Empty),
  'document:get': channel<DocumentDetail>()(ById),
  'document:original': channel<DocumentOriginal>()(ById),
  'document:update': channel<DocumentSummary>()(DocumentUpdateInput),
  'document:delete': channel<{ id: string }>()(ById),
  /** Case-wide search: articles, and annotation quotes and notes; ranked hits with snippets (a malformed query is invalid_input). */
  'document:search': channel<SearchResults>()(DocumentSearchInput),
  /** Delete many documents with their annotations in one step (like a single delete, not undoable). */
  'document:bulk-delete': channel<{ ids: string[] }>()(ByIds),

  'party:list': channel<Party[]>()(Empty),
  'party:create': channel<Party>()(PartyCreateInput),
  'party:update': channel<Party>()(PartyUpdateInput),
  'party:delete': channel<{ id: string }>()(ById),
  'party:bulk-update': channel<Party[]>()(z.object({ ids: BulkIds, patch: PartyPatch.omit({ name: true, aliases: true }) }).strict()),
  /** Merge `mergeId` into `keepId`: its name becomes an alias; mentions, sources, stances move over. */
  'party:merge': channel<Party>()(
    z.object({ keepId: Id, mergeId: Id }).strict().refine((input) => input.keepId !== input.mergeId, { message: 'choose two different parties', path: ['mergeId'] }),
  ),
  /** Delete many parties in one undoable step; what referred to them is detached, as for one. */
  'party:bulk-delete': channel<{ ids: string[] }>()(ByIds),

  'source:list': channel<Source[]>()(Empty),
  'source:create': channel<Source>()(SourceCreateInput),
  'source:update': channel<Source>()(SourceUpdateInput),
  'source:delete': channel<{ id: string }>()(ById),
  'source:bulk-update': channel<Source[]>()(z.object({ ids: BulkIds, patch: SourcePatch.omit({ name: true }) }).strict()),
  'source:bulk-delete': channel<{ ids: string[] }>()(ByIds),

  'issue-area:list': channel<IssueArea[]>()(Empty),
  'issue-area:create': channel<IssueArea>()(z.object({ name: Name.max(100) }).strict()),
  'issue-area:update': channel<IssueArea>()(z.object({ id: Id, patch: z.object({ name: Name.max(100) }).strict() }).strict()),
  'concession:list': channel<Concession[]>()(Empty),
  'concession:create': channel<Concession>()(ConcessionCreateInput),
  'concession:update': channel<Concession>()(ConcessionUpdateInput),
  'concession:delete': channel<{ id: string }>()(ById),
  'concession:set-stance': channel<StanceRecord>()(StanceSetInput),
  'concession:bulk-update': channel<Concession[]>()(z.object({ ids: BulkIds, patch: ConcessionPatch.omit({ title: true }) }).strict()),
  'concession:bulk-delete': channel<{ ids: string[] }>()(ByIds),

  'annotation:list': channel<AnnotationPage>()(AnnotationQueryInput),
  'annotation:get': channel<Annotation>()(ById),
  'annotation:create': channel<Annotation>()(AnnotationCreateInput),
  'annotation:update': channel<Annotation>()(AnnotationUpdateInput),
  'annotation:bulk-update': channel<Annotation[]>()(z.object({ ids: BulkIds, patch: AnnotationPatch }).strict()),
  'annotation:delete': channel<{ id: string }>()(ById),
  'annotation:bulk-delete': channel<{ ids: string[] }>()(ByIds),
  /** Each party's latest stance per concession (or issue area) as of a day, with gaps marked. */
  'stance:matrix': channel<StanceMatrix>()(StanceMatrixInput),
  /** The stance entries behind one matrix cell, with the spans that showed them. */
  'stance:evidence': channel<StanceEvidence[]>()(StanceEvidenceInput),
  /** The matrix as a spreadsheet (colours, notes with since/spans, gaps outlined). */
  'stance:export': channel<ExportFile>()(StanceMatrixInput),
  /** Dated statements and stance changes in lanes; undated evidence aside. */
  'timeline:events': channel<Timeline>()(TimelineInput),
  /** Independent outlets per claim and per concession, grades, source profiles. */
  'corroboration:report': channel<CorroborationReport>()(CorroborationInput),

  'plan:list': channel<Plan[]>()(Empty),
  'plan:create': channel<Plan>()(PlanCreateInput),
  'plan:update': channel<Plan>()(PlanUpdateInput),
  'plan:delete': channel<{ id: string }>()(ById),
  /** A new version from a pasted numbered list. */
  'plan:add-version': channel<PlanVersion>()(PlanVersionCreateInput),
  'plan:version': channel<PlanVersion>()(ById),
  'plan:delete-version': channel<{ id: string }>()(ById),
  'plan:add-point': channel<PlanVersion>()(PlanPointCreateInput),
  'plan:update-point': channel<PlanVersion>()(PlanPointUpdateInput),
  'plan:delete-point': channel<PlanVersion>()(ById),
  /** Two versions side by side: the confirmed alignment, or one suggested from the texts, with a redline per pair. */
  'plan:compare': channel<PlanComparison>()(PlanCompareInput),
  /** Confirm an alignment: which later point continues which earlier one(s). */
  'plan:align': channel<PlanComparison>()(PlanAlignInput),
  /** Every plan point, labelled, for linking a concession to one (its grid, the reader). */
  'plan:point-options': channel<PlanPointOption[]>()(Empty),

  /** Re-extract a document from its stored original and re-anchor its annotations by quote. */
  'document:reextract': channel<{ reanchored: number; orphaned: number }>()(ById),

  'history:state': channel<HistoryState>()(Empty),
  'history:undo': channel<HistoryStep>()(Empty),
  'history:redo': channel<HistoryStep>()(Empty),
  /** The case's history, newest first, with who made each change (the audit log by action). */
  'history:list': channel<HistoryEntry[]>()(HistoryListInput),

  'report:sections': channel<ReportSectionInfo[]>()(Empty),
  'report:render': channel<ExportFile>()(ReportRenderInput),
  'export:data': channel<ExportFile>()(DataExportInput),
  'bundle:merge': channel<MergeReport>()(BundleMergeInput),

  /** What the search filters can offer: the case's outlets, tags and date span. */
  'search:filters': channel<SearchFilterOptions>()(Empty),
  'saved-search:list': channel<SavedSearch[]>()(Empty),
  'saved-search:save': channel<SavedSearch>()(SavedSearchInput),
  'saved-search:delete': channel<{ id: string }>()(ById),

  'setting:get': channel<{ key: string; value: string | null }>()(SettingGetInput),
  'setting:set': channel<{ key: string; value: string }>()(SettingSetInput),

  'import:start': channel<{ jobId: string }>()(ImportStartInput),
  'import:upload': channel<ImportFileResult[]>()(ImportUploadInput),
  'import:status': channel<ImportProgress>()(ImportJobInput),
  'import:cancel': channel<ImportProgress>()(ImportJobInput),

  /** The open case's link to a team hub: last sync, pending operations, clashes. */
  'hub:status': channel<HubStatusInfo>()(Empty),
  /** Publish the open case on a hub (this analyst becomes its owner) and sync it. */
  'hub:share': channel<HubShareSummary>()(HubShareInput),
  /** Push this case's new operations, pull everyone else's. */
  'hub:sync': channel<HubSyncSummary>()(HubSyncInput),
  /** Open clashes, with who set what. */
  'hub:clashes': channel<HubClashInfo[]>()(Empty),
  /** Suggestions of one state (default pending): a document's in reading order, the case's by confidence. */
  'suggestion:list': channel<SuggestionPage>()(SuggestionQueryInput),
  /** Pending suggestions per document (the Documents grid's column). */
  'suggestion:counts': channel<PendingCount[]>()(Empty),
  /** Accept one: its annotation and any new source, party or concession, in one undoable step; `annotation` when edited first. */
  'suggestion:accept': channel<SuggestionAcceptResult>()(SuggestionAcceptInput),
  /** Reject one; it is remembered and not proposed again when the document is suggested again. */
  'suggestion:reject': channel<Suggestion[]>()(ById),
  'suggestion:bulk-accept': channel<SuggestionAcceptResult>()(SuggestionBulkInput),
  'suggestion:bulk-reject': channel<Suggestion[]>()(SuggestionBulkInput),
  /** Accept every pending suggestion of a kind at or above a confidence (one document or the case). */
  'suggestion:accept-above': channel<SuggestionAcceptResult>()(SuggestionAcceptAboveInput),
  /** Read documents (all when none given) in the worker pool; progress as `suggestion:progressed`. */
  'suggestion:run': channel<SuggestionProgress>()(SuggestionRunInput),
  'suggestion:status': channel<SuggestionProgress>()(Empty),
  'suggestion:cancel': channel<SuggestionProgress>()(Empty),
  /** The analysts of this case (who made what): for crediting and filtering by analyst. */
  'analyst:list': channel<{ id: string; name: string }[]>()(Empty),
} as const satisfies { [K in ChannelName]: Channel<z.ZodType, unknown> };

export type Contract = typeof contract;
export type { ChannelName, EventName } from './channels';
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = NonNullable<Contract[K]['output']>;

/** Push events from the service to the page (`aggregate:past-tense`). */
export interface Events {
  'import:progressed': ImportProgress;
  'suggestion:progressed': SuggestionProgress;
  'case:opened': CaseInfo;
  'case:closed': Record<string, never>;
  /** Records changed outside the page's own call (undo/redo, import, another view): refresh. */
  'case:changed': { aggregates: string[] };
  /** A report or export being written: steps done of total. */
  'export:progressed': { done: number; total: number };
  /** The Electron menu asks the page to do something it owns (e.g. show the import panel). */
  'menu:invoked': { action: MenuAction };
}
// Every event named in shared/channels.ts has a payload here, and nothing else does (else: compile error).
type EventsMatchNames = [Exclude<keyof Events, EventName>, Exclude<EventName, keyof Events>] extends [never, never] ? true : never;
export const EVENTS_MATCH_NAMES: EventsMatchNames = true;
export type MenuAction = 'import' | 'export' | 'undo' | 'redo' | 'find' | 'hub-share' | 'hub-sync';
