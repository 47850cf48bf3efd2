import type Database from 'better-sqlite3';
import type { IssueArea } from '../../shared/model/concession';
import { DEFAULT_ISSUE_AREAS } from '../../shared/model/vocabulary';
import { ParleyError } from '../../shared/errors';
import { newBatchId, newId, type AuditLog } from './audit-log';
import { translateSqliteError } from './sqlite-errors';

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
    this.selectOne = db.prepare('SELECT id, name, position FROM issue_areas WHERE id = ?');
    this.nextPosition = db.prepare('SELECT coalesce(max(position), -1) + 1 AS position FROM issue_areas');
    this.rename = db.prepare('UPDATE issue_areas SET name = ? WHERE id = ?');
  }

  private readonly selectOne: Database.Statement;
  private readonly nextPosition: Database.Statement;
  private readonly rename: Database.Statement;

  get(id: string): IssueArea {
    const row = this.selectOne.get(id) as IssueArea | undefined;
    if (!row) throw new ParleyError('not_found', 'That issue area no longer exists');
    return row;
  }

  /** The codebook is the analyst's: add an area ("Energy", "Prisoners"), appended at the end. */
  create(name: string, batchId = newBatchId()): IssueArea {
    const id = newId();
    try {
      this.db.transaction(() => {
        const { position } = this.nextPosition.get() as { position: number };
        this.insert.run(id, name, position);
        this.audit.record('issue_area', id, 'create', null, this.get(id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, `Cannot add issue area "${name}"`);
    }
    return this.get(id);
  }

  changeName(id: string, name: string, batchId = newBatchId()): IssueArea {
    try {
      this.db.transaction(() => {
        const before = this.get(id);
        this.rename.run(name, id);
        this.audit.record('issue_area', id, 'update', before, this.get(id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot rename the issue area');
    }
    return this.get(id);
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
