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
  /** Rank every match, however many (else the RECENT_WINDOW newest-added ones). */
  rankAll: boolean;
}

/** How many of the most recently added matches are ranked when a query matches more. */
export const RECENT_WINDOW = 1000;

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
  private readonly annotationRows: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.documentRows = db.prepare(
      `SELECT d.rowid AS rowid, d.id, d.title, d.outlet, d.published_at, d.text
       FROM documents d WHERE d.rowid IN (SELECT value FROM json_each(?))`,
    );
    this.annotationRows = db.prepare(
      `SELECT a.rowid AS rowid, a.id, a.document_id, a.type, a.exact, a.note, a.start_offset, a.end_offset, d.title, d.outlet, d.published_at
       FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.rowid IN (SELECT value FROM json_each(?))`,
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

  /**
   * The best matching articles, best first (or by date), with the text their snippets are cut
   * from. Unless `rankAll`, only the RECENT_WINDOW most recently added matches are ordered: FTS5
   * scores every match it ranks, so a word in most articles costs a full pass over them, while
   * the newest matches come straight off the index (its rowid order). `window` says when that
   * cut applied; date order past the window is exact (the date index, walked newest first).
   */
  matchDocuments(fts: string, options: MatchOptions): { rows: DocumentMatchRow[]; window: number | null } {
    const { where, params } = documentFilters(options.filters);
    const join = where.length ? ' JOIN documents d ON d.rowid = f.rowid' : '';
    const filter = where.length ? ` AND ${where.join(' AND ')}` : '';
    const relevance = options.sort === 'relevance';
    let rowids: number[];
    let window: number | null = null;
    if (relevance && options.rankAll) {
      rowids = this.pluck(`SELECT f.rowid FROM documents_fts f${join} WHERE documents_fts MATCH ?${filter} ORDER BY ${DOCUMENT_RANK} LIMIT ?`, fts, ...params, options.limit);
    } else {
      const recent = this.all<{ rowid: number; score?: number }>(
        `SELECT f.rowid AS rowid${relevance ? `, ${DOCUMENT_RANK} AS score` : ''} FROM documents_fts f${join}
         WHERE documents_fts MATCH ?${filter} ORDER BY f.rowid DESC LIMIT ?`,
        fts,
        ...params,
        RECENT_WINDOW + 1,
      );
      const truncated = recent.length > RECENT_WINDOW;
      if (truncated) recent.pop();
      if (relevance) {
        if (truncated) window = RECENT_WINDOW;
        rowids = recent
          .sort((a, b) => a.score! - b.score! || b.rowid - a.rowid)
          .slice(0, options.limit)
          .map((row) => row.rowid);
      } else if (!truncated) {
        const direction = options.sort === 'newest' ? 'DESC' : 'ASC';
        rowids = this.pluck(
          `SELECT rowid FROM documents WHERE rowid IN (SELECT value FROM json_each(?))
           ORDER BY published_at IS NULL, published_at ${direction}, rowid ${direction} LIMIT ?`,
          JSON.stringify(recent.map((row) => row.rowid)),
          options.limit,
        );
      } else {
        rowids = this.byDateIndex(fts, where, params, options);
      }
    }
    if (rowids.length === 0) return { rows: [], window };
    const rows = new Map((this.documentRows.all(JSON.stringify(rowids)) as (DocumentMatchRow & { rowid: number })[]).map((row) => [row.rowid, row]));
    return { rows: rowids.flatMap((rowid) => rows.get(rowid) ?? []), window };
  }

  /** Many matches by date: walk the date index from the chosen end, keeping the matches; undated ones last. */
  private byDateIndex(fts: string, where: string[], params: unknown[], options: MatchOptions): number[] {
    const direction = options.sort === 'newest' ? 'DESC' : 'ASC';
    const filter = where.length ? ` AND ${where.join(' AND ')}` : '';
    const dated = this.pluck(
      `SELECT d.rowid FROM documents d INDEXED BY documents_published_at
       WHERE d.published_at IS NOT NULL AND d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)${filter}
       ORDER BY d.published_at ${direction}, d.rowid ${direction} LIMIT ?`,
      fts,
      ...params,
      options.limit,
    );
    if (dated.length === options.limit) return dated;
    const undated = this.pluck(
      `SELECT d.rowid FROM documents d WHERE d.published_at IS NULL AND d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)${filter}
       ORDER BY d.rowid ${direction} LIMIT ?`,
      fts,
      ...params,
      options.limit - dated.length,
    );
    return [...dated, ...undated];
  }

  /** The best matching annotations (quote or note), best first or by date, with their article's metadata; windowed as for articles. */
  matchAnnotations(fts: string, options: MatchOptions): { rows: AnnotationMatchRow[]; window: number | null } {
    const { where, params } = annotationFilters(options.filters);
    const join = where.length ? ' JOIN annotations a ON a.rowid = f.rowid JOIN documents d ON d.id = a.document_id' : '';
    const filter = where.length ? ` AND ${where.join(' AND ')}` : '';
    const relevance = options.sort === 'relevance';
    let rowids: number[];
    let window: number | null = null;
    if (relevance && options.rankAll) {
      rowids = this.pluck(`SELECT f.rowid FROM annotation_words_fts f${join} WHERE annotation_words_fts MATCH ?${filter} ORDER BY ${ANNOTATION_RANK} LIMIT ?`, fts, ...params, options.limit);
    } else {
      const recent = this.all<{ rowid: number; score?: number }>(
        `SELECT f.rowid AS rowid${relevance ? `, ${ANNOTATION_RANK} AS score` : ''} FROM annotation_words_fts f${join}
         WHERE annotation_words_fts MATCH ?${filter} ORDER BY f.rowid DESC LIMIT ?`,
        fts,
        ...params,
        RECENT_WINDOW + 1,
      );
      if (recent.length > RECENT_WINDOW) {
        recent.pop();
        window = RECENT_WINDOW;
      }
      if (relevance) {
        rowids = recent
          .sort((a, b) => a.score! - b.score! || b.rowid - a.rowid)
          .slice(0, options.limit)
          .map((row) => row.rowid);
      } else {
        const direction = options.sort === 'newest' ? 'DESC' : 'ASC';
        rowids = this.pluck(
          `SELECT a.rowid FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.rowid IN (SELECT value FROM json_each(?))
           ORDER BY d.published_at IS NULL, d.published_at ${direction}, a.start_offset LIMIT ?`,
          JSON.stringify(recent.map((row) => row.rowid)),
          options.limit,
        );
      }
    }
    if (rowids.length === 0) return { rows: [], window };
    const rows = new Map((this.annotationRows.all(JSON.stringify(rowids)) as (AnnotationMatchRow & { rowid: number })[]).map((row) => [row.rowid, row]));
    return { rows: rowids.flatMap((rowid) => rows.get(rowid) ?? []), window };
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.run(() => this.prepare(sql).all(...params) as T[]);
  }

  private pluck(sql: string, ...params: unknown[]): number[] {
    return this.run(() => this.prepare(sql).pluck().all(...params) as number[]);
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
