/**
 * The contract's implementation in plain Node: every channel's handler, over the open case. The
 * one door to a case: electron/main registers `dispatch` on ipcMain, electron/bridge on HTTP, and
 * the CLI and the shell's menus use `call` (the same validated handlers) or the few service
 * methods below for what is not a call on the open case (opening files, long imports).
 */
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { ParleyError } from '../../shared/errors';
import { ImportStartInput, type ArticlePreview, type ImportFileResult } from '../../shared/model/import';
import type { ConnectionOptions } from '../store/index';
import { changeAnnotation, changeAnnotations, createAnnotation } from './annotations';
import { inOneStep } from './bulk';
import { CaseSession, type BackupPolicy } from './case-session';
import { exportDataFile, mergeBundleInto, renderReportFile, reportSections, type PdfPrinter } from './exports';
import { previewExtraction } from './extract-preview';
import { createDispatch, type Dispatch, type HandlerMap } from './handler';
import { createHubService, type HubCredentialStore, type HubService } from './hub';
import { ImportJobs, type BatchOptions } from './import-jobs';
import { originalForDisplay } from './original-view';
import { mergeParties } from './parties';
import { corroboration } from './corroboration';
import { addVersion, alignPlanVersions, comparePlanVersions, planVersion } from './plans';
import { reextractDocument } from './reextract';
import { parseQueryOrFail, searchCase } from './search';
import { SuggestionJobs } from './suggestion-jobs';
import { acceptAbove, acceptSuggestions, rejectSuggestions, toSuggestion } from './suggestions';
import { stanceEvidence, stanceMatrix } from './stance-matrix';
import { timeline } from './timeline';

export interface ServiceOptions {
  connection?: ConnectionOptions;
  /** Automatic backups beside the case (on open, then every N minutes of edits). */
  backups?: Partial<BackupPolicy>;
  /** PDF printing for reports; default: headless Chromium through playwright-core. */
  printPdf?: PdfPrinter;
  /** Start the import workers as soon as a writable case opens (the app and browser mode do). */
  warmImportWorkers?: boolean;
  /** Worker threads for import parsing (default: one per core). */
  importWorkers?: number;
  log?: (message: string, error?: unknown) => void;
  /** Where hub passwords are kept (the desktop app: the OS keychain); default: for this process only. */
  hubCredentials?: HubCredentialStore;
  /** Propose suggestions for every imported document (default true; the import benchmark measures import alone). */
  suggestOnImport?: boolean;
}

export interface ParleyService {
  /** The open case: create, open, close, restore a case file; push events. */
  session: CaseSession;
  /** Untrusted callers (IPC, the bridge): any channel name, any input, always a Result. */
  dispatch: Dispatch;
  /** Trusted callers in this process (the CLI, menus): the same validation and handlers; a failure throws its ParleyError. */
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>>;
  handlers: HandlerMap;
  /**
   * Import files and folders into the open case and wait for every result (`parley import`);
   * the page starts the same work as a background job with `import:start`.
   */
  importFiles(paths: string[], options?: BatchOptions): Promise<ImportFileResult[]>;
  /** What Parley extracts from one file, without a case. */
  previewExtraction(path: string, options?: { suggestions?: boolean }): Promise<ArticlePreview[]>;
  /** Workers for import parsing (tests and benchmarks drive them directly). */
  imports: ImportJobs;
  /** Suggestion runs in the worker pool (after imports and on demand). */
  suggestions: SuggestionJobs;
  /** The team hub: share, clone, sync, members (electron/service/hub.ts). */
  hub: HubService;
  dispose(): Promise<void>;
}

