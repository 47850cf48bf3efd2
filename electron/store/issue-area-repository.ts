import type Database from 'better-sqlite3';
import type { IssueArea } from '../../shared/model/concession';
import { DEFAULT_ISSUE_AREAS } from '../../shared/model/vocabulary';
import { newBatchId, newId, type AuditLog } from './audit-log';

/** The issue-area codebook (Territory, Sanctions, …), seeded when a case is created. */
export class IssueAreaRepository {
  private readonly selectAll: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly count: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {
    this.selectAll = db.prepare('SELECT id, name, position FROM issue_areas ORDER BY position, name');
    this.insert = db.prepare('INSERT INTO issue_areas (id, name, position) VALUES (?, ?, ?)');
    this.count = db.prepare('SELECT count(*) AS n FROM issue_areas');
  }

  list(): IssueArea[] {
    return this.selectAll.all() as IssueArea[];
  }

  seedDefaults(): void {
    if ((this.count.get() as { n: number }).n > 0) return;
    const batchId = newBatchId();
    this.db.transaction(() => {
      DEFAULT_ISSUE_AREAS.forEach((name, position) => {
        const id = newId();
        this.insert.run(id, name, position);
        this.audit.record('issue_area', id, 'create', null, { id, name, position }, batchId);
      });
    })();
  }
}
