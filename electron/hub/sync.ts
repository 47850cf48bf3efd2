/**
 * Syncing one case with the hub: push the local operations the hub does not have yet, then pull
 * everyone else's, page by page (whole user actions per page).
 *
 * Safe to interrupt anywhere, and to run from two machines (or twice) at once, because:
 * - a push is one INSERT (one transaction on the server); operation ids are unique there, so a
 *   push repeated after a cut that happened after the commit adds nothing;
 * - the local push cursor moves only after the server committed, and the pull cursor moves in the
 *   same local transaction that applies the page; applying is idempotent, so a page applied twice
 *   changes nothing;
 * - blobs go up before the operations that refer to them, so whoever pulls an operation can fetch
 *   its blob; each blob is stored once per case, by its sha256, and checked on arrival.
 * The engine keeps no state of its own: the cursors live with the case (LocalCase).
 */
import { createHash } from 'node:crypto';
import { ParleyError } from '../../shared/errors';
import type { Operation } from '../sync/operation';
import type { Hub, HubOperation, HubPosition, PullPage } from './hub';

export interface SyncCursors {
  /** Local operations up to this local sequence number are on the hub. */
  pushedThrough: number;
  /** The hub's log up to here has been applied here (null: nothing yet). */
  pulled: HubPosition | null;
}

/** What the engine needs from a case: its operation log and cursors (the case file, or memory in tests). */
export interface LocalCase {
  cursors(): SyncCursors;
  /** Local operations after local seq `after` not known to be on the hub, whole batches, about `limit`. */
  unpushed(after: number, limit: number): { operations: Operation[]; through: number };
  /** Local operations through `through` are on the hub; and the hub's log up to `pulled`, if given, is all known here. */
  markPushed(through: number, pulled?: HubPosition): void;
  /** Apply a page from the hub and move the pull cursor to its last operation, in one transaction; returns how many were new here. */
  applyPulled(operations: HubOperation[], blobs: Map<string, Uint8Array>): number;
  /** The hub no longer holds what this case pulled (restored from an older backup): forget both cursors. */
  rewind(): void;
  /** The sha256s of the blobs these operations refer to. */
  blobsReferenced(operations: Operation[]): string[];
  readBlob(sha256: string): Uint8Array | null;
  hasBlob(sha256: string): boolean;
  /** Clashes open now. */
  clashCount(): number;
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  /** Operations pushed or pulled so far in this phase. */
  done: number;
}

export interface SyncOptions {
  /** Operations per push and per pull page. */
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncResult {
  /** Operations this sync added to the hub. */
  pushed: number;
  /** Operations pulled that were new here. */
  pulled: number;
  /** Clashes open after the sync (listed the same on every replica holding the same operations). */
  clashes: number;
  blobsPushed: number;
  blobsPulled: number;
  /** Local operations not pushed because this analyst only reads the case. */
  notPushed: number;
  /** The hub's log as far as this replica now holds it. */
  hubSeq: number;
  /** The hub had lost operations this case had pulled (a restored backup): everything was offered again. */
  rewound: boolean;
}

export async function syncCase(hub: Hub, caseId: string, local: LocalCase, options: SyncOptions = {}): Promise<SyncResult> {
  const pageSize = options.pageSize ?? 2000;
  const membership = await hub.case(caseId);
  const result: SyncResult = { pushed: 0, pulled: 0, clashes: 0, blobsPushed: 0, blobsPulled: 0, notPushed: 0, hubSeq: 0, rewound: false };

  // A hub restored from an older backup (or crashed with asynchronous commit) may have lost what
  // we pushed and pulled: then offer everything again, which adds only what it lacks.
  const pulledBefore = local.cursors().pulled;
  if (pulledBefore && (await hub.operationAt(caseId, pulledBefore.seq)) !== pulledBefore.opId) {
    local.rewind();
    result.rewound = true;
  }

  let pushCursor = local.cursors().pushedThrough;
  if (membership.access === 'reader') {
    result.notPushed = local.unpushed(pushCursor, Number.MAX_SAFE_INTEGER).operations.length;
  } else {
    for (;;) {
      checkCancelled(options.signal);
      const { operations, through } = local.unpushed(pushCursor, pageSize);
      if (operations.length === 0) break;
      result.blobsPushed += await pushBlobs(hub, caseId, local, operations);
      const pushed = await hub.push(caseId, operations);
      const pulledSeq = local.cursors().pulled?.seq ?? 0;
      // Our own run right after what we had pulled: nothing of anyone else's lies in between.
      local.markPushed(through, pushed.firstSeq === pulledSeq + 1 && pushed.last ? pushed.last : undefined);
      pushCursor = through;
      result.pushed += pushed.added;
      options.onProgress?.({ phase: 'push', done: result.pushed });
    }
  }

  // The hub reads the next page while this one is applied here (the case file's transaction and
  // PostgreSQL's work overlap); pages are still applied in order, and the cursor moves with each.
  let next: Promise<PullPage> | null = hub.pull(caseId, local.cursors().pulled?.seq ?? 0, pageSize);
  try {
    while (next) {
      const page: PullPage = await next;
      next = null;
      checkCancelled(options.signal);
      if (page.operations.length === 0) break;
      const blobs = await pullBlobs(hub, caseId, local, page.operations);
      if (page.more) next = hub.pull(caseId, page.lastSeq, pageSize);
      result.blobsPulled += blobs.size;
      result.pulled += local.applyPulled(page.operations, blobs);
      options.onProgress?.({ phase: 'pull', done: result.pulled });
    }
  } finally {
    // Stopped early (cancelled, a bad page): the page read ahead is dropped, its failure too.
    next?.catch(() => undefined);
  }
  result.hubSeq = local.cursors().pulled?.seq ?? 0;
  result.clashes = local.clashCount();
  return result;
}

async function pushBlobs(hub: Hub, caseId: string, local: LocalCase, operations: Operation[]): Promise<number> {
  const wanted = local.blobsReferenced(operations);
  if (wanted.length === 0) return 0;
  let pushed = 0;
  for (const sha256 of await hub.missingBlobs(caseId, wanted)) {
    const bytes = local.readBlob(sha256);
    // An original this case no longer holds (deleted since), or whose bytes no longer match their
    // name (damaged): the operation still travels, the file does not.
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== sha256) continue;
    if (await hub.putBlob(caseId, sha256, bytes)) pushed++;
  }
  return pushed;
}

async function pullBlobs(hub: Hub, caseId: string, local: LocalCase, operations: HubOperation[]): Promise<Map<string, Uint8Array>> {
  const blobs = new Map<string, Uint8Array>();
  for (const sha256 of new Set(local.blobsReferenced(operations))) {
    if (local.hasBlob(sha256)) continue;
    const bytes = await hub.blob(caseId, sha256);
    if (!bytes) continue;
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new ParleyError('invalid_input', `The hub sent a file whose content does not match its sha256 (${sha256.slice(0, 12)}…); nothing was applied`);
    }
    blobs.set(sha256, bytes);
  }
  return blobs;
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ParleyError('cancelled', 'Sync cancelled; what was done is kept and the next sync resumes from there');
}
