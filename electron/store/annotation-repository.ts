/**
 * Annotations: spans of a document's text marked as an attribution, a party mention, concession
 * evidence or a note. Creation can make the source / party / concession it needs in the same
 * batch (pick-or-create), so one undo removes all of it.
 */
import type Database from 'better-sqlite3';
import { anchor, describeSelection } from '../../shared/anchoring';
import { ParleyError } from '../../shared/errors';
import type { Annotation, AnnotationCreateParsed, AnnotationPage, AnchorStatus } from '../../shared/model/annotation';
import type { AnnotationType, CredibilityGrade, QuoteKind, ReliabilityGrade, SourceChannel, Stance } from '../../shared/model/vocabulary';
import { humanise } from '../../shared/model/vocabulary';
import { newBatchId, newId, now, type AuditLog } from './audit-log';
import type { ConcessionRepository } from './concession-repository';
import type { DocumentRepository } from './document-repository';
import type { PartyRepository } from './party-repository';
import type { Rows, Snapshot } from './rows';
import type { SourceRepository } from './source-repository';
import { translateSqliteError } from './sqlite-errors';

/** The fields an edit may change (the span itself is fixed; re-extraction moves it). */
export interface AnnotationChanges {
  type?: AnnotationType;
  note?: string | null;
  tags?: string[];
  sourceId?: string | null;
  publisherSourceId?: string | null;
  quoteKind?: QuoteKind | null;
  channel?: SourceChannel | null;
  credibility?: CredibilityGrade | null;
  reliability?: ReliabilityGrade | null;
  partyId?: string | null;
  concessionId?: string | null;
  stancePartyId?: string | null;
  stance?: Stance | null;
}

export type AnnotationSortField =
  | 'createdAt'
  | 'updatedAt'
  | 'documentPublishedAt'
  | 'documentTitle'
  | 'type'
  | 'exact'
  | 'sourceName'
  | 'partyName'
  | 'concessionTitle'
  | 'credibility'
  | 'effectiveReliability';

