/**
 * Suggestions and the rejection memory: rows and transactions only. What a suggestion becomes when
 * accepted, and which ones a re-run keeps, is decided in electron/service/suggestions.ts.
 *
 * A suggestion's stored state 'accepted' counts only while its annotation exists, so undoing an
 * accept (which removes the annotation) makes it pending again without an audit row of its own
 * (migration 0007_suggestions says why suggestions are local, unaudited machine output).
 */
import type Database from 'better-sqlite3';
import { ParleyError } from '../../shared/errors';
import type { PendingCount, SuggestionKind, SuggestionSpan, SuggestionState } from '../../shared/model/suggestion';
import { newBatchId, newId, now, type AuditLog } from './audit-log';
import type { AnchorStatus } from '../../shared/model/annotation';
import { prepareOnce } from './statements';

/** A suggestion as the engine made it, ready to store as pending. */
export interface NewSuggestion {
  kind: SuggestionKind;
  key: string;
  text: string;
  spans: SuggestionSpan[];
  payload: unknown;
  confidence: number;
  rule: string;
}

export interface StoredSuggestion extends NewSuggestion {
  id: string;
  documentId: string;
  documentTitle: string | null;
  state: SuggestionState;
  annotationId: string | null;
  anchorStatus: AnchorStatus;
  createdAt: string;
  updatedAt: string;
}

export interface SuggestionQuery {
  documentId?: string | undefined;
  state: SuggestionState;
  kind?: SuggestionKind | undefined;
  minConfidence?: number;
  limit: number;
  offset: number;
}

export interface Rejection {
  kind: SuggestionKind;
  key: string;
  text: string;
  /** Where the rejected suggestion was; null for a party (rejected in the whole document). */
  start: number | null;
  end: number | null;
}

/**
 * The state the analyst sees. Accepted while its annotation exists; rejected while a rejection of its
 * kind and key is remembered for its document (so undoing the rejection, which removes that row,
 * makes it pending again, and a colleague's rejection that arrives by sync or bundle hides it here
 * too); pending otherwise.
 */
const EFFECTIVE_STATE = `CASE WHEN s.state = 'accepted' AND EXISTS (SELECT 1 FROM annotations a WHERE a.id = s.annotation_id) THEN 'accepted'
  WHEN EXISTS (SELECT 1 FROM suggestion_rejections r WHERE r.document_id = s.document_id AND r.kind = s.kind AND r.key = s.key) THEN 'rejected'
  ELSE 'pending' END`;

const SELECT = `SELECT s.*, ${EFFECTIVE_STATE} AS effective_state, d.title AS document_title FROM suggestions s JOIN documents d ON d.id = s.document_id`;

interface SuggestionRow {
  id: string;
  document_id: string;
  document_title: string | null;
  kind: SuggestionKind;
  key: string;
  text: string;
  spans_json: string;
  payload_json: string;
  confidence: number;
  effective_state: SuggestionState;
  rule: string;
  annotation_id: string | null;
  anchor_status: AnchorStatus;
  created_at: string;
  updated_at: string;
}

export class SuggestionRepository {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {}

  get(id: string): StoredSuggestion {
    const row = this.statement(`${SELECT} WHERE s.id = ?`).get(id) as SuggestionRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That suggestion no longer exists (the document may have been suggested again)');
    return toSuggestion(row);
  }

