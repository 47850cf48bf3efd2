/** Sources: who said it (an official, a spokesperson, "a senior US official") and how far to trust them. */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ParleyError } from '../../shared/errors';
import type { Source, SourceCreateInput, SourcePatch } from '../../shared/model/source';
import type { ReliabilityGrade } from '../../shared/model/vocabulary';
import { newBatchId, newId, now, type AuditLog } from './audit-log';
import { createdByColumns } from './created-by';
import type { Rows } from './rows';
import { translateSqliteError } from './sqlite-errors';

export type NewSource = z.output<typeof SourceCreateInput>;
export type SourceChanges = z.output<typeof SourcePatch>;

interface SourceRow {
  id: string;
  name: string;
  role: string | null;
  party_id: string | null;
  party_name: string | null;
  anonymous: number;
  default_reliability: ReliabilityGrade;
  notes: string | null;
  claim_count: number;
  outlets_json: string;
  first_seen: string | null;
  last_seen: string | null;
  created_by_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const SELECT = `
  SELECT s.*, p.name AS party_name,
    (SELECT count(*) FROM annotations WHERE source_id = s.id AND type = 'attribution') AS claim_count,
    (SELECT json_group_array(outlet) FROM (SELECT DISTINCT d.outlet FROM annotations a JOIN documents d ON d.id = a.document_id
       WHERE a.source_id = s.id AND d.outlet IS NOT NULL ORDER BY d.outlet)) AS outlets_json,
    (SELECT min(d.published_at) FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.source_id = s.id) AS first_seen,
    (SELECT max(d.published_at) FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.source_id = s.id) AS last_seen,
    ${createdByColumns('source', 's.id')}
  FROM sources s LEFT JOIN parties p ON p.id = s.party_id`;

export class SourceRepository {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
  ) {
    this.selectAll = db.prepare(`${SELECT} ORDER BY s.name COLLATE NOCASE`);
    this.selectOne = db.prepare(`${SELECT} WHERE s.id = ?`);
    this.insert = db.prepare(
      `INSERT INTO sources (id, name, role, party_id, anonymous, default_reliability, notes, created_at, updated_at)
       VALUES (@id, @name, @role, @partyId, @anonymous, @defaultReliability, @notes, @at, @at)`,
    );
    this.update = db.prepare(
      `UPDATE sources SET name = @name, role = @role, party_id = @partyId, anonymous = @anonymous,
       default_reliability = @defaultReliability, notes = @notes, updated_at = @at WHERE id = @id`,
    );
  }

  list(): Source[] {
    return (this.selectAll.all() as SourceRow[]).map(toSource);
  }

  get(id: string): Source {
    const row = this.selectOne.get(id) as SourceRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That source no longer exists');
    return toSource(row);
  }

  create(input: NewSource, batchId = newBatchId()): Source {
    const id = newId();
    try {
      this.db.transaction(() => {
        this.insert.run({ id, ...params(input), at: now() });
        this.audit.record('source', id, 'create', null, this.rows.snapshot('source', id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, `Cannot create source "${input.name}"`);
    }
    return this.get(id);
  }

  change(id: string, changes: SourceChanges, batchId = newBatchId()): Source {
    try {
      this.db.transaction(() => {
        const current = this.get(id);
        const before = this.rows.snapshot('source', id);
        this.update.run({ id, ...params({ ...current, ...changes }), at: now() });
        this.audit.record('source', id, 'update', before, this.rows.snapshot('source', id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the source');
    }
    return this.get(id);
  }

  delete(id: string, batchId = newBatchId()): void {
    try {
      this.db.transaction(() => {
        const source = this.get(id);
        this.audit.label(batchId, `Delete source "${source.name}"`);
        // Attributions lose their source explicitly, audited, so an undo gives it back.
        this.rows.remove('source', id, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot delete the source');
    }
  }
}

function params(input: NewSource) {
  return {
    name: input.name,
    role: input.role,
    partyId: input.partyId,
    anonymous: input.anonymous ? 1 : 0,
    defaultReliability: input.defaultReliability,
    notes: input.notes,
  };
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    partyId: row.party_id,
    partyName: row.party_name,
    anonymous: row.anonymous === 1,
    defaultReliability: row.default_reliability,
    notes: row.notes,
    claimCount: row.claim_count,
    outlets: JSON.parse(row.outlets_json) as string[],
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    createdById: row.created_by_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
