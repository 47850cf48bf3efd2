/**
 * Sharing the open case through a team hub (electron/hub): set a hub up, share a case, make a
 * working copy of a shared one, sync, and manage members. Service methods rather than channels on
 * the open case, like imports: they are long, talk to a server, and (clone) create a case file.
 * The CLI and the desktop shell call these; credentials come from the caller, never from the case.
 */
import { randomUUID } from 'node:crypto';
import { ParleyError } from '../../shared/errors';
import type { HubClashInfo, HubClashSide, HubStatusInfo } from '../../shared/model/hub';
import { fieldValue, type ClashSide } from '../sync/resolve';
import { redactUrl, type HubConnectOptions } from '../hub/connection';
import { Hub, type HubAccess, type HubMember } from '../hub/hub';
import { syncCase, type LocalCase, type SyncProgress, type SyncResult } from '../hub/sync';
import type { Store } from '../store/index';
import { v7 as uuidv7 } from 'uuid';
import type { CaseSession } from './case-session';

export interface HubCredentials {
  /** The analyst's password (the desktop app keeps it in the OS keychain); else the URL, PGPASSWORD or ~/.pgpass. */
  password?: string;
}

export type HubStatus = HubStatusInfo;

/**
 * Where hub passwords are kept between syncs, keyed by the hub's address without password (which
 * names the role). The desktop app passes one backed by the OS keychain (Electron safeStorage, in
 * electron/main); elsewhere (CLI, browser mode) a password given in the page lasts for the
 * process only, and libpq's own places (PGPASSWORD, ~/.pgpass) are the lasting ones.
 */
export interface HubCredentialStore {
  readonly kind: 'keychain' | 'pgpass';
  get(hub: string): string | undefined;
  /** False when it could not be kept (no keychain available). */
  set(hub: string, password: string): boolean;
}

/** For the process only: CLI and browser mode. */
export function sessionCredentials(): HubCredentialStore {
  const passwords = new Map<string, string>();
  return {
    kind: 'pgpass',
    get: (hub) => passwords.get(hub),
    set: (hub, password) => {
      passwords.set(hub, password);
      return true;
    },
  };
}

export interface HubService {
  init(url: string, credentials?: HubCredentials): ReturnType<typeof Hub.init>;
  /** Publish the open case; this analyst becomes its owner. Prints (returns) the hub's case id. */
  share(input: { url: string; analystName?: string } & HubCredentials): Promise<{ caseId: string } & SyncResult>;
  /** A working copy of a shared case in a new case file, opened. */
  clone(input: { url: string; caseId: string; path: string; analystName?: string } & HubCredentials): Promise<{ path: string } & SyncResult>;
  /** Push the open case's new operations and pull everyone else's. */
  sync(options?: HubCredentials & { onProgress?: (progress: SyncProgress) => void; signal?: AbortSignal; pageSize?: number }): Promise<SyncResult>;
  members(url: string, caseId: string, credentials?: HubCredentials): Promise<HubMember[]>;
  addMember(url: string, caseId: string, member: { role: string; displayName: string; access: HubAccess }, credentials?: HubCredentials): Promise<HubMember>;
  status(): HubStatus;
  /** Open clashes, with the analysts' names and what each record is called. */
  clashes(): HubClashInfo[];
  /** The password to use for the open case's hub: given now, else the credential store's. */
  passwordFor(url: string, given?: { password?: string }): string | undefined;
  /** Keep a password that just worked, when asked to. */
  remember(url: string, password: string | undefined, remember: boolean | undefined): void;
}

