/**
 * Annotations: spans of a document's text marked as an attribution, a party mention, concession
 * evidence or a note, with their tags. Rows and queries only: what an annotation needs, the
 * pick-or-create of its source / party / concession and the stance it records are decided in
 * electron/service/annotations.ts, which runs them in one transaction with these writes.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ParleyError } from '../../shared/errors';
import type { Annotation, AnnotationPage, AnchorStatus, AnnotationPatch, AnnotationQueryInput, TextSelector } from '../../shared/model/annotation';
import type { AnnotationType, CredibilityGrade, QuoteKind, ReliabilityGrade, SourceChannel, Stance } from '../../shared/model/vocabulary';
import { humanise } from '../../shared/model/vocabulary';
import { newBatchId, newId, now, type AuditLog } from './audit-log';
import { createdByColumns } from './created-by';
import type { Rows, Snapshot } from './rows';
import { translateSqliteError } from './sqlite-errors';

/** The fields an edit may change (the span itself is fixed; re-extraction moves it). */
export type AnnotationChanges = z.output<typeof AnnotationPatch>;
export type AnnotationQuery = z.output<typeof AnnotationQueryInput>;
export type AnnotationSortField = NonNullable<AnnotationQuery['sort']>['field'];

/** A new annotation with every reference already resolved to an id (the service picks or creates them). */
export interface NewAnnotation extends TextSelector {
  documentId: string;
  type: AnnotationType;
  note: string | null;
  tags: string[];
  sourceId: string | null;
  publisherSourceId: string | null;
  quoteKind: QuoteKind | null;
  channel: SourceChannel | null;
  credibility: CredibilityGrade | null;
  reliability: ReliabilityGrade | null;
  partyId: string | null;
  concessionId: string | null;
  stancePartyId: string | null;
  stance: Stance | null;
}

/** Where a span sits, for re-anchoring it to a new text. */
export interface StoredSpan extends TextSelector {
  id: string;
  anchorStatus: AnchorStatus;
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
       WHERE at.annotation_id = a.id ORDER BY t.name)) AS tags_json,
    ${createdByColumns('annotation', 'a.id')}
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
  created_by_id: string | null;
  created_by: string | null;
}

export class AnnotationRepository {
  private readonly selectOne: Database.Statement;
  private readonly selectMany: Database.Statement;
  private readonly tagByName: Database.Statement;
  private readonly forDocument: Database.Statement;
  private readonly queries = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
  ) {
    this.selectOne = db.prepare(`${SELECT_FULL} WHERE a.id = ?`);
    this.selectMany = db.prepare(`${SELECT_FULL} WHERE a.id IN (SELECT value FROM json_each(?))`);
    this.tagByName = db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE');
    this.forDocument = db.prepare(
      'SELECT id, exact, prefix, suffix, start_offset, end_offset, anchor_status FROM annotations WHERE document_id = ? ORDER BY start_offset, id',
    );
  }

  get(id: string): Annotation {
    const row = this.selectOne.get(id) as AnnotationRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That annotation no longer exists');
    return toAnnotation(row);
  }

  /** The annotations with these ids, in that order (missing ones left out). */
  many(ids: string[]): Annotation[] {
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
    if (query.analystId) {
      where.push("a.id IN (SELECT record_id FROM operations WHERE aggregate = 'annotation' AND field = '$exists' AND kind = 'create' AND analyst_id = ?)");
      params.push(query.analystId);
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
    return { rows: this.many(ids), total };
  }

  /** Store an annotation whose references are resolved; tags are matched by name or created. */
  create(input: NewAnnotation, batchId = newBatchId()): Annotation {
    const id = newId();
    try {
      this.db.transaction(() => {
        const at = now();
        this.rows.insert(
          'annotation',
          {
            id,
            document_id: input.documentId,
            type: input.type,
            exact: input.exact,
            prefix: input.prefix,
            suffix: input.suffix,
            start_offset: input.start,
            end_offset: input.end,
            anchor_status: 'anchored',
            note: input.note || null,
            source_id: input.sourceId,
            publisher_source_id: input.publisherSourceId,
            quote_kind: input.quoteKind,
            channel: input.channel,
            credibility: input.credibility,
            reliability: input.reliability,
            party_id: input.partyId,
            concession_id: input.concessionId,
            stance_party_id: input.stancePartyId,
            stance: input.stance,
            created_at: at,
            updated_at: at,
            tag_ids: this.ensureTags(input.tags, batchId),
          },
          batchId,
        );
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the annotation');
    }
    return this.get(id);
  }

  change(id: string, changes: AnnotationChanges, batchId = newBatchId()): Annotation {
    try {
      this.db.transaction(() => {
        const update: Snapshot = {};
        for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
          const value = changes[field as keyof typeof FIELD_COLUMNS];
          if (value !== undefined) update[column] = field === 'note' ? value || null : value;
        }
        if (changes.tags !== undefined) update.tag_ids = this.ensureTags(changes.tags, batchId);
        update.updated_at = now();
        this.rows.update('annotation', id, update, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the annotation');
    }
    return this.get(id);
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

  /** A document's spans in reading order, as stored (for re-anchoring to a new text). */
  spansOf(documentId: string): StoredSpan[] {
    return (this.forDocument.all(documentId) as AnchorRow[]).map((row) => ({
      id: row.id,
      exact: row.exact,
      prefix: row.prefix,
      suffix: row.suffix,
      start: row.start_offset,
      end: row.end_offset,
      anchorStatus: row.anchor_status,
    }));
  }

  /** Move a span (or only mark its status), audited so that undo puts it back. */
  setAnchor(id: string, anchor: { status: AnchorStatus; span?: TextSelector }, batchId: string): void {
    const changes: Snapshot = { anchor_status: anchor.status };
    if (anchor.span) {
      const { exact, prefix, suffix, start, end } = anchor.span;
      Object.assign(changes, { exact, prefix, suffix, start_offset: start, end_offset: end });
    }
    this.rows.update('annotation', id, changes, batchId);
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
    createdById: row.created_by_id ?? null,
    createdBy: row.created_by ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
