/** Parties and their aliases. Merging two is decided in electron/service/parties.ts. */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ParleyError } from '../../shared/errors';
import type { Party, PartyCreateInput, PartyPatch } from '../../shared/model/party';
import type { PartyKind } from '../../shared/model/vocabulary';
import { newBatchId, newId, now, type AuditAction, type AuditLog } from './audit-log';
import { createdByColumns } from './created-by';
import type { Rows } from './rows';
import { translateSqliteError } from './sqlite-errors';

export type NewParty = z.output<typeof PartyCreateInput>;
export type PartyChanges = z.output<typeof PartyPatch>;

interface PartyRow {
  id: string;
  name: string;
  kind: PartyKind;
  affiliation_id: string | null;
  affiliation_name: string | null;
  color: string | null;
  notes: string | null;
  aliases_json: string;
  mention_count: number;
  statement_count: number;
  created_by_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const SELECT = `
  SELECT p.*, a.name AS affiliation_name,
    (SELECT json_group_array(alias) FROM (SELECT alias FROM party_aliases WHERE party_id = p.id ORDER BY alias)) AS aliases_json,
    (SELECT count(*) FROM annotations WHERE party_id = p.id AND type = 'party_mention') AS mention_count,
    (SELECT count(*) FROM annotations an JOIN sources s ON s.id = an.source_id
       WHERE s.party_id = p.id AND an.type = 'attribution') AS statement_count,
    ${createdByColumns('party', 'p.id')}
  FROM parties p LEFT JOIN parties a ON a.id = p.affiliation_id`;

export class PartyRepository {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly insertAlias: Database.Statement;
  private readonly removeAliases: Database.Statement;
  private readonly aliasOwner: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
  ) {
    this.selectAll = db.prepare(`${SELECT} ORDER BY p.name`);
    this.selectOne = db.prepare(`${SELECT} WHERE p.id = ?`);
    this.insert = db.prepare(
      `INSERT INTO parties (id, name, kind, affiliation_id, color, notes, created_at, updated_at)
       VALUES (@id, @name, @kind, @affiliationId, @color, @notes, @at, @at)`,
    );
    this.update = db.prepare(
      `UPDATE parties SET name = @name, kind = @kind, affiliation_id = @affiliationId, color = @color,
       notes = @notes, updated_at = @at WHERE id = @id`,
    );
    this.insertAlias = db.prepare('INSERT INTO party_aliases (party_id, alias) VALUES (?, ?)');
    this.removeAliases = db.prepare('DELETE FROM party_aliases WHERE party_id = ?');
    this.aliasOwner = db.prepare(
      `SELECT p.name FROM parties p WHERE p.id <> @id AND (p.name = @alias COLLATE NOCASE
        OR p.id IN (SELECT party_id FROM party_aliases WHERE alias = @alias COLLATE NOCASE))`,
    );
  }

  list(): Party[] {
    return (this.selectAll.all() as PartyRow[]).map(toParty);
  }

  get(id: string): Party {
    const row = this.selectOne.get(id) as PartyRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That party no longer exists');
    return toParty(row);
  }

  find(id: string): Party | null {
    const row = this.selectOne.get(id) as PartyRow | undefined;
    return row ? toParty(row) : null;
  }

  create(input: NewParty, batchId = newBatchId()): Party {
    const id = newId();
    try {
      this.db.transaction(() => {
        this.insert.run({ id, ...pick(input), at: now() });
        this.writeAliases(id, input.name, input.aliases);
        this.audit.record('party', id, 'create', null, this.rows.snapshot('party', id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, `Cannot create party "${input.name}"`);
    }
    return this.get(id);
  }

  change(id: string, changes: PartyChanges, batchId = newBatchId(), action: AuditAction = 'update'): Party {
    try {
      this.db.transaction(() => {
        const current = this.get(id);
        const before = this.rows.snapshot('party', id);
        const next: NewParty = { ...current, ...changes };
        if (next.affiliationId === id) throw new ParleyError('invalid_input', 'A party cannot be affiliated with itself');
        this.update.run({ id, ...pick(next), at: now() });
        if (changes.aliases !== undefined || changes.name !== undefined) this.writeAliases(id, next.name, next.aliases);
        this.audit.record('party', id, action, before, this.rows.snapshot('party', id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the party');
    }
    return this.get(id);
  }

  delete(id: string, batchId = newBatchId(), action: AuditAction = 'delete'): void {
    try {
      this.db.transaction(() => {
        const party = this.get(id);
        this.audit.label(batchId, `Delete party "${party.name}"`);
        // Mentions, sources, stances and affiliations are detached with their own audit rows.
        this.rows.remove('party', id, batchId, action);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot delete the party');
    }
  }

  /**
   * Point everything that refers to one party (mentions, sources, stances, concessions, plans,
   * affiliations) at another, each row audited; a party never ends up affiliated with itself.
   */
  repointReferences(fromId: string, toId: string, batchId: string): number {
    return this.rows.repoint('party', fromId, toId, batchId);
  }

  private writeAliases(id: string, name: string, aliases: string[]): void {
    this.removeAliases.run(id);
    const seen = new Set<string>([name.toLocaleLowerCase()]);
    for (const alias of aliases) {
      const key = alias.trim().toLocaleLowerCase();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const owner = this.aliasOwner.get({ id, alias: alias.trim() }) as { name: string } | undefined;
      if (owner) throw new ParleyError('conflict', `"${alias.trim()}" already names ${owner.name}`);
      this.insertAlias.run(id, alias.trim());
    }
  }
}

function pick(input: NewParty) {
  return {
    name: input.name,
    kind: input.kind,
    affiliationId: input.affiliationId,
    color: input.color,
    notes: input.notes,
  };
}

function toParty(row: PartyRow): Party {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    aliases: JSON.parse(row.aliases_json) as string[],
    affiliationId: row.affiliation_id,
    affiliationName: row.affiliation_name,
    color: row.color,
    notes: row.notes,
    mentionCount: row.mention_count,
    statementCount: row.statement_count,
    createdById: row.created_by_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