export function createService(options: ServiceOptions = {}): ParleyService {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const session = new CaseSession(options.connection, options.backups, log);
  const imports = new ImportJobs(session, { workers: options.importWorkers });
  const suggestions = new SuggestionJobs(session, () => imports.workerPool());
  if (options.suggestOnImport !== false) {
    imports.onImported = (documentIds) => {
      if (documentIds.length > 0) suggestions.run(documentIds);
    };
  }
  if (options.warmImportWorkers) {
    session.on('case:opened', () => {
      if (session.current().readOnly) return;
      imports.warmUp();
      // Articles imported without suggestions (by `parley import`, or before Parley made them) get theirs now.
      const unsuggested = session.current().suggestions.unsuggestedDocuments();
      if (options.suggestOnImport !== false && unsuggested.length > 0) suggestions.run(unsuggested);
    });
  }

  /** Tell every view to refresh after changes the page did not make itself (undo, bulk, merge). */
  const changed = <T>(aggregates: string[], value: T): T => {
    session.emit('case:changed', { aggregates });
    return value;
  };

  // What a delete touches besides the deleted rows (references detached, stances removed), for views to refresh.
  const DELETE_TOUCHES = {
    document: ['document', 'annotation', 'concession_stance'],
    party: ['party', 'source', 'concession', 'concession_stance', 'annotation', 'plan'],
    source: ['source', 'annotation'],
    concession: ['concession', 'concession_stance', 'annotation'],
    annotation: ['annotation', 'concession_stance'],
    plan: ['plan', 'plan_version', 'plan_point', 'concession'],
  };

  const hub = createHubService(session, (aggregates) => changed(aggregates, undefined), options.hubCredentials);
  const summary = (result: { pushed: number; pulled: number; clashes: number; notPushed: number; rewound: boolean }) => ({
    pushed: result.pushed,
    pulled: result.pulled,
    clashes: result.clashes,
    notPushed: result.notPushed,
    rewound: result.rewound,
  });
  // What accepting a suggestion may make: annotations, and sources, parties, concessions, stances, tags for them.
  const ACCEPT_TOUCHES = ['suggestion', 'annotation', 'source', 'party', 'concession', 'concession_stance'];

  const handlers: HandlerMap = {
    'case:info': () => session.info(),
    'case:check': ({ repair }) => session.current().check({ repair }),
    'case:backup': () => session.backup(),
    'case:backups': () => session.backupsOf(session.current().path),
    'case:restore': ({ from }) => session.restore(session.current().path, from),

    'document:list': () => session.current().documents.list(),
    'document:get': ({ id }) => session.current().documents.get(id),
    'document:original': ({ id }) => originalForDisplay(session.current().documents.original(id)),
    'document:update': ({ id, patch }) => session.writable().documents.change(id, patch),
    'document:delete': ({ id }) => {
      session.writable().documents.delete(id);
      return { id };
    },
    'document:search': (input) => searchCase(session.current(), input),
    'document:bulk-delete': ({ ids }) => {
      const store = session.writable();
      return changed(DELETE_TOUCHES.document, { ids: inOneStep(store, 'document', 'Delete', ids, (id, batchId) => store.documents.delete(id, batchId)) });
    },

    'party:list': () => session.current().parties.list(),
    'party:create': (input) => session.writable().parties.create(input),
    'party:update': ({ id, patch }) => session.writable().parties.change(id, patch),
    'party:delete': ({ id }) => {
      session.writable().parties.delete(id);
      return { id };
    },
    'party:bulk-update': ({ ids, patch }) => {
      const store = session.writable();
      const edited = inOneStep(store, 'party', 'Edit', ids, (id, batchId) => store.parties.change(id, patch, batchId));
      return changed(['party'], edited.map((id) => store.parties.get(id)));
    },
    'party:merge': ({ keepId, mergeId }) => changed(DELETE_TOUCHES.party, mergeParties(session.writable(), keepId, mergeId)),
    'party:bulk-delete': ({ ids }) => {
      const store = session.writable();
      return changed(DELETE_TOUCHES.party, { ids: inOneStep(store, 'party', 'Delete', ids, (id, batchId) => store.parties.delete(id, batchId)) });
    },

    'source:list': () => session.current().sources.list(),
    'source:create': (input) => session.writable().sources.create(input),
    'source:update': ({ id, patch }) => session.writable().sources.change(id, patch),
    'source:delete': ({ id }) => {
      session.writable().sources.delete(id);
      return { id };
    },
    'source:bulk-update': ({ ids, patch }) => {
      const store = session.writable();
      const edited = inOneStep(store, 'source', 'Edit', ids, (id, batchId) => store.sources.change(id, patch, batchId));
      return changed(['source'], edited.map((id) => store.sources.get(id)));
    },
    'source:bulk-delete': ({ ids }) => {
      const store = session.writable();
      return changed(DELETE_TOUCHES.source, { ids: inOneStep(store, 'source', 'Delete', ids, (id, batchId) => store.sources.delete(id, batchId)) });
    },

    'issue-area:list': () => session.current().issueAreas.list(),
    'issue-area:create': ({ name }) => session.writable().issueAreas.create(name),
    'issue-area:update': ({ id, patch }) => session.writable().issueAreas.changeName(id, patch.name),
    'concession:list': () => session.current().concessions.list(),
    'concession:create': (input) => session.writable().concessions.create(input),
    'concession:update': ({ id, patch }) => session.writable().concessions.change(id, patch),
    'concession:delete': ({ id }) => {
      session.writable().concessions.delete(id);
      return { id };
    },
    'concession:set-stance': (input) => session.writable().concessions.setStance(input),
    'concession:bulk-update': ({ ids, patch }) => {
      const store = session.writable();
      const edited = inOneStep(store, 'concession', 'Edit', ids, (id, batchId) => store.concessions.change(id, patch, batchId));
      return changed(['concession'], edited.map((id) => store.concessions.get(id)));
    },
    'concession:bulk-delete': ({ ids }) => {
      const store = session.writable();
      return changed(DELETE_TOUCHES.concession, { ids: inOneStep(store, 'concession', 'Delete', ids, (id, batchId) => store.concessions.delete(id, batchId)) });
    },

    'annotation:list': (query) => session.current().annotations.list(query),
    'annotation:get': ({ id }) => session.current().annotations.get(id),
    'annotation:create': (input) => createAnnotation(session.writable(), input),
    'annotation:update': ({ id, patch }) => changeAnnotation(session.writable(), id, patch),
    'annotation:bulk-update': ({ ids, patch }) => changed(['annotation', 'concession_stance', 'tag'], changeAnnotations(session.writable(), ids, patch)),
    'annotation:delete': ({ id }) => {
      session.writable().annotations.delete(id);
      return { id };
    },
    'annotation:bulk-delete': ({ ids }) => {
      const store = session.writable();
      return changed(DELETE_TOUCHES.annotation, { ids: inOneStep(store, 'annotation', 'Delete', ids, (id, batchId) => store.annotations.delete(id, batchId)) });
    },

    'stance:matrix': ({ by, asOf }) => stanceMatrix(session.current(), by, asOf),
    'stance:evidence': (input) => stanceEvidence(session.current(), input),
    'stance:export': async ({ by, asOf }) => {
      const store = session.current();
      const { stanceMatrixToXlsx } = await import('../exchange/stance-matrix-xlsx');
      const bytes = await stanceMatrixToXlsx(stanceMatrix(store, by, asOf), store.name);
      const fileName = `${store.name}-stances-${asOf ?? 'latest'}.xlsx`.replace(/[^\w.-]+/g, '-');
      return { fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', dataBase64: bytes.toString('base64'), size: bytes.length };
    },
    'timeline:events': (input) => timeline(session.current(), input),
    'corroboration:report': (input) => corroboration(session.current(), input),

    'plan:list': () => session.current().plans.list(),
    'plan:create': (input) => session.writable().plans.create(input),
    'plan:update': ({ id, patch }) => session.writable().plans.change(id, patch),
    'plan:delete': ({ id }) => changed(DELETE_TOUCHES.plan, (session.writable().plans.delete(id), { id })),
    'plan:add-version': (input) => changed(['plan', 'plan_version', 'plan_point'], addVersion(session.writable(), input)),
    'plan:version': ({ id }) => planVersion(session.current(), id),
    'plan:delete-version': ({ id }) => changed(DELETE_TOUCHES.plan, (session.writable().plans.deleteVersion(id), { id })),
    'plan:add-point': ({ versionId, text }) => planVersion(session.writable(), session.writable().plans.addPoint(versionId, text).versionId),
    'plan:update-point': ({ id, text }) => changed(['plan_point'], planVersion(session.writable(), session.writable().plans.changePoint(id, text).versionId)),
    'plan:delete-point': ({ id }) => {
      const store = session.writable();
      const { versionId } = store.plans.point(id);
      store.plans.deletePoint(id);
      return changed(['plan_point', 'concession'], planVersion(store, versionId));
    },
    'plan:compare': (input) => comparePlanVersions(session.current(), input),
    'plan:point-options': () =>
      session.current().plans.pointOptions().map((point) => ({ ...point, label: `${point.planTitle} · ${point.versionLabel} · point ${point.number}` })),
    'plan:align': (input) => changed(['plan_point'], alignPlanVersions(session.writable(), input)),

    'document:reextract': async ({ id }) => changed(['document', 'annotation'], await reextractDocument(session, id)),

    'history:state': () => session.current().history.state(),
    'history:list': (input) => session.current().history.list(input),
    'history:undo': () => {
      const step = session.writable().history.undo();
      return changed(step.aggregates, step);
    },
    'history:redo': () => {
      const step = session.writable().history.redo();
      return changed(step.aggregates, step);
    },

    'report:sections': () => reportSections(),
    'report:render': (input) =>
      renderReportFile(session.current(), input, options.printPdf, (done, total) => session.emit('export:progressed', { done, total })),
    'export:data': (input) => exportDataFile(session.current(), input),
    'bundle:merge': async (input) => changed(['document', 'party', 'source', 'annotation', 'concession'], await mergeBundleInto(session.writable(), input)),
    'search:filters': () => session.current().search.filterOptions(),
    'saved-search:list': () => session.current().search.savedList(),
    'saved-search:save': (input) => {
      parseQueryOrFail(input.query); // a saved search must run
      return session.writable().search.save(input);
    },
    'saved-search:delete': ({ id }) => {
      session.writable().search.deleteSaved(id);
      return { id };
    },
    'setting:get': ({ key }) => ({ key, value: session.current().settings.get(key) }),
    'setting:set': ({ key, value }) => {
      session.writable().settings.set(key, value);
      return { key, value };
    },

    'import:start': ({ paths }) => ({ jobId: imports.start(paths) }),
    'import:upload': (input) => imports.importUpload(input.name, Buffer.from(input.dataBase64, 'base64'), input.lastModified),
    'import:status': ({ jobId }) => imports.status(jobId),
    'import:cancel': ({ jobId }) => imports.cancel(jobId),

    'hub:status': () => hub.status(),
    'hub:share': async ({ url, analystName, password, remember }) => {
      const result = await hub.share({ url, analystName, password: hub.passwordFor(url, { password }) });
      hub.remember(url, password, remember);
      return { caseId: result.caseId, ...summary(result) };
    },
    'hub:sync': async ({ password, remember }) => {
      const link = hub.status();
      const result = await hub.sync({ password: link.hub ? hub.passwordFor(link.hub, { password }) : password });
      if (link.hub) hub.remember(link.hub, password, remember);
      return summary(result);
    },
    'hub:clashes': () => hub.clashes(),
    'suggestion:list': (query) => {
      const page = session.current().suggestions.list(query);
      return { rows: page.rows.map(toSuggestion), total: page.total };
    },
    'suggestion:counts': () => session.current().suggestions.pendingCounts(),
    'suggestion:accept': ({ id, annotation }) => changed(ACCEPT_TOUCHES, acceptSuggestions(session.writable(), [id], annotation)),
    'suggestion:reject': ({ id }) => changed(['suggestion'], rejectSuggestions(session.writable(), [id])),
    'suggestion:bulk-accept': ({ ids }) => changed(ACCEPT_TOUCHES, acceptSuggestions(session.writable(), ids)),
    'suggestion:bulk-reject': ({ ids }) => changed(['suggestion'], rejectSuggestions(session.writable(), ids)),
    'suggestion:accept-above': ({ kind, minConfidence, documentId }) => changed(ACCEPT_TOUCHES, acceptAbove(session.writable(), kind, minConfidence, documentId)),
    'suggestion:run': ({ documentIds }) => suggestions.run(documentIds),
    'suggestion:status': () => suggestions.status(),
    'suggestion:cancel': () => suggestions.cancel(),
    'analyst:list': () => session.current().operations.analysts(),
  };

  const dispatch = createDispatch(handlers, (error, channel: ChannelName | string) =>
    log(`[parley] internal error in ${channel}`, error),
  );

  return {
    session,
    dispatch,
    async call(channel, input) {
      const result = await dispatch(channel, input);
      if (!result.ok) throw new ParleyError(result.error.code, result.error.message, result.error.details);
      return result.value as never;
    },
    handlers,
    async importFiles(paths, batch) {
      const parsed = ImportStartInput.safeParse({ paths });
      if (!parsed.success) throw new ParleyError('invalid_input', parsed.error.issues[0]?.message ?? 'choose files or folders to import');
      const results = await imports.importPaths(parsed.data.paths, batch);
      // The command line closes the case after this: let the suggestions for what it imported finish.
      await suggestions.idle();
      return results;
    },
    previewExtraction,
    imports,
    hub,
    suggestions,
    async dispose() {
      suggestions.cancel();
      await suggestions.idle();
      await imports.dispose();
      await session.settle();
      session.close();
    },
  };
}