export interface AnnotationQuery {
  documentId?: string;
  type?: AnnotationType;
  sourceId?: string;
  partyId?: string;
  concessionId?: string;
  search?: string;
  sort?: { field: AnnotationSortField; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

/** Columns an edit maps onto (camelCase field → annotations column). */
const FIELD_COLUMNS = {
  type: 'type',
  note: 'note',
  sourceId: 'source_id',
  publisherSourceId: 'publisher_source_id',
  quoteKind: 'quote_kind',
  channel: 'channel',
  credibility: 'credibility',
  reliability: 'reliability',
  partyId: 'party_id',
  concessionId: 'concession_id',
  stancePartyId: 'stance_party_id',
  stance: 'stance',
} as const satisfies Record<Exclude<keyof AnnotationChanges, 'tags'>, string>;

/**
 * Sort keys: the expression, the joins it needs, and whether it can be NULL (NULLs sort last in
 * both directions, as analysts expect blanks at the bottom).
 */
const SORTS: Record<AnnotationSortField, { expression: string; joins: Join[]; nullable: boolean }> = {
  createdAt: { expression: 'a.created_at', joins: [], nullable: false },
  updatedAt: { expression: 'a.updated_at', joins: [], nullable: false },
  documentPublishedAt: { expression: 'd.published_at', joins: ['document'], nullable: true },
  documentTitle: { expression: 'd.title COLLATE NOCASE', joins: ['document'], nullable: true },
  type: { expression: 'a.type', joins: [], nullable: false },
  exact: { expression: 'a.exact COLLATE NOCASE', joins: [], nullable: false },
  sourceName: { expression: 's.name COLLATE NOCASE', joins: ['source'], nullable: true },
  partyName: { expression: 'p.name', joins: ['party'], nullable: true },
  concessionTitle: { expression: 'c.title COLLATE NOCASE', joins: ['concession'], nullable: true },
  credibility: { expression: 'a.credibility', joins: [], nullable: true },
  effectiveReliability: { expression: 'COALESCE(a.reliability, s.default_reliability)', joins: ['source'], nullable: true },
};

type Join = 'document' | 'source' | 'party' | 'concession';
const JOINS: Record<Join, string> = {
  document: 'JOIN documents d ON d.id = a.document_id',
  source: 'LEFT JOIN sources s ON s.id = a.source_id',
  party: 'LEFT JOIN parties p ON p.id = a.party_id',
  concession: 'LEFT JOIN concessions c ON c.id = a.concession_id',
};

const SELECT_FULL = `
  SELECT a.*, d.title AS document_title, d.outlet AS document_outlet, d.published_at AS document_published_at,
    s.name AS source_name, s.default_reliability AS source_reliability, pub.name AS publisher_name,
    p.name AS party_name, c.title AS concession_title, sp.name AS stance_party_name,
    (SELECT json_group_array(name) FROM (SELECT t.name FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
       WHERE at.annotation_id = a.id ORDER BY t.name)) AS tags_json
  FROM annotations a
  JOIN documents d ON d.id = a.document_id
  LEFT JOIN sources s ON s.id = a.source_id
  LEFT JOIN sources pub ON pub.id = a.publisher_source_id
  LEFT JOIN parties p ON p.id = a.party_id
  LEFT JOIN concessions c ON c.id = a.concession_id
  LEFT JOIN parties sp ON sp.id = a.stance_party_id`;

interface AnnotationRow {
  id: string;
  document_id: string;
  type: AnnotationType;
  exact: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
  anchor_status: AnchorStatus;
  note: string | null;
  source_id: string | null;
  publisher_source_id: string | null;
  quote_kind: QuoteKind | null;
  channel: SourceChannel | null;
  credibility: CredibilityGrade | null;
  reliability: ReliabilityGrade | null;
  party_id: string | null;
  concession_id: string | null;
  stance_party_id: string | null;
  stance: Stance | null;
  created_at: string;
  updated_at: string;
  document_title: string | null;
  document_outlet: string | null;
  document_published_at: string | null;
  source_name: string | null;
  source_reliability: ReliabilityGrade | null;
  publisher_name: string | null;
  party_name: string | null;
  concession_title: string | null;
  stance_party_name: string | null;
  tags_json: string;
}

/** Repositories an annotation's pick-or-create reaches into, all on the same connection. */
export interface AnnotationDependencies {
  documents: DocumentRepository;
  sources: SourceRepository;
  parties: PartyRepository;
  concessions: ConcessionRepository;
}

export class AnnotationRepository {
  private readonly selectOne: Database.Statement;
  private readonly selectMany: Database.Statement;
  private readonly tagByName: Database.Statement;
  private readonly linkedStance: Database.Statement;
  private readonly forDocument: Database.Statement;
  private readonly queries = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
    private readonly deps: AnnotationDependencies,
  ) {
    this.selectOne = db.prepare(`${SELECT_FULL} WHERE a.id = ?`);
    this.selectMany = db.prepare(`${SELECT_FULL} WHERE a.id IN (SELECT value FROM json_each(?))`);
    this.tagByName = db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE');
    this.linkedStance = db.prepare(
      `SELECT id FROM concession_stances WHERE annotation_id = @id AND concession_id = @concessionId AND party_id = @partyId
       AND stance = @stance ORDER BY created_at LIMIT 1`,
    );
    this.forDocument = db.prepare(
      'SELECT id, exact, prefix, suffix, start_offset, end_offset, anchor_status FROM annotations WHERE document_id = ? ORDER BY start_offset, id',
    );
  }

  get(id: string): Annotation {
    const row = this.selectOne.get(id) as AnnotationRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That annotation no longer exists');
    return toAnnotation(row);
  }

  private getMany(ids: string[]): Annotation[] {
    const byId = new Map((this.selectMany.all(JSON.stringify(ids)) as AnnotationRow[]).map((row) => [row.id, toAnnotation(row)]));
    return ids.map((id) => byId.get(id)).filter((annotation): annotation is Annotation => annotation !== undefined);
  }

  /**
   * One page for the Annotations grid. Two steps: the page's ids (joining only what the filter and
   * sort need, so SQLite can walk an index), then the full rows for those ids alone.
   */
  list(query: AnnotationQuery): AnnotationPage {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.documentId) {
      where.push('a.document_id = ?');
      params.push(query.documentId);
    }
    if (query.type) {
      where.push('a.type = ?');
      params.push(query.type);
    }
    if (query.sourceId) {
      where.push('(a.source_id = ? OR a.publisher_source_id = ?)');
      params.push(query.sourceId, query.sourceId);
    }
    if (query.partyId) {
      // A party's evidence: mentions of it, stances it takes, and what its people said.
      where.push('(a.party_id = ? OR a.stance_party_id = ? OR a.source_id IN (SELECT id FROM sources WHERE party_id = ?))');
      params.push(query.partyId, query.partyId, query.partyId);
    }
    if (query.concessionId) {
      where.push('a.concession_id = ?');
      params.push(query.concessionId);
    }
    for (const word of searchWords(query.search)) {
      // Each word must appear somewhere: the quote or note (trigram index; LIKE for words under
      // three characters), or a linked record's name. Each word becomes one set of rowids built
      // from indexes, so a rare word drives the query instead of a scan of every annotation.
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const ownText =
        word.length >= 3
          ? 'SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?'
          : "SELECT rowid FROM annotations WHERE exact LIKE ? ESCAPE '\\' OR note LIKE ? ESCAPE '\\'";
      params.push(...(word.length >= 3 ? [`"${word.replace(/"/g, '""')}"`] : [like, like]));
      where.push(`a.rowid IN (${ownText}
        UNION SELECT rowid FROM annotations WHERE document_id IN (SELECT id FROM documents WHERE title LIKE ? ESCAPE '\\')
        UNION SELECT rowid FROM annotations WHERE source_id IN (SELECT id FROM sources WHERE name LIKE ? ESCAPE '\\')
        UNION SELECT rowid FROM annotations WHERE publisher_source_id IN (SELECT id FROM sources WHERE name LIKE ? ESCAPE '\\')
        UNION SELECT rowid FROM annotations WHERE party_id IN
          (SELECT id FROM parties WHERE name LIKE ? ESCAPE '\\' UNION SELECT party_id FROM party_aliases WHERE alias LIKE ? ESCAPE '\\')
        UNION SELECT rowid FROM annotations WHERE stance_party_id IN (SELECT id FROM parties WHERE name LIKE ? ESCAPE '\\')
        UNION SELECT rowid FROM annotations WHERE concession_id IN (SELECT id FROM concessions WHERE title LIKE ? ESCAPE '\\')
        UNION SELECT tagged.rowid FROM annotation_tags at JOIN tags t ON t.id = at.tag_id JOIN annotations tagged ON tagged.id = at.annotation_id
          WHERE t.name LIKE ? ESCAPE '\\')`);
      params.push(like, like, like, like, like, like, like, like);
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';

    let orderSql: string;
    let joins: Join[] = [];
    if (query.sort) {
      const sort = SORTS[query.sort.field];
      const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
      joins = sort.joins;
      orderSql = `ORDER BY ${sort.nullable ? `(${sort.expression.replace(/ COLLATE NOCASE$/, '')}) IS NULL, ` : ''}${sort.expression} ${direction}, a.id ${direction}`;
    } else if (query.documentId) {
      orderSql = 'ORDER BY a.start_offset, a.id'; // the reader's order
    } else {
      orderSql = 'ORDER BY a.created_at DESC, a.id DESC';
    }
    const joinSql = joins.map((join) => JOINS[join]).join(' ');

    // A search builds its matching set anyway: count it in the same pass. Without one, the page
    // walks an index and stops at the limit, and the count reads a small index.
    const countInPass = searchWords(query.search).length > 0;
    const page = this.query(
      `SELECT a.id${countInPass ? ', count(*) OVER () AS total' : ''} FROM annotations a ${joinSql} ${whereSql} ${orderSql} LIMIT ? OFFSET ?`,
    ).all(...params, query.limit, query.offset) as { id: string; total?: number }[];
    const ids = page.map((row) => row.id);
    const total =
      page[0]?.total ??
      (query.offset === 0 && ids.length < query.limit
        ? ids.length
        : (this.query(`SELECT count(*) AS n FROM annotations a ${whereSql}`).get(...params) as { n: number }).n);
    return { rows: this.getMany(ids), total };
  }

  create(input: AnnotationCreateParsed): Annotation {
    const batchId = newBatchId();
    const id = newId();
    try {
      this.db.transaction(() => {
        const document = this.deps.documents.body(input.documentId);
        const { start, end, exact } = input.selector;
        if (end > document.text.length || document.text.slice(start, end) !== exact) {
          throw new ParleyError('invalid_input', 'the selected text does not match the document', { 'selector.exact': 'does not match the document text at that position' });
        }
        assertPickOrCreate(input);
        this.audit.label(batchId, `Create ${humanise(input.type).toLowerCase()}`);
        // Pick-or-create: new records join this batch, so one undo removes them with the annotation.
        const sourceId = input.newSource ? this.deps.sources.create(input.newSource, batchId).id : (input.sourceId ?? null);
        const publisherSourceId = input.newPublisher ? this.deps.sources.create(input.newPublisher, batchId).id : (input.publisherSourceId ?? null);
        const partyId = input.newParty ? this.deps.parties.create(input.newParty, batchId).id : (input.partyId ?? null);
        const stancePartyId = input.newStanceParty ? this.deps.parties.create(input.newStanceParty, batchId).id : (input.stancePartyId ?? null);
        const concessionId = input.newConcession ? this.deps.concessions.create(input.newConcession, batchId).id : (input.concessionId ?? null);
        assertTypeNeeds(input.type, { sourceId, partyId, concessionId });
        const described = describeSelection(document.text, start, end);
        const at = now();
        const row: Snapshot = {
          id,
          document_id: input.documentId,
          type: input.type,
          exact,
          prefix: input.selector.prefix || described.prefix,
          suffix: input.selector.suffix || described.suffix,
          start_offset: start,
          end_offset: end,
          anchor_status: 'anchored',
          note: input.note || null,
          source_id: sourceId,
          publisher_source_id: publisherSourceId,
          quote_kind: input.quoteKind ?? null,
          channel: input.channel ?? null,
          credibility: input.credibility ?? null,
          reliability: input.reliability ?? null,
          party_id: partyId,
          concession_id: concessionId,
          stance_party_id: stancePartyId,
          stance: input.stance ?? null,
          created_at: at,
          updated_at: at,
          tag_ids: this.ensureTags(input.tags ?? [], batchId),
        };
        this.rows.insert('annotation', row, batchId);
        if (input.type === 'concession_evidence' && concessionId && stancePartyId && input.stance) {
          this.deps.concessions.setStance(
            { concessionId, partyId: stancePartyId, stance: input.stance, asOf: dateOf(document.publishedAt), annotationId: id, note: null },
            batchId,
          );
        }
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the annotation');
    }
    return this.get(id);
  }

  change(id: string, changes: AnnotationChanges, batchId = newBatchId()): Annotation {
    try {
      this.db.transaction(() => {
        const before = this.rows.snapshot('annotation', id);
        if (!before) throw new ParleyError('not_found', 'That annotation no longer exists');
        const type = changes.type ?? (before.type as AnnotationType);
        this.audit.label(batchId, `Edit ${humanise(type).toLowerCase()}`);
        const update: Snapshot = {};
        for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
          const value = changes[field as keyof typeof FIELD_COLUMNS];
          if (value !== undefined) update[column] = field === 'note' ? value || null : value;
        }
        const next = { ...before, ...update };
        assertTypeNeeds(type, {
          sourceId: next.source_id as string | null,
          partyId: next.party_id as string | null,
          concessionId: next.concession_id as string | null,
        });
        if (changes.tags !== undefined) update.tag_ids = this.ensureTags(changes.tags, batchId);
        update.updated_at = now();
        const after = this.rows.update('annotation', id, update, batchId);
        this.syncStance(before, after, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the annotation');
    }
    return this.get(id);
  }

  /** The same change to many annotations: one transaction, one undoable step. */
  bulkChange(ids: string[], changes: AnnotationChanges): Annotation[] {
    const batchId = newBatchId();
    const unique = [...new Set(ids)];
    try {
      this.db.transaction(() => {
        this.audit.label(batchId, `Edit ${unique.length} ${unique.length === 1 ? 'annotation' : 'annotations'}`);
        for (const id of unique) this.change(id, changes, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the annotations');
    }
    return this.getMany(unique);
  }

  delete(id: string, batchId = newBatchId()): void {
    try {
      this.db.transaction(() => {
        const annotation = this.get(id);
        this.audit.label(batchId, `Delete ${humanise(annotation.type).toLowerCase()}`);
        // Stances citing it keep their history but lose the link, audited, so undo relinks them.
        this.rows.remove('annotation', id, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot delete the annotation');
    }
  }

  /**
   * Replace a document's text with a fresh extraction and re-anchor its annotations by quote:
   * still at the stored position → kept; found elsewhere (exact with context, or fuzzily within a
   * small error budget) → moved and marked 'reanchored'; not found → 'orphan', keeping its stored
   * quote and offsets rather than pointing at the wrong words. One undoable batch; nothing is
   * written when nothing changed.
   */
  reextract(documentId: string, body: { text: string; html: string | null; contentHash: string }): { reanchored: number; orphaned: number } {
    const batchId = newBatchId();
    let reanchored = 0;
    let orphaned = 0;
    try {
      this.db.transaction(() => {
        const document = this.deps.documents.body(documentId);
        const updates: { id: string; changes: Snapshot }[] = [];
        for (const row of this.forDocument.all(documentId) as AnchorRow[]) {
          const result = anchor(body.text, { exact: row.exact, prefix: row.prefix, suffix: row.suffix, start: row.start_offset, end: row.end_offset });
          if (result.status === 'orphan') {
            orphaned++;
            if (row.anchor_status !== 'orphan') updates.push({ id: row.id, changes: { anchor_status: 'orphan' } });
          } else if (result.start !== row.start_offset || result.end !== row.end_offset) {
            reanchored++;
            const moved = describeSelection(body.text, result.start, result.end);
            updates.push({
              id: row.id,
              changes: { exact: moved.exact, prefix: moved.prefix, suffix: moved.suffix, start_offset: moved.start, end_offset: moved.end, anchor_status: 'reanchored' },
            });
          } else if (row.anchor_status === 'orphan') {
            updates.push({ id: row.id, changes: { anchor_status: 'anchored' } });
          }
        }
        if (document.text === body.text && document.html === body.html && updates.length === 0) return;
        this.audit.label(batchId, `Re-extract "${document.title ?? document.label}"`);
        this.deps.documents.replaceBody(documentId, body, batchId);
        for (const update of updates) this.rows.update('annotation', update.id, update.changes, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot re-extract the document');
    }
    return { reanchored, orphaned };
  }

  /** Tag ids for names, creating missing tags (matched case-insensitively) in the same batch. */
  private ensureTags(names: string[], batchId: string): string[] {
    const ids = new Set<string>();
    const seen = new Set<string>();
    for (const raw of names) {
      const name = raw.trim();
      const key = name.toLocaleLowerCase();
      if (!name || seen.has(key)) continue;
      seen.add(key);
      const existing = this.tagByName.get(name) as { id: string } | undefined;
      if (existing) ids.add(existing.id);
      else ids.add(String(this.rows.insert('tag', { id: newId(), name, color: null }, batchId).id));
    }
    return [...ids].sort();
  }

  /**
   * Keep the stance an evidence annotation records in step with its fields: when its concession,
   * party or stance changes, its stance entry follows (created, updated or removed).
   */
  private syncStance(before: Snapshot, after: Snapshot, batchId: string): void {
    const previous = stanceOf(before);
    const next = stanceOf(after);
    if (JSON.stringify(previous) === JSON.stringify(next)) return;
    const linked = previous
      ? (this.linkedStance.get({ id: after.id, concessionId: previous.concessionId, partyId: previous.partyId, stance: previous.stance }) as { id: string } | undefined)
      : undefined;
    if (next && linked) {
      this.rows.update('concession_stance', linked.id, { concession_id: next.concessionId, party_id: next.partyId, stance: next.stance }, batchId);
    } else if (next) {
      const document = this.deps.documents.body(String(after.document_id));
      this.deps.concessions.setStance(
        { concessionId: next.concessionId, partyId: next.partyId, stance: next.stance, asOf: dateOf(document.publishedAt), annotationId: String(after.id), note: null },
        batchId,
      );
    } else if (linked) {
      this.rows.remove('concession_stance', linked.id, batchId);
    }
  }

  private query(sql: string): Database.Statement {
    let statement = this.queries.get(sql);
    if (!statement) {
      if (this.queries.size > 200) this.queries.clear();
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }
}

interface AnchorRow {
  id: string;
  exact: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
  anchor_status: AnchorStatus;
}

function stanceOf(row: Snapshot): { concessionId: string; partyId: string; stance: Stance } | null {
  if (row.type !== 'concession_evidence' || !row.concession_id || !row.stance_party_id || !row.stance) return null;
  return { concessionId: String(row.concession_id), partyId: String(row.stance_party_id), stance: row.stance as Stance };
}

function assertPickOrCreate(input: AnnotationCreateParsed): void {
  const pairs: [string, unknown, unknown][] = [
    ['source', input.sourceId, input.newSource],
    ['publisher', input.publisherSourceId, input.newPublisher],
    ['party', input.partyId, input.newParty],
    ['stance party', input.stancePartyId, input.newStanceParty],
    ['concession', input.concessionId, input.newConcession],
  ];
  for (const [what, picked, created] of pairs) {
    if (picked && created) throw new ParleyError('invalid_input', `Pick an existing ${what} or create a new one, not both`);
  }
}

function assertTypeNeeds(type: AnnotationType, refs: { sourceId: string | null; partyId: string | null; concessionId: string | null }): void {
  if (type === 'attribution' && !refs.sourceId) {
    throw new ParleyError('invalid_input', 'An attribution needs a source: pick one or create one', { sourceId: 'an attribution needs a source' });
  }
  if (type === 'party_mention' && !refs.partyId) {
    throw new ParleyError('invalid_input', 'A party mention needs a party: pick one or create one', { partyId: 'a party mention needs a party' });
  }
  if (type === 'concession_evidence' && !refs.concessionId) {
    throw new ParleyError('invalid_input', 'Concession evidence needs a concession: pick one or create one', { concessionId: 'concession evidence needs a concession' });
  }
}

/** A stance is dated by its article: the date part of the publication date. */
function dateOf(publishedAt: string | null): string | null {
  return publishedAt ? publishedAt.slice(0, 10) : null;
}

function searchWords(search: string | undefined): string[] {
  return (search ?? '')
    .split(/\s+/)
    .map((word) => word.trim())
    .filter(Boolean)
    .slice(0, 10);
}

function toAnnotation(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    documentId: row.document_id,
    documentTitle: row.document_title,
    documentOutlet: row.document_outlet,
    documentPublishedAt: row.document_published_at,
    type: row.type,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start_offset,
    end: row.end_offset,
    anchorStatus: row.anchor_status,
    note: row.note,
    tags: JSON.parse(row.tags_json) as string[],
    sourceId: row.source_id,
    sourceName: row.source_name,
    publisherSourceId: row.publisher_source_id,
    publisherName: row.publisher_name,
    quoteKind: row.quote_kind,
    channel: row.channel,
    credibility: row.credibility,
    reliability: row.reliability,
    effectiveReliability: row.reliability ?? (row.source_id ? row.source_reliability : null),
    partyId: row.party_id,
    partyName: row.party_name,
    concessionId: row.concession_id,
    concessionTitle: row.concession_title,
    stancePartyId: row.stance_party_id,
    stancePartyName: row.stance_party_name,
    stance: row.stance,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
