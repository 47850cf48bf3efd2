import { EventEmitter } from 'node:events';
import type { Events, EventName } from '../../shared/contract';
import { ParleyError } from '../../shared/errors';
import type { CaseInfo } from '../../shared/model/case';
import { Store, type ConnectionOptions } from '../store/index';

export interface BackupPolicy {
  /** Back up when a case is opened (default true). */
  onOpen: boolean;
  /** Back up every N minutes while there have been edits since the last backup; 0 = never. */
  everyMinutes: number;
  keep: number;
}

const DEFAULT_BACKUPS: BackupPolicy = { onOpen: true, everyMinutes: 10, keep: 10 };

/** Holds the open case (at most one per window/bridge) and emits the service's push events. */
export class CaseSession {
  private store: Store | null = null;
  private readonly emitter = new EventEmitter();

  private backupTimer: NodeJS.Timeout | null = null;
  private inflight: Promise<unknown> | null = null;
  private lastBackedUpSeq = -1;
  private readonly backups: BackupPolicy;

  constructor(
    private readonly connection: ConnectionOptions = {},
    backups: Partial<BackupPolicy> = {},
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {
    this.backups = { ...DEFAULT_BACKUPS, ...backups };
  }

  open(path: string): CaseInfo {
    return this.replace(Store.open(path, this.connection));
  }

  create(path: string): CaseInfo {
    return this.replace(Store.create(path, this.connection));
  }

  close(): void {
    if (!this.store) return;
    this.stopBackups();
    this.store.close();
    this.store = null;
    this.emit('case:closed', {});
  }

  get isOpen(): boolean {
    return this.store !== null;
  }

  current(): Store {
    if (!this.store) throw new ParleyError('no_case', 'No case is open: create or open a case first');
    return this.store;
  }

  writable(): Store {
    const store = this.current();
    store.assertWritable();
    return store;
  }

  info(): CaseInfo {
    const store = this.current();
    return { path: store.path, name: store.name, schemaVersion: store.schemaVersion, readOnly: store.readOnly, counts: store.counts() };
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }

  /** Take a backup now if anything changed since the last one; resolves to its path or null. */
  async backupNow(reason?: string): Promise<string | null> {
    const store = this.store;
    if (!store || store.readOnly) return null;
    const seq = store.latestAuditSeq();
    if (seq === this.lastBackedUpSeq) return null;
    const running = store.backup({ keep: this.backups.keep, ...(reason ? { reason } : {}) });
    this.inflight = running;
    try {
      const backup = await running;
      this.lastBackedUpSeq = seq;
      return backup.path;
    } finally {
      if (this.inflight === running) this.inflight = null;
    }
  }

  /** Wait for a running backup before the case is closed. */
  async settle(): Promise<void> {
    await this.inflight?.catch(() => undefined);
  }

  private startBackups(): void {
    this.stopBackups();
    this.lastBackedUpSeq = -1;
    const attempt = (reason?: string) =>
      this.backupNow(reason).catch((error: unknown) => this.log('[parley] automatic backup failed', error));
    if (this.backups.onOpen) void attempt('open');
    else this.lastBackedUpSeq = this.store?.latestAuditSeq() ?? -1;
    if (this.backups.everyMinutes > 0) {
      this.backupTimer = setInterval(() => void attempt(), this.backups.everyMinutes * 60_000);
      this.backupTimer.unref();
    }
  }

  private stopBackups(): void {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = null;
  }

  private replace(next: Store): CaseInfo {
    this.stopBackups();
    this.store?.close();
    this.store = next;
    this.startBackups();
    const info = this.info();
    this.emit('case:opened', info);
    return info;
  }
}
