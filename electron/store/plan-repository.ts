/** Plans, their versions and numbered points, and which earlier points each point continues. */
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import type { Plan, PlanVersionSummary } from '../../shared/model/plan';
import type { Stance } from '../../shared/model/vocabulary';
import { newBatchId, newId, now, type AuditLog } from './audit-log';
import type { Rows } from './rows';
import { translateSqliteError } from './sqlite-errors';

export interface PlanPointRow {
  id: string;
  versionId: string;
  number: number;
  text: string;
  alignedFrom: string[];
}

export interface PlanPointConcessionRow {
  id: string;
  title: string;
  planPointId: string;
}

export interface PlanStanceRow {
  id: string;
  concessionId: string;
  partyId: string;
  partyName: string;
  stance: Stance;
  asOf: string | null;
  annotationId: string | null;
  createdAt: string;
}

interface PlanRow {
  id: string;
  title: string;
  proposed_by_party_id: string | null;
  proposed_by_party_name: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

interface VersionRow {
  id: string;
  plan_id: string;
  label: string;
  dated: string | null;
  notes: string | null;
  point_count: number;
  created_at: string;
}

/** A plan point with the plan and version it belongs to. */
export interface PointOptionRow {
  id: string;
  planId: string;
  planTitle: string;
  versionId: string;
  versionLabel: string;
  number: number;
  text: string;
}

export class PlanRepository {
  private readonly selectPlans: Database.Statement;
  private readonly selectPlan: Database.Statement;
  private readonly selectVersions: Database.Statement;
  private readonly selectVersion: Database.Statement;
  private readonly selectPoints: Database.Statement;
  private readonly selectPoint: Database.Statement;
  private readonly selectConcessions: Database.Statement;
  private readonly selectStances: Database.Statement;
  private readonly nextNumber: Database.Statement;
  private readonly selectPointOptions: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
  ) {
    const plan = `SELECT p.*, pp.name AS proposed_by_party_name FROM plans p LEFT JOIN parties pp ON pp.id = p.proposed_by_party_id`;
    this.selectPlans = db.prepare(`${plan} ORDER BY p.created_at, p.title`);
    this.selectPlan = db.prepare(`${plan} WHERE p.id = ?`);
    const version = `SELECT v.*, (SELECT count(*) FROM plan_points WHERE version_id = v.id) AS point_count FROM plan_versions v`;
    this.selectVersions = db.prepare(`${version} ORDER BY v.plan_id, v.dated IS NULL, v.dated, v.created_at`);
    this.selectVersion = db.prepare(`${version} WHERE v.id = ?`);
    this.selectPoints = db.prepare('SELECT id, version_id AS versionId, number, text, aligned_from AS alignedFrom FROM plan_points WHERE version_id = ? ORDER BY number');
    this.selectPoint = db.prepare('SELECT id, version_id AS versionId, number, text, aligned_from AS alignedFrom FROM plan_points WHERE id = ?');
    this.selectConcessions = db.prepare(
      `SELECT c.id, c.title, c.plan_point_id AS planPointId FROM plan_points pt JOIN concessions c ON c.plan_point_id = pt.id
       WHERE pt.version_id = ? ORDER BY c.title COLLATE NOCASE`,
    );
    this.selectStances = db.prepare(
      `SELECT s.id, s.concession_id AS concessionId, s.party_id AS partyId, p.name AS partyName, s.stance, s.as_of AS asOf,
         s.annotation_id AS annotationId, s.created_at AS createdAt
       FROM concession_stances s JOIN parties p ON p.id = s.party_id
       WHERE s.concession_id IN (SELECT c.id FROM plan_points pt JOIN concessions c ON c.plan_point_id = pt.id WHERE pt.version_id = ?)
       ORDER BY s.as_of IS NOT NULL, s.as_of, s.created_at, s.id`,
    );
    this.selectPointOptions = db.prepare(
      `SELECT pt.id, p.id AS planId, p.title AS planTitle, v.id AS versionId, v.label AS versionLabel, pt.number, pt.text FROM plan_points pt
       JOIN plan_versions v ON v.id = pt.version_id JOIN plans p ON p.id = v.plan_id
       ORDER BY p.created_at, p.title, v.dated IS NULL, v.dated, v.created_at, pt.number`,
    );
    this.nextNumber = db.prepare('SELECT coalesce(max(number), 0) + 1 AS number FROM plan_points WHERE version_id = ?');
  }

  list(): Plan[] {
    const versions = new Map<string, PlanVersionSummary[]>();
    for (const row of this.selectVersions.all() as VersionRow[]) {
      const list = versions.get(row.plan_id) ?? [];
      list.push(toVersion(row));
      versions.set(row.plan_id, list);
    }
    return (this.selectPlans.all() as PlanRow[]).map((row) => toPlan(row, versions.get(row.id) ?? []));
  }

  get(id: string): Plan {
    const row = this.selectPlan.get(id) as PlanRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That plan no longer exists');
    return toPlan(row, this.list().find((plan) => plan.id === id)?.versions ?? []);
  }

  version(id: string): PlanVersionSummary {
    const row = this.selectVersion.get(id) as VersionRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That plan version no longer exists');
    return toVersion(row);
  }

  points(versionId: string): PlanPointRow[] {
    return (this.selectPoints.all(versionId) as (Omit<PlanPointRow, 'alignedFrom'> & { alignedFrom: string })[]).map(toPoint);
  }

  point(id: string): PlanPointRow {
    const row = this.selectPoint.get(id) as (Omit<PlanPointRow, 'alignedFrom'> & { alignedFrom: string }) | undefined;
    if (!row) throw new ParleyError('not_found', 'That plan point no longer exists');
    return toPoint(row);
  }