export function createHubService(session: CaseSession, changed: (aggregates: string[]) => void, credentials: HubCredentialStore = sessionCredentials()): HubService {
  const withHub = async <T>(url: string, credentials: HubCredentials | undefined, run: (hub: Hub) => Promise<T>): Promise<T> => {
    const hub = await Hub.open(url, connectOptions(credentials));
    try {
      return await run(hub);
    } finally {
      await hub.close();
    }
  };

  const status = (): HubStatus => {
    const store = session.current();
    const log = store.operations;
    const link = log.hubLink();
    const counts = log.counts();
    const analystId = log.analystId;
    return {
      shared: link !== null,
      hub: link?.url ?? null,
      caseId: link?.caseId ?? null,
      role: link?.role ?? null,
      analyst: { id: analystId, name: log.analysts().find((analyst) => analyst.id === analystId)?.name ?? 'Analyst' },
      lastSyncAt: link?.lastSyncAt ?? null,
      lastSyncError: link?.lastSyncError ?? null,
      pending: counts.unpushed,
      clashes: counts.clashes,
      credentials: credentials.kind,
      passwordKnown: link !== null && credentials.get(link.url) !== undefined,
    };
  };

  const runSync = async (store: Store, hub: Hub, caseId: string, options: Parameters<HubService['sync']>[0] = {}) => {
    try {
      const result = await syncCase(hub, caseId, localCaseOf(store), options);
      store.operations.recordSync(null);
      if (result.pulled > 0) changed(['document', 'party', 'source', 'annotation', 'concession', 'concession_stance', 'issue_area', 'tag']);
      return result;
    } catch (error) {
      if (!store.isClosed) store.operations.recordSync((error as Error).message.slice(0, 500));
      throw error;
    }
  };

  return {
    init: (url, credentials) => Hub.init(url, connectOptions(credentials)),

    async share(input) {
      const store = session.writable();
      const existing = store.operations.hubLink();
      if (existing) throw new ParleyError('conflict', `This case is already shared (case ${existing.caseId} on ${existing.url}); use sync`);
      const analystId = store.operations.analystId;
      if (input.analystName) store.transaction(() => store.operations.renameAnalyst(analystId, input.analystName!), { label: 'Name the analyst' });
      const name = input.analystName ?? status().analyst.name;
      return withHub(input.url, input, async (hub) => {
        const caseId = randomUUID();
        await hub.shareCase({ id: caseId, name: store.name.slice(0, 500) || 'Case', analystId, displayName: name.slice(0, 200) });
        store.operations.link(redactUrl(input.url), caseId, hub.role);
        return { caseId, ...(await runSync(store, hub, caseId)) };
      });
    },

    async clone(input) {
      return withHub(input.url, input, async (hub) => {
        const membership = await hub.case(input.caseId);
        const name = input.analystName ?? membership.displayName;
        session.create(input.path, { analyst: { id: membership.analystId, name } });
        const store = session.writable();
        store.operations.link(redactUrl(input.url), input.caseId, hub.role);
        const result = await runSync(store, hub, input.caseId);
        return { path: store.path, ...result };
      });
    },

    async sync(options = {}) {
      const store = session.current();
      const link = store.operations.hubLink();
      if (!link) throw new ParleyError('not_found', 'This case is not shared on a hub yet: share it first (parley hub share)');
      try {
        return await withHub(link.url, options, (hub) => runSync(store, hub, link.caseId, options));
      } catch (error) {
        // A hub that cannot be reached (or refuses the password) shows in the status too.
        if (!store.isClosed) store.operations.recordSync((error as Error).message.slice(0, 500));
        throw error;
      }
    },

    members: (url, caseId, credentials) => withHub(url, credentials, (hub) => hub.members(caseId)),

    addMember: (url, caseId, member, credentials) => withHub(url, credentials, (hub) => hub.addMember(caseId, { ...member, analystId: uuidv7() })),

    status,

    clashes() {
      const log = session.current().operations;
      const names = new Map(log.analysts().map((analyst) => [analyst.id, analyst.name]));
      const side = (clashSide: ClashSide): HubClashSide => ({ analystId: clashSide.analystId, analyst: names.get(clashSide.analystId) ?? clashSide.analystId, at: clashSide.hlc.slice(0, 24), value: clashSide.value });
      return log.clashes().map((clash) => {
        const state = log.record(clash.aggregate, clash.recordId);
        const label = state ? (fieldValue(state, 'name') ?? fieldValue(state, 'title') ?? fieldValue(state, 'quote') ?? null) : null;
        return {
          aggregate: clash.aggregate,
          recordId: clash.recordId,
          label: typeof label === 'string' ? label.slice(0, 200) : null,
          field: clash.field,
          kind: clash.kind,
          kept: clash.kept ? side(clash.kept) : null,
          lost: clash.lost.map(side),
        };
      });
    },

    passwordFor: (url, given) => given?.password ?? credentials.get(redactUrl(url)),

    remember(url, password, remember) {
      if (password && remember) credentials.set(redactUrl(url), password);
    },
  };
}

function connectOptions(credentials: HubCredentials | undefined): HubConnectOptions {
  return credentials?.password ? { password: credentials.password } : {};
}

/** The case file as the sync engine sees it: its operation log and cursors. */
function localCaseOf(store: Store): LocalCase {
  const log = store.operations;
  return {
    cursors: () => {
      const link = log.hubLink();
      return { pushedThrough: link?.pushedThrough ?? 0, pulled: link?.pulled ?? null };
    },
    unpushed: (after, limit) => log.unpushed(after, limit),
    markPushed: (through, pulled) => log.markPushed(through, pulled),
    applyPulled: (operations, blobs) => log.applyPulled(operations, blobs),
    rewind: () => log.rewind(),
    blobsReferenced: (operations) => log.blobsReferenced(operations),
    readBlob: (sha256) => log.readBlob(sha256),
    hasBlob: (sha256) => log.hasBlob(sha256),
    clashCount: () => log.counts().clashes,
  };
}
