/** Concessions and the dated history of each party's stance on them. */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ParleyError } from '../../shared/errors';
import type { Concession, ConcessionCreateInput, ConcessionPatch, StanceRecord, StanceSetInput } from '../../shared/model/concession';
import type { ConcessionStatus, Stance } from '../../shared/model/vocabulary';
import { newBatchId, newId, now, type AuditLog } from './audit-log';
import { createdByColumns } from './created-by';
import type { Rows } from './rows';
import { translateSqliteError } from './sqlite-errors';
import { STANCE_AS_OF, STANCE_EVIDENCE_JOIN } from './stance-date';

export type NewConcession = z.output<typeof ConcessionCreateInput>;
export type ConcessionChanges = z.output<typeof ConcessionPatch>;
export type NewStance = z.output<typeof StanceSetInput>;
/** What a stance says: which party takes which position on which concession. */
export type StancePosition = Pick<NewStance, 'concessionId' | 'partyId' | 'stance'>;

interface ConcessionRow {
  id: string;
  title: string;
  issue_area_id: string | null;
  issue_area_name: string | null;
  conceding_party_id: string | null;
  conceding_party_name: string | null;
  beneficiary_party_id: string | null;
  beneficiary_party_name: string | null;
  proposed_by_party_id: string | null;
  proposed_by_party_name: string | null;
  status: ConcessionStatus;
  plan_point_id: string | null;
  plan_point_label: string | null;
  description: string | null;
  evidence_count: number;
  created_by_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

interface StanceRow {
  id: string;
  concession_id: string;
  party_id: string;
  party_name: string;
  stance: Stance;
  as_of: string | null;
  as_of_from_evidence: 0 | 1;
  annotation_id: string | null;
  note: string | null;
  created_by_id: string | null;
  created_by: string | null;
}

const SELECT = `
  SELECT c.*, ia.name AS issue_area_name, cp.name AS conceding_party_name, bp.name AS beneficiary_party_name,
    pp.name AS proposed_by_party_name,
    CASE WHEN pt.id IS NULL THEN NULL ELSE pv.label || ' · point ' || pt.number END AS plan_point_label,
    (SELECT count(*) FROM annotations WHERE concession_id = c.id) AS evidence_count,
    ${createdByColumns('concession', 'c.id')}
  FROM concessions c
  LEFT JOIN issue_areas ia ON ia.id = c.issue_area_id
  LEFT JOIN parties cp ON cp.id = c.conceding_party_id
  LEFT JOIN parties bp ON bp.id = c.beneficiary_party_id
  LEFT JOIN parties pp ON pp.id = c.proposed_by_party_id
  LEFT JOIN plan_points pt ON pt.id = c.plan_point_id
  LEFT JOIN plan_versions pv ON pv.id = pt.version_id`;

const SELECT_STANCES = `
  SELECT s.id, s.concession_id, s.party_id, s.stance, s.annotation_id, s.note, s.created_at,
    ${STANCE_AS_OF} AS as_of, s.as_of IS NULL AND d.published_at IS NOT NULL AS as_of_from_evidence,
    p.name AS party_name, ${createdByColumns('concession_stance', 's.id')}
  FROM concession_stances s JOIN parties p ON p.id = s.party_id
  ${STANCE_EVIDENCE_JOIN}`;

export class ConcessionRepository {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly selectAllStances: Database.Statement;
  private readonly selectStances: Database.Statement;
  private readonly selectStance: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly insertStance: Database.Statement;
  private readonly stanceByAnnotation: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
  ) {
    this.selectAll = db.prepare(`${SELECT} ORDER BY c.title COLLATE NOCASE`);
    this.selectOne = db.prepare(`${SELECT} WHERE c.id = ?`);
    this.selectAllStances = db.prepare(`${SELECT_STANCES} ORDER BY as_of, s.created_at`);
    this.selectStances = db.prepare(`${SELECT_STANCES} WHERE s.concession_id = ? ORDER BY as_of, s.created_at`);
    this.selectStance = db.prepare(`${SELECT_STANCES} WHERE s.id = ?`);
    this.insert = db.prepare(
      `INSERT INTO concessions (id, title, issue_area_id, conceding_party_id, beneficiary_party_id, proposed_by_party_id,
         status, plan_point_id, description, created_at, updated_at)
       VALUES (@id, @title, @issueAreaId, @concedingPartyId, @beneficiaryPartyId, @proposedByPartyId,
         @status, @planPointId, @description, @at, @at)`,
    );
    this.update = db.prepare(
      `UPDATE concessions SET title = @title, issue_area_id = @issueAreaId, conceding_party_id = @concedingPartyId,
         beneficiary_party_id = @beneficiaryPartyId, proposed_by_party_id = @proposedByPartyId, status = @status,
         plan_point_id = @planPointId, description = @description, updated_at = @at WHERE id = @id`,
    );
    this.insertStance = db.prepare(
      `INSERT INTO concession_stances (id, concession_id, party_id, stance, as_of, annotation_id, note, created_at)
       VALUES (@id, @concessionId, @partyId, @stance, @asOf, @annotationId, @note, @at)`,
    );
    this.stanceByAnnotation = db.prepare(
      `SELECT id FROM concession_stances WHERE annotation_id = @annotationId AND concession_id = @concessionId AND party_id = @partyId
       AND stance = @stance ORDER BY created_at LIMIT 1`,
    );
  }

