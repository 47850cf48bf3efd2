/**
 * Sharing the open case through a team hub (electron/hub): set a hub up, share a case, make a
 * working copy of a shared one, sync, and manage members. Service methods rather than channels on
 * the open case, like imports: they are long, talk to a server, and (clone) create a case file.
 * The CLI and the desktop shell call these; credentials come from the caller, never from the case.
 */
import { randomUUID } from 'node:crypto';
import { ParleyError } from '../../shared/errors';
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

export interface HubStatus {
  shared: boolean;
  /** The hub, without password. */
  hub: string | null;
  caseId: string | null;
  role: string | null;
  analyst: { id: string; name: string };
  lastSyncAt: string | null;
  lastSyncError: string | null;
  /** Local operations not on the hub yet. */
  pending: number;
  clashes: number;
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
}

export function createHubService(session: CaseSession, changed: (aggregates: string[]) => void): HubService {
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
      return withHub(link.url, options, (hub) => runSync(store, hub, link.caseId, options));
    },

    members: (url, caseId, credentials) => withHub(url, credentials, (hub) => hub.members(caseId)),

    addMember: (url, caseId, member, credentials) => withHub(url, credentials, (hub) => hub.addMember(caseId, { ...member, analystId: uuidv7() })),

    status,
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
