/**
 * Case-wide search rows: FTS5 over articles (documents_fts) and over annotation quotes and notes
 * (annotation_words_fts), narrowed by filters, ranked by bm25 or by date; the case's filter
 * options; and saved searches. Takes an FTS5 expression the service built (shared/search-query.ts),
 * never the analyst's text.
 */
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import type { SavedSearch, SearchFilterOptions, SearchFilters, SearchSort } from '../../shared/model/search';
import type { AnnotationType } from '../../shared/model/vocabulary';
import { newId, now } from './audit-log';
import { translateSqliteError } from './sqlite-errors';

export interface DocumentMatchRow {
  id: string;
  title: string | null;
  outlet: string | null;
  published_at: string | null;
  text: string;
}

export interface AnnotationMatchRow {
  id: string;
  document_id: string;
  type: AnnotationType;
  exact: string;
  note: string | null;
  start_offset: number;
  end_offset: number;
  title: string | null;
  outlet: string | null;
  published_at: string | null;
}

export interface MatchOptions {
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
}

interface SavedRow {
  id: string;
  name: string;
  query: string;
  filters_json: string;
  sort: SearchSort;
  created_at: string;
  updated_at: string;
}

/** Column weights for bm25: a word in the title counts five times one in the body. */
const DOCUMENT_RANK = 'bm25(documents_fts, 5.0, 2.0, 1.0, 1.0)';
const ANNOTATION_RANK = 'bm25(annotation_words_fts, 2.0, 1.0)';

export class SearchRepository {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly documentRows: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.documentRows = db.prepare(
      `SELECT d.rowid AS rowid, d.id, d.title, d.outlet, d.published_at, d.text
       FROM documents d WHERE d.rowid IN (SELECT value FROM json_each(?))`,
    );
  }

  /** Prepared once per distinct SQL shape (which filters are set, which sort). */
  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The best matching articles, best first, with the text their snippets are cut from. */
  matchDocuments(fts: string, options: MatchOptions): DocumentMatchRow[] {
    const { where, params } = documentFilters(options.filters);
    let sql: string;
    if (where.length === 0 && options.sort === 'relevance') {
      // Rank on the index alone, then fetch the few top rows: joining every match to its row
      // before sorting costs a row lookup per match.
      sql = `SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY ${DOCUMENT_RANK} LIMIT ?`;
    } else if (options.sort === 'relevance') {
      sql = `SELECT f.rowid FROM documents_fts f JOIN documents d ON d.rowid = f.rowid
             WHERE documents_fts MATCH ? AND ${where.join(' AND ')} ORDER BY ${DOCUMENT_RANK} LIMIT ?`;
    } else {
      // By date: walk the date index and keep the matching rows, so the newest matches come
      // first without ranking (or even finding) every match.
      const direction = options.sort === 'newest' ? 'DESC' : 'ASC';
      sql = `SELECT d.rowid FROM documents d
             WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)${where.length ? ` AND ${where.join(' AND ')}` : ''}
             ORDER BY d.published_at IS NULL, d.published_at ${direction}, d.rowid ${direction} LIMIT ?`;
    }
    const rowids = this.run(() => this.prepare(sql).pluck().all(fts, ...params, options.limit) as number[]);
    if (rowids.length === 0) return [];
    const rows = new Map((this.documentRows.all(JSON.stringify(rowids)) as (DocumentMatchRow & { rowid: number })[]).map((row) => [row.rowid, row]));
    return rowids.flatMap((rowid) => rows.get(rowid) ?? []);
  }

  /** The best matching annotations (quote or note), best first, with their article's metadata. */
  matchAnnotations(fts: string, options: MatchOptions): AnnotationMatchRow[] {
    const { where, params } = annotationFilters(options.filters);
    const order =
      options.sort === 'relevance'
        ? ANNOTATION_RANK
        : `d.published_at IS NULL, d.published_at ${options.sort === 'newest' ? 'DESC' : 'ASC'}, a.start_offset`;
    const sql = `SELECT a.id, a.document_id, a.type, a.exact, a.note, a.start_offset, a.end_offset, d.title, d.outlet, d.published_at
      FROM annotation_words_fts f JOIN annotations a ON a.rowid = f.rowid JOIN documents d ON d.id = a.document_id
      WHERE annotation_words_fts MATCH ?${where.length ? ` AND ${where.join(' AND ')}` : ''}
      ORDER BY ${order} LIMIT ?`;
    return this.run(() => this.prepare(sql).all(fts, ...params, options.limit) as AnnotationMatchRow[]);
  }

  /** The FTS5 floor the benchmark prints beside the service: the same MATCH, ranked or not, with FTS5's own snippets or not. */
  rawDocumentMatch(fts: string, limit: number, how: { ranked: boolean; snippets: boolean }): unknown[] {
    const columns = how.snippets ? `rowid, snippet(documents_fts, 3, '[', ']', ' … ', 24) AS snippet` : 'rowid';
    const sql = `SELECT ${columns} FROM documents_fts WHERE documents_fts MATCH ?${how.ranked ? ` ORDER BY ${DOCUMENT_RANK}` : ''} LIMIT ?`;
    return this.prepare(sql).all(fts, limit);
  }

  filterOptions(): SearchFilterOptions {
    const outlets = this.prepare(
      "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL AND outlet <> '' ORDER BY outlet COLLATE NOCASE",
    )
      .pluck()
      .all() as string[];
    const tags = this.prepare('SELECT id, name FROM tags ORDER BY name COLLATE NOCASE').all() as { id: string; name: string }[];
    const span = this.prepare(
      "SELECT substr(min(published_at), 1, 10) AS first, substr(max(published_at), 1, 10) AS last FROM documents WHERE published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'",
    ).get() as { first: string | null; last: string | null };
    return { outlets, tags, dateRange: span.first && span.last ? { from: span.first, to: span.last } : null };
  }

  savedList(): SavedSearch[] {
    return (this.prepare('SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE').all() as SavedRow[]).map(toSaved);
  }

  /**
   * Create or overwrite a saved search. Not audited, like settings: a saved search is how one
   * analyst looks into the case, not evidence, and an undo step for it would wipe the redo stack.
   */
  save(input: { id?: string; name: string; query: string; filters: SearchFilters; sort: SearchSort }): SavedSearch {
    const at = now();
    return this.run(() =>
      this.db.transaction(() => {
        const taken = this.prepare('SELECT id FROM saved_searches WHERE name = ?').pluck().get(input.name) as string | undefined;
        if (taken && taken !== input.id) throw new ParleyError('conflict', `A saved search is already called "${input.name}"`, { name: 'is already taken' });
        if (input.id) {
          const changed = this.prepare('UPDATE saved_searches SET name = ?, query = ?, filters_json = ?, sort = ?, updated_at = ? WHERE id = ?').run(
            input.name,
            input.query,
            JSON.stringify(input.filters),
            input.sort,
            at,
            input.id,
          );
          if (changed.changes === 0) throw new ParleyError('not_found', 'That saved search no longer exists');
          return toSaved(this.prepare('SELECT * FROM saved_searches WHERE id = ?').get(input.id) as SavedRow);
        }
        const id = newId();
        this.prepare('INSERT INTO saved_searches (id, name, query, filters_json, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          id,
          input.name,
          input.query,
          JSON.stringify(input.filters),
          input.sort,
          at,
          at,
        );
        return toSaved(this.prepare('SELECT * FROM saved_searches WHERE id = ?').get(id) as SavedRow);
      })(),
    );
  }

  deleteSaved(id: string): void {
    const removed = this.run(() => this.db.transaction(() => this.prepare('DELETE FROM saved_searches WHERE id = ?').run(id))());
    if (removed.changes === 0) throw new ParleyError('not_found', 'That saved search no longer exists');
  }

  private run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      // The service builds the expression, so this is a gap in shared/search-query.ts; still a plain message.
      if (/^fts5:/.test((error as Error)?.message ?? '')) throw new ParleyError('invalid_input', 'Parley could not read that query; try plain words or "a phrase"', { query: 'cannot be read' });
      translateSqliteError(error, 'Cannot search the case');
    }
  }
}

