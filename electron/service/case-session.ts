import { EventEmitter } from 'node:events';
import { basename, resolve } from 'node:path';
import type { Events, EventName } from '../../shared/contract';
import { ParleyError } from '../../shared/errors';
import type { BackupInfo, CaseInfo, HealthReport, RestoreReport } from '../../shared/model/case';
import { checkInBackground, type BackgroundCheck } from '../store/background-check';
import { backupDirFor, listBackups, restoreCase, Store, type ConnectionOptions } from '../store/index';

export interface BackupPolicy {
  /** Back up when a case is opened (default true). */
  onOpen: boolean;
  /** Back up every N minutes while there have been edits since the last backup; 0 = never. */
  everyMinutes: number;
  keep: number;
}

const DEFAULT_BACKUPS: BackupPolicy = { onOpen: true, everyMinutes: 10, keep: 10 };

/**
 * Holds the open case (at most one per window/bridge), takes its backups, and emits the service's
 * push events. Case files are created, opened and restored only here.
 */
export class CaseSession {
  private store: Store | null = null;
  private readonly emitter = new EventEmitter();

  private backupTimer: NodeJS.Timeout | null = null;
  private inflight: Promise<unknown> | null = null;
  private lastBackedUpSeq = -1;
  private readonly backups: BackupPolicy;
  private integrityCheck: BackgroundCheck | null = null;

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

  /** `copyOf`: a working copy of a shared case (no default codebook; the analyst the hub knows). */
  create(path: string, copyOf?: { analyst: { id: string; name: string } }): CaseInfo {
    return this.replace(Store.create(path, this.connection, copyOf ? { seed: false, analyst: copyOf.analyst } : {}));
  }

  close(): void {
    if (!this.store) return;
    this.stopBackups();
    this.integrityCheck?.cancel();
    this.integrityCheck = null;
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

  /** Transports that hold one listener per client (the bridge's event streams) raise the limit to their client limit. */
  setListenerLimit(limit: number): void {
    this.emitter.setMaxListeners(Math.max(limit, this.emitter.getMaxListeners()));
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
    if (store.latestAuditSeq() === this.lastBackedUpSeq) return null;
    return (await this.takeBackup(store, reason)).path;
  }

  /** The analyst asked for a backup: take one even if nothing changed since the last. */
  backup(): Promise<BackupInfo> {
    return this.takeBackup(this.current(), 'manual');
  }

  /**
   * `parley check` on a case file, open or not: a tampered case does not open, yet its extra
   * objects must be named (and with `repair`, dropped after a backup).
   */
  async checkFile(casePath: string, options: { repair?: boolean } = {}): Promise<HealthReport> {
    const target = resolve(casePath);
    if (this.store && resolve(this.store.path) === target) {
      if (options.repair) this.store.assertWritable();
      return this.store.check(options);
    }
    return Store.checkFile(target, this.connection, options);
  }

  /** The backups of a case file, newest first; the file need not open (that is when one is needed). */
  backupsOf(casePath: string): BackupInfo[] {
    return listBackups(resolve(casePath));
  }

  /**
   * Put a backup (default: the newest) in place of a case file, keeping the current file as one
   * more backup, so a restore can be undone the same way. The backup must open as a sound case
   * first. The case file itself need not open; if it is the open case, it is closed for the
   * restore and opened again after it, whether the restore worked or not.
   */
  async restore(casePath: string, from?: string): Promise<RestoreReport> {
    const target = resolve(casePath);
    const source = from ? resolve(from) : this.backupsOf(target)[0]?.path;
    if (!source) throw new ParleyError('not_found', `No backups of ${basename(target)} found in ${backupDirFor(target)}`);
    if (source === target) throw new ParleyError('invalid_input', 'Choose a backup, not the case itself');
    Store.open(source, this.connection).close();
    const wasOpen = this.store !== null && resolve(this.store.path) === target;
    if (wasOpen) {
      await this.settle();
      this.close();
    }
    try {
      const { keptCurrentAs } = restoreCase(target, source);
      return { restoredFrom: source, keptCurrentAs };
    } finally {
      if (wasOpen) this.open(target);
    }
  }

  /** One backup at a time: two started together would share a file name and each other's temporary file. */
  private takeBackup(store: Store, reason?: string): Promise<BackupInfo> {
    const run = async () => {
      const seq = store.latestAuditSeq();
      try {
        const backup = await store.backup({ keep: this.backups.keep, ...(reason ? { reason } : {}) });
        this.lastBackedUpSeq = seq;
        return backup;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (/^E[A-Z]+$/.test(code)) throw new ParleyError(code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'read_only' : 'io_error', `Cannot write a backup beside ${basename(store.path)}: ${(error as Error).message}`);
        throw error;
      }
    };
    const running = (this.inflight ?? Promise.resolve()).catch(() => undefined).then(run);
    this.inflight = running;
    void running.finally(() => {
      if (this.inflight === running) this.inflight = null;
    }).catch(() => undefined);
    return running;
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
    this.integrityCheck?.cancel();
    this.integrityCheck = null;
    this.store?.close();
    this.store = next;
    this.startBackups();
    if (next.checkDeferred) {
      const check = checkInBackground(next.path, this.connection.nativeBinding);
      this.integrityCheck = check;
      void check.result.then((finding) => {
        if (finding === 'ok' || finding === 'cancelled' || this.store !== next) return;
        // A check that could not run says nothing about the file: logged, not held against it.
        if (!finding.startsWith('cannot check')) next.markDamaged(finding);
        this.log(`[parley] ${basename(next.path)} failed its integrity check: ${finding}`);
      });
    }
    const info = this.info();
    this.emit('case:opened', info);
    return info;
  }
}
