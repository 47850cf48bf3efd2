import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import type { Party } from '../../shared/model/party';
import type { PartyKind } from '../../shared/model/vocabulary';
import { newBatchId, newId, now, type AuditLog } from './audit-log';
import type { Rows } from './rows';
import { translateSqliteError } from './sqlite-errors';

export interface NewParty {
  name: string;
  kind: PartyKind;
  aliases: string[];
  affiliationId: string | null;
  color: string | null;
  notes: string | null;
}
export type PartyChanges = Partial<NewParty>;

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
  created_at: string;
  updated_at: string;
}

const SELECT = `
  SELECT p.*, a.name AS affiliation_name,
    (SELECT json_group_array(alias) FROM (SELECT alias FROM party_aliases WHERE party_id = p.id ORDER BY alias)) AS aliases_json,
    (SELECT count(*) FROM annotations WHERE party_id = p.id AND type = 'party_mention') AS mention_count,
    (SELECT count(*) FROM annotations an JOIN sources s ON s.id = an.source_id
       WHERE s.party_id = p.id AND an.type = 'attribution') AS statement_count
  FROM parties p LEFT JOIN parties a ON a.id = p.affiliation_id`;

export class PartyRepository {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly insertAlias: Database.Statement;
  private readonly removeAliases: Database.Statement;
  private readonly aliasOwner: Database.Statement;
  private readonly touch: Database.Statement;

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
    this.touch = db.prepare('UPDATE parties SET updated_at = ? WHERE id = ?');
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

  change(id: string, changes: PartyChanges, batchId = newBatchId()): Party {
    try {
      this.db.transaction(() => {
        const current = this.get(id);
        const before = this.rows.snapshot('party', id);
        const next: NewParty = { ...current, ...changes };
        if (next.affiliationId === id) throw new ParleyError('invalid_input', 'A party cannot be affiliated with itself');
        this.update.run({ id, ...pick(next), at: now() });
        if (changes.aliases !== undefined || changes.name !== undefined) this.writeAliases(id, next.name, next.aliases);
        this.audit.record('party', id, 'update', before, this.rows.snapshot('party', id), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the party');
    }
    return this.get(id);
  }

  delete(id: string, batchId = newBatchId()): void {
    try {
      this.db.transaction(() => {
        const party = this.get(id);
        this.audit.label(batchId, `Delete party "${party.name}"`);
        // Mentions, sources, stances and affiliations are detached with their own audit rows.
        this.rows.remove('party', id, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot delete the party');
    }
  }

  /** The same change to many parties: one transaction, one undoable step. */
  bulkChange(ids: string[], changes: Omit<PartyChanges, 'name' | 'aliases'>): Party[] {
    const batchId = newBatchId();
    const unique = [...new Set(ids)];
    try {
      this.db.transaction(() => {
        this.audit.label(batchId, `Edit ${unique.length} ${unique.length === 1 ? 'party' : 'parties'}`);
        for (const id of unique) this.change(id, changes, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the parties');
    }
    return unique.map((id) => this.get(id));
  }

  /**
   * Merge one party into another: every reference moves to the kept party, the merged party's
   * name and aliases become the kept party's aliases, and the merged party is deleted. One batch,
   * so one undo restores both parties and every reference; the merged party's history stays.
   */
  merge(keepId: string, mergeId: string): Party {
    if (keepId === mergeId) throw new ParleyError('invalid_input', 'A party cannot be merged into itself');
    const batchId = newBatchId();
    try {
      this.db.transaction(() => {
        const keep = this.get(keepId);
        const merged = this.get(mergeId);
        this.audit.label(batchId, `Merge ${merged.name} into ${keep.name}`);
        this.rows.repoint('party', mergeId, keepId, batchId);
        // Deleting first frees the merged party's name and aliases for the kept one.
        this.rows.remove('party', mergeId, batchId, 'merge');
        const before = this.rows.snapshot('party', keepId);
        this.writeAliases(keepId, keep.name, [...keep.aliases, merged.name, ...merged.aliases]);
        this.touch.run(now(), keepId);
        this.audit.record('party', keepId, 'merge', before, this.rows.snapshot('party', keepId), batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot merge the parties');
    }
    return this.get(keepId);
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