function inList(values: readonly string[]): string {
  return values.map(() => '?').join(', ');
}

/** Date and outlet: on the article (alias d). */
function articlePredicates(filters: SearchFilters, where: string[], params: unknown[]): void {
  if (filters.from) {
    where.push('d.published_at >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    // "2025-11-30" includes any time that day.
    where.push('d.published_at < ?');
    params.push(`${filters.to}\uffff`);
  }
  if (filters.outlets?.length) {
    where.push(`d.outlet COLLATE NOCASE IN (${inList(filters.outlets)})`);
    params.push(...filters.outlets);
  }
}

/** Party, source, tag and type: on one annotation (alias a). */
function annotationPredicates(filters: SearchFilters, where: string[], params: unknown[]): void {
  if (filters.partyIds?.length) {
    const list = inList(filters.partyIds);
    where.push(`(a.party_id IN (${list}) OR a.stance_party_id IN (${list}) OR a.source_id IN (SELECT id FROM sources WHERE party_id IN (${list})))`);
    params.push(...filters.partyIds, ...filters.partyIds, ...filters.partyIds);
  }
  if (filters.sourceIds?.length) {
    const list = inList(filters.sourceIds);
    where.push(`(a.source_id IN (${list}) OR a.publisher_source_id IN (${list}))`);
    params.push(...filters.sourceIds, ...filters.sourceIds);
  }
  if (filters.tagIds?.length) {
    where.push(`a.id IN (SELECT annotation_id FROM annotation_tags WHERE tag_id IN (${inList(filters.tagIds)}))`);
    params.push(...filters.tagIds);
  }
  if (filters.annotationTypes?.length) {
    where.push(`a.type IN (${inList(filters.annotationTypes)})`);
    params.push(...filters.annotationTypes);
  }
}

function documentFilters(filters: SearchFilters): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  articlePredicates(filters, where, params);
  const through: string[] = [];
  annotationPredicates(filters, through, params);
  // One annotation must satisfy them all: Russia and attribution means an attribution about Russia.
  if (through.length) where.push(`d.id IN (SELECT a.document_id FROM annotations a WHERE ${through.join(' AND ')})`);
  return { where, params };
}

function annotationFilters(filters: SearchFilters): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  articlePredicates(filters, where, params);
  annotationPredicates(filters, where, params);
  return { where, params };
}

function toSaved(row: SavedRow): SavedSearch {
  let filters: SearchFilters = {};
  try {
    filters = JSON.parse(row.filters_json) as SearchFilters;
  } catch {
    /* a hand-edited row: the search still runs, without filters */
  }
  return { id: row.id, name: row.name, query: row.query, filters, sort: row.sort, createdAt: row.created_at, updatedAt: row.updated_at };
}