  /** The suggestions with these ids, in that order (missing ones left out). */
  many(ids: string[]): StoredSuggestion[] {
    const rows = this.statement(`${SELECT} WHERE s.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as SuggestionRow[];
    const byId = new Map(rows.map((row) => [row.id, toSuggestion(row)]));
    return ids.map((id) => byId.get(id)).filter((row): row is StoredSuggestion => row !== undefined);
  }

  /** A page of suggestions in one state: a document's in reading order, the case's by confidence. */
  list(query: SuggestionQuery): { rows: StoredSuggestion[]; total: number } {
    const where = [`${EFFECTIVE_STATE} = ?`];
    const params: unknown[] = [query.state];
    if (query.documentId) {
      where.push('s.document_id = ?');
      params.push(query.documentId);
    }
    if (query.kind) {
      where.push('s.kind = ?');
      params.push(query.kind);
    }
    if (query.minConfidence !== undefined) {
      where.push('s.confidence >= ?');
      params.push(query.minConfidence);
    }
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const order = query.documentId
      ? "ORDER BY CASE s.kind WHEN 'party' THEN 0 WHEN 'attribution' THEN 1 ELSE 2 END, json_extract(s.spans_json, '$[0].start'), s.id"
      : 'ORDER BY s.confidence DESC, d.published_at DESC, s.document_id, s.id';
    const rows = this.statement(`${SELECT} ${whereSql} ${order} LIMIT ? OFFSET ?`).all(...params, query.limit, query.offset) as SuggestionRow[];
    const total = (this.statement(`SELECT count(*) AS n FROM suggestions s ${whereSql}`).get(...params) as { n: number }).n;
    return { rows: rows.map(toSuggestion), total };
  }

  /** Pending suggestions per document (the Documents grid's column). */
  pendingCounts(): PendingCount[] {
    return this.statement(`SELECT s.document_id AS documentId, count(*) AS pending FROM suggestions s WHERE ${EFFECTIVE_STATE} = 'pending' GROUP BY s.document_id`).all() as PendingCount[];
  }

  /** Documents never suggested (imported by the command line, or before suggestions existed). */
  unsuggestedDocuments(): string[] {
    return (this.statement('SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.document_id = d.id) ORDER BY d.imported_at, d.id').all() as { id: string }[]).map((row) => row.id);
  }

  /** Keys of a document's suggestions that were accepted or rejected (a re-run does not propose them again). */
  decidedKeys(documentId: string): Set<string> {
    const rows = this.statement(`SELECT s.key FROM suggestions s WHERE s.document_id = ? AND ${EFFECTIVE_STATE} <> 'pending'`).all(documentId) as { key: string }[];
    return new Set(rows.map((row) => row.key));
  }

  /**
   * A document's pending suggestions replaced by a fresh run's, in one transaction (accepted and
   * rejected ones stay as the analyst left them). Returns the ids stored.
   */
  replacePending(documentId: string, items: NewSuggestion[]): string[] {
    return this.db.transaction(() => {
      this.statement(`DELETE FROM suggestions AS s WHERE s.document_id = ? AND ${EFFECTIVE_STATE} = 'pending'`).run(documentId);
      const insert = this.statement(
        `INSERT INTO suggestions (id, document_id, kind, key, text, spans_json, payload_json, confidence, state, rule, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      );
      const at = now();
      return items.map((item) => {
        const id = newId();
        insert.run(id, documentId, item.kind, item.key, item.text.slice(0, 20_000), JSON.stringify(item.spans), JSON.stringify(item.payload), clamp(item.confidence), item.rule, at, at);
        return id;
      });
    })();
  }

  /** Must run inside the accepting transaction (with the annotation it made). */
  markAccepted(id: string, annotationId: string): void {
    const result = this.statement("UPDATE suggestions SET state = 'accepted', annotation_id = ?, updated_at = ? WHERE id = ?").run(annotationId, now(), id);
    if (result.changes !== 1) throw new ParleyError('not_found', 'That suggestion no longer exists');
  }

  /**
   * Reject a suggestion and remember it for its document (kind, key and span), audited: the
   * rejection is an undo step (undo removes the remembered row, and the suggestion reads as pending
   * again), and it travels to the team with the case's operations and in bundles.
   */
  reject(id: string, batchId = newBatchId()): void {
    this.db.transaction(() => {
      const suggestion = this.get(id);
      // Already decided: a rejected one stays as it is, an accepted one is taken back by undo, not by rejecting it.
      if (suggestion.state !== 'pending') return;
      this.statement("UPDATE suggestions SET state = 'rejected', annotation_id = NULL, updated_at = ? WHERE id = ?").run(now(), id);
      const at = now();
      // A party is rejected as a whole (all its mentions); a quote or a concession where it stands.
      const span = suggestion.kind === 'party' ? undefined : suggestion.spans[0];
      const row = {
        id: newId(),
        document_id: suggestion.documentId,
        kind: suggestion.kind,
        key: suggestion.key,
        text: suggestion.text.slice(0, 2_000),
        start_offset: span?.start ?? null,
        end_offset: span?.end ?? null,
        created_at: at,
        updated_at: at,
      };
      this.statement(
        `INSERT INTO suggestion_rejections (id, document_id, kind, key, text, start_offset, end_offset, created_at, updated_at)
         VALUES (@id, @document_id, @kind, @key, @text, @start_offset, @end_offset, @created_at, @updated_at)`,
      ).run(row);
      this.audit.label(batchId, `Reject suggested ${suggestion.kind}`);
      this.audit.record('suggestion_rejection', row.id, 'create', null, row, batchId);
    })();
  }

  /** What the analyst (or a colleague) rejected in a document: the engine's rejection memory for a re-run. */
  rejectionsOf(documentId: string): Rejection[] {
    return this.statement('SELECT kind, key, text, start_offset AS start, end_offset AS "end" FROM suggestion_rejections WHERE document_id = ? ORDER BY created_at, id').all(documentId) as Rejection[];
  }

  /** A document's pending suggestions with their spans (for re-anchoring them to a new text). */
  pendingOf(documentId: string): StoredSuggestion[] {
    return (this.statement(`${SELECT} WHERE s.document_id = ? AND ${EFFECTIVE_STATE} = 'pending' ORDER BY s.id`).all(documentId) as SuggestionRow[]).map(toSuggestion);
  }

  /** Move a suggestion's spans after re-extraction. */
  setSpans(id: string, spans: SuggestionSpan[], status: AnchorStatus): void {
    this.statement('UPDATE suggestions SET spans_json = ?, anchor_status = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(spans), status, now(), id);
  }

  /** Drop a pending suggestion whose words are gone from the text (a re-run proposes afresh). */
  remove(id: string): void {
    this.statement('DELETE FROM suggestions WHERE id = ?').run(id);
  }

  private statement(sql: string): Database.Statement {
    return prepareOnce(this.db, this.statements, sql);
  }
}

function clamp(confidence: number): number {
  return Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
}

function toSuggestion(row: SuggestionRow): StoredSuggestion {
  return {
    id: row.id,
    documentId: row.document_id,
    documentTitle: row.document_title,
    kind: row.kind,
    key: row.key,
    text: row.text,
    spans: JSON.parse(row.spans_json) as SuggestionSpan[],
    payload: JSON.parse(row.payload_json) as unknown,
    confidence: row.confidence,
    state: row.effective_state,
    rule: row.rule,
    annotationId: row.effective_state === 'accepted' ? row.annotation_id : null,
    anchorStatus: row.anchor_status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