  /** Every point of every plan, in plan, version and point order (what a concession can be linked to). */
  pointOptions(): PointOptionRow[] {
    return this.selectPointOptions.all() as PointOptionRow[];
  }

  /** The concessions linked to a version's points, and every stance entry on them (history order). */
  linked(versionId: string): { concessions: PlanPointConcessionRow[]; stances: PlanStanceRow[] } {
    return {
      concessions: this.selectConcessions.all(versionId) as PlanPointConcessionRow[],
      stances: this.selectStances.all(versionId) as PlanStanceRow[],
    };
  }

  create(input: { title: string; proposedByPartyId: string | null; notes: string | null }, batchId = newBatchId()): Plan {
    const id = newId();
    this.write(() => {
      const at = now();
      this.audit.label(batchId, `Create plan "${input.title}"`);
      this.rows.insert('plan', { id, title: input.title, proposed_by_party_id: input.proposedByPartyId, notes: input.notes, created_at: at, updated_at: at }, batchId);
    }, `Cannot create plan "${input.title}"`);
    return this.get(id);
  }

  change(id: string, patch: { title?: string; proposedByPartyId?: string | null; notes?: string | null }, batchId = newBatchId()): Plan {
    const changes: Record<string, unknown> = { updated_at: now() };
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.proposedByPartyId !== undefined) changes.proposed_by_party_id = patch.proposedByPartyId;
    if (patch.notes !== undefined) changes.notes = patch.notes;
    this.write(() => {
      this.get(id);
      this.rows.update('plan', id, changes, batchId);
    }, 'Cannot save the plan');
    return this.get(id);
  }

  /** Delete a plan with its versions and points; concessions linked to its points keep existing, unlinked. */
  delete(id: string, batchId = newBatchId()): void {
    this.write(() => {
      const plan = this.get(id);
      this.audit.label(batchId, `Delete plan "${plan.title}"`);
      this.rows.remove('plan', id, batchId);
    }, 'Cannot delete the plan');
  }

  /** A version with its points (texts in order, numbered as given), in one step. */
  createVersion(
    input: { planId: string; label: string; dated: string | null; notes: string | null; points: { number: number; text: string }[] },
    batchId = newBatchId(),
  ): PlanVersionSummary {
    const id = newId();
    this.write(() => {
      const plan = this.get(input.planId);
      this.audit.label(batchId, `Add version "${input.label}" to "${plan.title}"`);
      this.rows.insert('plan_version', { id, plan_id: input.planId, label: input.label, dated: input.dated, notes: input.notes, created_at: now() }, batchId);
      for (const point of input.points) {
        this.rows.insert('plan_point', { id: newId(), version_id: id, number: point.number, text: point.text, aligned_from: '[]' }, batchId);
      }
    }, `Cannot add version "${input.label}"`);
    return this.version(id);
  }

  deleteVersion(id: string, batchId = newBatchId()): void {
    this.write(() => {
      const version = this.version(id);
      this.audit.label(batchId, `Delete version "${version.label}"`);
      this.rows.remove('plan_version', id, batchId);
    }, 'Cannot delete the version');
  }

  changePoint(id: string, text: string, batchId = newBatchId()): PlanPointRow {
    this.write(() => {
      const point = this.point(id);
      this.audit.label(batchId, `Edit point ${point.number}`);
      this.rows.update('plan_point', id, { text }, batchId);
    }, 'Cannot save the point');
    return this.point(id);
  }

  addPoint(versionId: string, text: string, batchId = newBatchId()): PlanPointRow {
    const id = newId();
    this.write(() => {
      this.version(versionId);
      const { number } = this.nextNumber.get(versionId) as { number: number };
      this.audit.label(batchId, `Add point ${number}`);
      this.rows.insert('plan_point', { id, version_id: versionId, number, text, aligned_from: '[]' }, batchId);
    }, 'Cannot add the point');
    return this.point(id);
  }

  deletePoint(id: string, batchId = newBatchId()): void {
    this.write(() => {
      const point = this.point(id);
      this.audit.label(batchId, `Delete point ${point.number}`);
      this.rows.remove('plan_point', id, batchId);
    }, 'Cannot delete the point');
  }

  /** Which earlier points a point continues (the whole list, replacing what it said). */
  setAlignedFrom(id: string, alignedFrom: string[], batchId: string): void {
    this.rows.update('plan_point', id, { aligned_from: JSON.stringify(alignedFrom) }, batchId);
  }

  private write(action: () => void, failure: string): void {
    try {
      this.db.transaction(action)();
    } catch (error) {
      translateSqliteError(error, failure);
    }
  }
}

function toPoint(row: Omit<PlanPointRow, 'alignedFrom'> & { alignedFrom: string }): PlanPointRow {
  let alignedFrom: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.alignedFrom);
    if (Array.isArray(parsed)) alignedFrom = parsed.filter((value): value is string => typeof value === 'string');
  } catch {
    /* the column's CHECK keeps it valid JSON; a hand-edited case reads as unaligned */
  }
  return { ...row, alignedFrom };
}

function toVersion(row: VersionRow): PlanVersionSummary {
  return { id: row.id, planId: row.plan_id, label: row.label, dated: row.dated, notes: row.notes, pointCount: row.point_count, createdAt: row.created_at };
}

function toPlan(row: PlanRow, versions: PlanVersionSummary[]): Plan {
  return {
    id: row.id,
    title: row.title,
    proposedByPartyId: row.proposed_by_party_id,
    proposedByPartyName: row.proposed_by_party_name,
    notes: row.notes,
    versions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
