/**
 * A case: one SQLite file, its repositories, and nothing else. The database handle stays inside
 * this folder: everything outside reads and writes through the repositories and the methods here.
 */
import type Database from 'better-sqlite3';
import { basename } from 'node:path';
import { ParleyError } from '../../shared/errors';
import type { BackupInfo, HealthReport } from '../../shared/model/case';
import { AnalysisReadModel } from './analysis-read-model';
import { AnnotationRepository } from './annotation-repository';
import { AuditLog, newBatchId } from './audit-log';
import { backupCase } from './backup';
import { CaseRecordsRepository } from './case-records';
import { ConcessionRepository } from './concession-repository';
import { asStoreError, createCaseFile, dropUnexpectedObjects, inspectCaseFile, openCaseFile, type ConnectionOptions, type OpenedDatabase } from './connection';
import { DocumentRepository } from './document-repository';
import { checkCase } from './health-check';
import { describeObject, hasDrift } from './schema-guard';
import { History } from './history';
import { IssueAreaRepository } from './issue-area-repository';
import { OperationLog } from './operation-log';
import { PartyRepository } from './party-repository';
import { PlanRepository } from './plan-repository';
import { registerRawDatabase } from './raw-database';
import { SearchRepository } from './search-repository';
import { Rows } from './rows';
import { SettingsRepository } from './settings-repository';
import { SourceRepository } from './source-repository';
import { SuggestionRepository } from './suggestion-repository';
import { translateSqliteError } from './sqlite-errors';

export { PARLEY_APPLICATION_ID, assertLooksLikeParleyStore, type ConnectionOptions } from './connection';
export { DEFAULT_BACKUPS_KEPT, backupDirFor, listBackups, restoreCase } from './backup';

/** One user action in progress: the audit batch its rows share, and the name of its undo step. */
export interface Batch {
  readonly id: string;
  /** "Merge Moscow into Russia". The first name given wins, so an outer action keeps its own. */
  name(label: string): void;
}

export interface TransactionOptions {
  /** Join an action already under way (its batch id) instead of starting a new one. */
  batchId?: string;
  label?: string;
  /** What the analyst is told failed, before the reason ("Cannot save the annotation: …"). */
  failure?: string;
}

const COUNTED_TABLES = [
  'documents',
  'originals',
  'parties',
  'party_aliases',
  'sources',
  'annotations',
  'concessions',
  'concession_stances',
  'issue_areas',
  'plans',
  'plan_versions',
  'plan_points',
  'tags',
  'audit_log',
] as const;

export class Store {
  readonly audit: AuditLog;
  readonly documents: DocumentRepository;
  readonly parties: PartyRepository;
  readonly sources: SourceRepository;
  readonly concessions: ConcessionRepository;
  readonly issueAreas: IssueAreaRepository;
  readonly annotations: AnnotationRepository;
  readonly settings: SettingsRepository;
  /** Case-wide search (articles, annotation quotes and notes) and saved searches. */
  readonly search: SearchRepository;
  /** What Parley proposes (pending, local) and what the analyst rejected (remembered, shared). */
  readonly suggestions: SuggestionRepository;
  readonly history: History;
  /** The case as raw rows, for dumps, bundles and merges (electron/exchange). */
  readonly records: CaseRecordsRepository;
  /** Every change as operations, and others' operations applied (sharing a case: hub, bundles). */
  readonly operations: OperationLog;
  /** Flat joined rows for the stance matrix, timeline and corroboration (read-only). */
  readonly analysis: AnalysisReadModel;
  readonly plans: PlanRepository;
  readonly path: string;
  readonly readOnly: boolean;
  readonly schemaVersion: number;
  /** Opened with only its small tables checked (a large case): run checkInBackground next. */
  readonly checkDeferred: boolean;

  private readonly db: Database.Database;
  private damage: string | null = null;

  private constructor(opened: OpenedDatabase, identity: { analystId?: string; name?: string } = {}) {
    const db = opened.db;
    this.db = db;
    registerRawDatabase(this, db);
    this.path = opened.path;
    this.readOnly = opened.readOnly;
    this.schemaVersion = opened.schemaVersion;
    this.checkDeferred = opened.checkDeferred ?? false;
    this.audit = new AuditLog(db);
    const rows = new Rows(db, this.audit);
    this.documents = new DocumentRepository(db, this.audit, rows);
    this.parties = new PartyRepository(db, this.audit, rows);
    this.sources = new SourceRepository(db, this.audit, rows);
    this.concessions = new ConcessionRepository(db, this.audit, rows);
    this.issueAreas = new IssueAreaRepository(db, this.audit);
    this.annotations = new AnnotationRepository(db, this.audit, rows);
    this.settings = new SettingsRepository(db);
    this.search = new SearchRepository(db);
    this.suggestions = new SuggestionRepository(db, this.audit);
    this.history = new History(db, this.audit, rows);
    this.records = new CaseRecordsRepository(db, this.audit, rows);
    this.operations = new OperationLog(db);
    this.analysis = new AnalysisReadModel(db);
    this.plans = new PlanRepository(db, this.audit, rows);
    this.audit.onRecorded = (batchId) => this.operations.flush(batchId);
    this.operations.onMaterialized = (change, batchId) => {
      this.audit.label(batchId, change.origin === 'hub' ? 'Sync with the team hub' : 'Merge a bundle');
      this.audit.record(change.aggregate, change.recordId, change.origin === 'hub' ? 'sync' : 'merge', change.before, change.after, batchId, change.analystId);
    };
    // A case from before the operation log gets its records recorded once, as this analyst's.
    if (!this.readOnly) this.operations.ensureIdentity(identity);
  }