  list(): Concession[] {
    const stances = new Map<string, StanceRecord[]>();
    for (const row of this.selectAllStances.all() as StanceRow[]) {
      const list = stances.get(row.concession_id) ?? [];
      list.push(toStance(row));
      stances.set(row.concession_id, list);
    }
    return (this.selectAll.all() as ConcessionRow[]).map((row) => toConcession(row, stances.get(row.id) ?? []));
  }

  get(id: string): Concession {
    const row = this.selectOne.get(id) as ConcessionRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That concession no longer exists');
    return toConcession(row, (this.selectStances.all(id) as StanceRow[]).map(toStance));
  }

  create(input: NewConcession, batchId = newBatchId()): Concession {
    const id = newId();
    try {
      this.db.transaction(() => {
        this.insert.run({ id, ...input, at: now() });
        this.audit.record('concession', id, 'create', null, this.rows.snapshot('concession', id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, `Cannot create concession "${input.title}"`);
    }
    return this.get(id);
  }

  change(id: string, changes: ConcessionChanges, batchId = newBatchId()): Concession {
    try {
      this.db.transaction(() => {
        const current = this.get(id);
        const before = this.rows.snapshot('concession', id);
        const next: NewConcession = {
          title: current.title,
          issueAreaId: current.issueAreaId,
          concedingPartyId: current.concedingPartyId,
          beneficiaryPartyId: current.beneficiaryPartyId,
          proposedByPartyId: current.proposedByPartyId,
          status: current.status,
          planPointId: current.planPointId,
          description: current.description,
          ...changes,
        };
        this.update.run({ id, ...next, at: now() });
        this.audit.record('concession', id, 'update', before, this.rows.snapshot('concession', id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the concession');
    }
    return this.get(id);
  }

  delete(id: string, batchId = newBatchId()): void {
    try {
      this.db.transaction(() => {
        const concession = this.get(id);
        this.audit.label(batchId, `Delete concession "${concession.title}"`);
        // Its stances go and its evidence loses the link, each audited, so an undo restores them.
        this.rows.remove('concession', id, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot delete the concession');
    }
  }

  /**
   * Stances are a history: each call adds a dated entry; the latest per party is the current stance.
   * Without `asOf`, an entry backed by an annotation is dated by that annotation's article.
   */
  setStance(input: NewStance, batchId = newBatchId()): StanceRecord {
    const id = newId();
    try {
      this.db.transaction(() => {
        const concession = this.get(input.concessionId);
        this.audit.label(batchId, `Set stance: ${input.stance} on "${concession.title}"`);
        this.insertStance.run({ id, ...input, at: now() });
        this.audit.record('concession_stance', id, 'create', null, this.rows.snapshot('concession_stance', id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot record the stance');
    }
    return toStance(this.selectStance.get(id) as StanceRow);
  }

  /** The stance entry an annotation recorded with this position, if there is one. */
  stanceRecordedBy(annotationId: string, position: StancePosition): string | null {
    return (this.stanceByAnnotation.get({ annotationId, ...position }) as { id: string } | undefined)?.id ?? null;
  }

  /** Change what a stance entry says (its date and evidence stay). */
  changeStance(id: string, position: StancePosition, batchId: string): void {
    this.rows.update('concession_stance', id, { concession_id: position.concessionId, party_id: position.partyId, stance: position.stance }, batchId);
  }

  removeStance(id: string, batchId: string): void {
    this.rows.remove('concession_stance', id, batchId);
  }
}

function toStance(row: StanceRow): StanceRecord {
  return {
    id: row.id,
    concessionId: row.concession_id,
    partyId: row.party_id,
    partyName: row.party_name,
    stance: row.stance,
    asOf: row.as_of,
    asOfFromEvidence: row.as_of_from_evidence === 1,
    annotationId: row.annotation_id,
    note: row.note,
    createdById: row.created_by_id,
    createdBy: row.created_by,
  };
}

function toConcession(row: ConcessionRow, stances: StanceRecord[]): Concession {
  return {
    id: row.id,
    title: row.title,
    issueAreaId: row.issue_area_id,
    issueAreaName: row.issue_area_name,
    concedingPartyId: row.conceding_party_id,
    concedingPartyName: row.conceding_party_name,
    beneficiaryPartyId: row.beneficiary_party_id,
    beneficiaryPartyName: row.beneficiary_party_name,
    proposedByPartyId: row.proposed_by_party_id,
    proposedByPartyName: row.proposed_by_party_name,
    status: row.status,
    planPointId: row.plan_point_id,
    planPointLabel: row.plan_point_label,
    description: row.description,
    stances,
    evidenceCount: row.evidence_count,
    createdById: row.created_by_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
