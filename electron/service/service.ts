/**
 * The contract's implementation in plain Node: every channel's handler, over the open case.
 * Registered on ipcMain by electron/main and on HTTP by electron/bridge; both call `dispatch`.
 */
import type { ChannelName } from '../../shared/contract';
import type { ConnectionOptions } from '../store/index';
import { CaseSession } from './case-session';
import { createDispatch, type Dispatch, type HandlerMap } from './handler';
import { ImportJobs } from './import-jobs';
import { originalForDisplay } from './original-view';

export interface ServiceOptions {
  connection?: ConnectionOptions;
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
  const session = new CaseSession(options.connection);
  const imports = new ImportJobs(session, { workers: options.importWorkers });

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

    'source:list': () => session.current().sources.list(),
    'source:create': (input) => session.writable().sources.create(input),
    'source:update': ({ id, patch }) => session.writable().sources.change(id, patch),
    'source:delete': ({ id }) => {
      session.writable().sources.delete(id);
      return { id };
    },

    'issue-area:list': () => session.current().issueAreas.list(),
    'concession:list': () => session.current().concessions.list(),
    'concession:create': (input) => session.writable().concessions.create(input),
    'concession:update': ({ id, patch }) => session.writable().concessions.change(id, patch),
    'concession:delete': ({ id }) => {
      session.writable().concessions.delete(id);
      return { id };
    },
    'concession:set-stance': (input) => session.writable().concessions.setStance(input),

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
      session.close();
    },
  };
}