  /** Create a new case file (refuses to overwrite an existing one). */
  static create(path: string, options: ConnectionOptions = {}, create: { seed?: boolean; analyst?: { id: string; name: string } } = {}): Store {
    const store = new Store(createCaseFile(path, options), create.analyst ? { analystId: create.analyst.id, name: create.analyst.name } : {});
    // A copy of a shared case (hub clone) gets its codebook from the case, not the defaults.
    if (create.seed !== false) store.issueAreas.seedDefaults();
    return store;
  }

  /** Open an existing case; refuses anything that is not a Parley case, without modifying it. */
  static open(path: string, options: ConnectionOptions = {}): Store {
    const opened = openCaseFile(path, options);
    try {
      return new Store(opened);
    } catch (error) {
      // Opening may read records (a migration's changes become operations): damage found there
      // gets the same message as damage found by the check, and the file is closed again.
      opened.db.close();
      throw asStoreError(error, path);
    }
  }

  /**
   * Run one user action as one transaction: repository writes made inside it join it, and share
   * its audit batch when given `batch.id`, so the change and all its audit rows commit together
   * or not at all, and undo as one step. `action` must not await (SQLite transactions are
   * synchronous). Constraint failures become contract errors prefixed with `failure`.
   */
  transaction<T>(action: (batch: Batch) => T, options: TransactionOptions = {}): T {
    const id = options.batchId ?? newBatchId();
    const batch: Batch = { id, name: (label) => this.audit.label(id, label) };
    try {
      return this.db.transaction(() => {
        if (options.label) batch.name(options.label);
        return action(batch);
      })();
    } catch (error) {
      translateSqliteError(error, options.failure ?? 'Cannot save the change');
    }
  }

  get name(): string {
    return basename(this.path).replace(/\.parley$/i, '');
  }

  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      counts[table] = (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    }
    return counts;
  }

  /** The newest audit entry's sequence number: changes since a backup are detectable by it. */
  latestAuditSeq(): number {
    return this.audit.latestSeq();
  }

  /** Integrity, references, the full-text index and annotation spans; `repair` rebuilds the index. */
  check(options: { repair?: boolean } = {}): HealthReport {
    if (options.repair) this.assertWritable();
    return checkCase(this.db, { ...options, readOnly: this.readOnly });
  }

  /**
   * `parley check` on a case file that need not open: a tampered one is checked on a read-only
   * connection and its extra objects named; with `repair` they are dropped after a backup, and
   * the case is then checked (and its index rebuilt) as usual.
   */
  static async checkFile(path: string, options: ConnectionOptions = {}, check: { repair?: boolean } = {}): Promise<HealthReport> {
    const repaired: string[] = [];
    if (check.repair) {
      const unexpected = await inspectCaseFile(path, options, async (db, drift) => {
        if (drift.unexpected.length === 0) return [];
        const backup = await backupCase(db, path, { reason: 'before-repair' });
        repaired.push(`backed up the case to ${backup.path}`);
        return drift.unexpected;
      });
      if (unexpected.length > 0) {
        dropUnexpectedObjects(path, options, unexpected);
        for (const object of unexpected) repaired.push(`removed ${describeObject(object)}, which Parley does not create`);
      }
    }
    const drift = inspectCaseFile(path, options, (_db, found) => found);
    if (hasDrift(drift)) {
      // Not opened as a case: nothing in it may run.
      return inspectCaseFile(path, options, (db) => checkCase(db, { readOnly: true, drift, repaired }));
    }
    const store = Store.open(path, options);
    try {
      const report = store.check({ repair: !!check.repair && !store.readOnly });
      return { ...report, repaired: [...repaired, ...report.repaired] };
    } finally {
      store.close();
    }
  }

  /** A consistent snapshot into `<case>.parley.backups/` (safe while the case is being written). */
  backup(options: { keep?: number; reason?: string } = {}): Promise<BackupInfo> {
    return backupCase(this.db, this.path, options);
  }

  /** The background check found damage: refuse every write from now on, saying why. */
  markDamaged(finding: string): void {
    this.damage = finding;
  }

  assertWritable(): void {
    if (this.damage) throw new ParleyError('store_corrupt', `${basename(this.path)} is damaged (integrity check: ${this.damage.replace(/\s+/g, ' ').trim()}); nothing more is saved to it. Restore it from a backup.`);
    if (this.readOnly) throw new ParleyError('read_only', `${basename(this.path)} is read-only; nothing can be changed`);
  }

  get isClosed(): boolean {
    return !this.db.open;
  }

  close(): void {
    if (!this.db.open) return;
    if (!this.readOnly) {
      try {
        // Fold the WAL back so the case is one self-contained file when copied.
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        /* another connection may hold the WAL; closing is still safe */
      }
    }
    this.db.close();
  }
}
