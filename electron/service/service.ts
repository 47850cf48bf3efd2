/**
 * The contract's implementation in plain Node: every channel's handler, over the open case.
 * Registered on ipcMain by electron/main and on HTTP by electron/bridge; both call `dispatch`.
 */
import type { ChannelName } from '../../shared/contract';
import type { ConnectionOptions } from '../store/index';
import { CaseSession, type BackupPolicy } from './case-session';
import { exportDataFile, mergeBundleUpload, renderReportFile, reportSections, type PdfPrinter } from './exports';
import { createDispatch, type Dispatch, type HandlerMap } from './handler';
import { ImportJobs } from './import-jobs';
import { originalForDisplay } from './original-view';
import { reextractDocument } from './reextract';

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
}

export interface ParleyService {
  session: CaseSession;
  dispatch: Dispatch;
  imports: ImportJobs;
  handlers: HandlerMap;
  dispose(): Promise<void>;
}

export function createService(options: ServiceOptions = {}): ParleyService {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const session = new CaseSession(options.connection, options.backups, log);
  const imports = new ImportJobs(session, { workers: options.importWorkers });
  if (options.warmImportWorkers) {
    session.on('case:opened', () => {
      if (!session.current().readOnly) imports.warmUp();
    });
  }

  /** Tell every view to refresh after changes the page did not make itself (undo, bulk, merge). */
  const changed = <T>(aggregates: string[], value: T): T => {
    session.emit('case:changed', { aggregates });
    return value;
  };

  const handlers: HandlerMap = {
    'case:info': () => session.info(),

    'document:list': () => session.current().documents.list(),
    'document:get': ({ id }) => session.current().documents.get(id),
    'document:original': ({ id }) => originalForDisplay(session.current().documents.original(id)),
    'document:update': ({ id, patch }) => session.writable().documents.change(id, patch),
    'document:delete': ({ id }) => {
      session.writable().documents.delete(id);
      return { id };
    },
    'document:search': ({ query, limit }) => session.current().documents.searchText(query, limit),

    'party:list': () => session.current().parties.list(),
    'party:create': (input) => session.writable().parties.create(input),
    'party:update': ({ id, patch }) => session.writable().parties.change(id, patch),
    'party:delete': ({ id }) => {
      session.writable().parties.delete(id);
      return { id };
    },
    'party:bulk-update': ({ ids, patch }) => changed(['party'], session.writable().parties.bulkChange(ids, patch)),
    'party:merge': ({ keepId, mergeId }) =>
      changed(['party', 'source', 'concession', 'concession_stance', 'annotation', 'plan'], session.writable().parties.merge(keepId, mergeId)),

    'source:list': () => session.current().sources.list(),
    'source:create': (input) => session.writable().sources.create(input),
    'source:update': ({ id, patch }) => session.writable().sources.change(id, patch),
    'source:delete': ({ id }) => {
      session.writable().sources.delete(id);
      return { id };
    },
    'source:bulk-update': ({ ids, patch }) => changed(['source'], session.writable().sources.bulkChange(ids, patch)),

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
    'concession:bulk-update': ({ ids, patch }) => changed(['concession'], session.writable().concessions.bulkChange(ids, patch)),

    'annotation:list': (query) => session.current().annotations.list(query),
    'annotation:get': ({ id }) => session.current().annotations.get(id),
    'annotation:create': (input) => session.writable().annotations.create(input),
    'annotation:update': ({ id, patch }) => session.writable().annotations.change(id, patch),
    'annotation:bulk-update': ({ ids, patch }) => changed(['annotation', 'concession_stance', 'tag'], session.writable().annotations.bulkChange(ids, patch)),
    'annotation:delete': ({ id }) => {
      session.writable().annotations.delete(id);
      return { id };
    },
    'document:reextract': async ({ id }) => changed(['document', 'annotation'], await reextractDocument(session, id)),

    'history:state': () => session.current().history.state(),
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
    'bundle:merge': async (input) => changed(['document', 'party', 'source', 'annotation', 'concession'], await mergeBundleUpload(session.writable(), input)),
    'setting:get': ({ key }) => ({ key, value: session.current().settings.get(key) }),
    'setting:set': ({ key, value }) => {
      session.writable().settings.set(key, value);
      return { key, value };
    },

    'import:start': ({ paths }) => ({ jobId: imports.start(paths) }),
    'import:upload': (input) => imports.importUpload(input.name, Buffer.from(input.dataBase64, 'base64'), input.lastModified),
    'import:status': ({ jobId }) => imports.status(jobId),
    'import:cancel': ({ jobId }) => imports.cancel(jobId),
  };

  const dispatch = createDispatch(handlers, (error, channel: ChannelName | string) =>
    log(`[parley] internal error in ${channel}`, error),
  );

  return {
    session,
    dispatch,
    imports,
    handlers,
    async dispose() {
      await imports.dispose();
      await session.settle();
      session.close();
    },
  };
}
