/**
 * A case held in memory with an operation log and sync cursors, the way the case file keeps them:
 * for testing the sync engine against a real hub without a store. Blobs: operations setting a
 * `sha256` field refer to the blob with that name.
 */
import type { HubOperation, HubPosition } from '../../electron/hub/hub';
import type { LocalCase, SyncCursors } from '../../electron/hub/sync';
import type { Operation } from '../../electron/sync/operation';
import { Replica } from '../../electron/sync/replica';

export class MemoryCase implements LocalCase {
  /** The local log: every operation once, in the order this replica got it. */
  readonly log: { op: Operation; onHub: boolean }[] = [];
  readonly blobs = new Map<string, Uint8Array>();
  private readonly seen = new Map<string, number>();
  private state: SyncCursors = { pushedThrough: 0, pulled: null };

  constructor(readonly replica: Replica) {
    for (const op of replica.operations()) this.record(op, false);
  }

  /** Take in what the replica authored since (call after local edits). */
  capture(): void {
    for (const op of this.replica.operations()) if (!this.seen.has(op.opId)) this.record(op, false);
  }

  private record(op: Operation, onHub: boolean): void {
    this.log.push({ op, onHub });
    this.seen.set(op.opId, this.log.length);
  }

  cursors(): SyncCursors {
    return { ...this.state };
  }

  unpushed(after: number, limit: number): { operations: Operation[]; through: number } {
    this.capture();
    const operations: Operation[] = [];
    let through = after;
    for (let index = after; index < this.log.length; index++) {
      const entry = this.log[index]!;
      if (operations.length >= limit && entry.op.batchId !== operations.at(-1)?.batchId) break;
      through = index + 1;
      if (!entry.onHub) operations.push(entry.op);
    }
    return { operations, through };
  }

  markPushed(through: number, pulled?: HubPosition): void {
    for (let index = 0; index < through; index++) this.log[index]!.onHub = true;
    this.state.pushedThrough = Math.max(this.state.pushedThrough, through);
    if (pulled) this.advance(pulled);
  }

  rewind(): void {
    for (const entry of this.log) entry.onHub = false;
    this.state = { pushedThrough: 0, pulled: null };
  }

  private advance(position: HubPosition): void {
    if (!this.state.pulled || position.seq > this.state.pulled.seq) this.state.pulled = position;
  }

  applyPulled(operations: HubOperation[], blobs: Map<string, Uint8Array>): number {
    let added = 0;
    for (const { seq: _seq, pushedBy: _pushedBy, ...op } of operations) {
      if (this.replica.apply(op)) {
        this.record(op, true);
        added++;
      }
    }
    for (const [sha, bytes] of blobs) this.blobs.set(sha, bytes);
    const last = operations.at(-1);
    if (last) this.advance({ seq: last.seq, opId: last.opId });
    return added;
  }

  blobsReferenced(operations: Operation[]): string[] {
    return operations.filter((op) => op.field === 'sha256' && typeof op.after === 'string').map((op) => op.after as string);
  }

  readBlob(sha256: string): Uint8Array | null {
    return this.blobs.get(sha256) ?? null;
  }

  hasBlob(sha256: string): boolean {
    return this.blobs.has(sha256);
  }

  clashCount(): number {
    return this.replica.image().clashes.length;
  }
}

export function memoryCase(schema: ConstructorParameters<typeof Replica>[0], analystId?: string, options?: ConstructorParameters<typeof Replica>[2]): MemoryCase {
  return new MemoryCase(new Replica(schema, analystId, options));
}
