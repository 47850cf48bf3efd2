/** Documents: imported articles with their original files, full-text index and near-duplicate bands. */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ParleyError } from '../../shared/errors';
import type { DocumentDetail, DocumentPatch, DocumentSummary } from '../../shared/model/document';
import { newBatchId, newId, now, type AuditLog } from './audit-log';
import { createdByColumns } from './created-by';
import type { Rows } from './rows';
import { translateSqliteError } from './sqlite-errors';

/** An extracted article to store: the document's own fields, plus what import computed for it. */
export type NewDocument = Pick<
  DocumentDetail,
  'title' | 'byline' | 'outlet' | 'publishedAt' | 'publishedPrecision' | 'url' | 'language' | 'format' | 'label' | 'text' | 'html' | 'contentHash' | 'nearDuplicateOf'
> & {
  sourcePath: string | null;
  minhash: Uint8Array | null;
  bandKeys: string[];
};

export interface NewOriginal {
  fileName: string;
  sha256: string;
  bytes: Uint8Array;
}

export type DocumentChanges = z.output<typeof DocumentPatch>;

export type InsertOutcome =
  | { status: 'imported'; documentId: string }
  | { status: 'duplicate'; duplicateOf: string };

interface SummaryRow {
  id: string;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  published_at: string | null;
  published_precision: string | null;
  url: string | null;
  language: string | null;
  format: string;
  label: string;
  word_count: number;
  annotation_count: number;
  near_duplicate_of: string | null;
  imported_at: string;
  updated_at: string;
  created_by_id: string | null;
  created_by: string | null;
}
interface DetailRow extends SummaryRow {
  text: string;
  html: string | null;
  content_hash: string;
  original_name: string | null;
  original_size: number | null;
}

const SUMMARY_COLUMNS = `d.id, d.title, d.byline, d.outlet, d.published_at, d.published_precision, d.url, d.language,
  d.format, d.label, d.word_count, d.near_duplicate_of, d.imported_at, d.updated_at,
  (SELECT count(*) FROM annotations a WHERE a.document_id = d.id) AS annotation_count,
  ${createdByColumns('document', 'd.id')}`;

export class DocumentRepository {
  private readonly selectAll: Database.Statement;
  private readonly selectSummary: Database.Statement;
  private readonly selectDetail: Database.Statement;
  private readonly selectOriginal: Database.Statement;
  private readonly byHash: Database.Statement;
  private readonly originalByHash: Database.Statement;
  private readonly insertOriginal: Database.Statement;
  private readonly insertDocument: Database.Statement;
  private readonly insertBands: Database.Statement;
  private readonly candidatesByBand: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly removeOrphanOriginal: Database.Statement;
  private readonly selectBody: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly rows: Rows,
  ) {
    this.selectAll = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.published_at DESC, d.imported_at DESC`);
    this.selectSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ?`);
    this.selectDetail = db.prepare(
      `SELECT ${SUMMARY_COLUMNS}, d.text, d.html, d.content_hash, o.file_name AS original_name, o.size AS original_size
       FROM documents d LEFT JOIN originals o ON o.id = d.original_id WHERE d.id = ?`,
    );
    this.selectOriginal = db.prepare(
      'SELECT o.file_name, o.size, o.bytes, d.format FROM documents d JOIN originals o ON o.id = d.original_id WHERE d.id = ?',
    );
    this.byHash = db.prepare('SELECT id FROM documents WHERE content_hash = ?');
    this.originalByHash = db.prepare('SELECT id FROM originals WHERE sha256 = ?');
    this.insertOriginal = db.prepare(
      'INSERT INTO originals (id, file_name, size, sha256, bytes, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertDocument = db.prepare(
      `INSERT INTO documents (id, title, byline, outlet, published_at, published_precision, url, language, format, label,
         source_path, text, html, word_count, content_hash, minhash, near_duplicate_of, original_id, imported_at, updated_at)
       VALUES (@id, @title, @byline, @outlet, @publishedAt, @publishedPrecision, @url, @language, @format, @label,
         @sourcePath, @text, @html, @wordCount, @contentHash, @minhash, @nearDuplicateOf, @originalId, @at, @at)`,
    );
    // All of a document's band keys in one statement (16 per article, each a call into SQLite otherwise).
    this.insertBands = db.prepare('INSERT OR IGNORE INTO document_bands (document_id, band_key) SELECT ?, value FROM json_each(?)');
    this.candidatesByBand = db.prepare(
      `SELECT DISTINCT d.id, d.minhash, d.near_duplicate_of FROM document_bands b JOIN documents d ON d.id = b.document_id
       WHERE b.band_key IN (SELECT value FROM json_each(?))`,
    );
    this.remove = db.prepare('DELETE FROM documents WHERE id = ?');
    this.removeOrphanOriginal = db.prepare(
      'DELETE FROM originals WHERE id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE original_id = ?)',
    );
    this.selectBody = db.prepare('SELECT text, html, published_at, title, label FROM documents WHERE id = ?');
  }

  list(): DocumentSummary[] {
    return (this.selectAll.all() as SummaryRow[]).map(toSummary);
  }

  summary(id: string): DocumentSummary {
    const row = this.selectSummary.get(id) as SummaryRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That document no longer exists');
    return toSummary(row);
  }

  get(id: string): DocumentDetail {
    const row = this.selectDetail.get(id) as DetailRow | undefined;
    if (!row) throw new ParleyError('not_found', 'That document no longer exists');
    return {
      ...toSummary(row),
      text: row.text,
      html: row.html,
      contentHash: row.content_hash,
      originalName: row.original_name,
      originalSize: row.original_size,
    };
  }

  original(id: string): { fileName: string | null; size: number; bytes: Buffer; format: string } {
    const row = this.selectOriginal.get(id) as
      | { file_name: string | null; size: number; bytes: Buffer; format: string }
      | undefined;
    if (!row) throw new ParleyError('not_found', 'The original file of that document is not in the case');
    return { fileName: row.file_name, size: row.size, bytes: row.bytes, format: row.format };
  }

  findByContentHash(hash: string): string | null {
    return (this.byHash.get(hash) as { id: string } | undefined)?.id ?? null;
  }

  /** Documents sharing at least one MinHash band with the given keys (near-duplicate candidates). */
  nearDuplicateCandidates(bandKeys: string[]): { id: string; minhash: Uint8Array | null; nearDuplicateOf: string | null }[] {
    if (bandKeys.length === 0) return [];
    return (
      this.candidatesByBand.all(JSON.stringify(bandKeys)) as { id: string; minhash: Buffer | null; near_duplicate_of: string | null }[]
    ).map((row) => ({ id: row.id, minhash: row.minhash, nearDuplicateOf: row.near_duplicate_of }));
  }

  /**
   * Store the articles of one imported file, with its original bytes, in one transaction: either all
   * of the file's new articles are in the case afterwards, or none.
   */
  insertImported(original: NewOriginal, documents: NewDocument[], batchId = newBatchId()): InsertOutcome[] {
    try {
      return this.db.transaction(() => {
        const at = now();
        const outcomes: InsertOutcome[] = [];
        let originalId = (this.originalByHash.get(original.sha256) as { id: string } | undefined)?.id ?? null;
        for (const document of documents) {
          const existing = this.findByContentHash(document.contentHash);
          if (existing) {
            outcomes.push({ status: 'duplicate', duplicateOf: existing });
            continue;
          }
          if (!originalId) {
            originalId = newId();
            this.insertOriginal.run(originalId, original.fileName, original.bytes.byteLength, original.sha256, original.bytes, at);
          }
          const id = newId();
          this.insertDocument.run({
            id,
            title: document.title,
            byline: document.byline,
            outlet: document.outlet,
            publishedAt: document.publishedAt,
            publishedPrecision: document.publishedPrecision,
            url: document.url,
            language: document.language,
            format: document.format,
            label: document.label,
            sourcePath: document.sourcePath,
            text: document.text,
            html: document.html,
            wordCount: countWords(document.text),
            contentHash: document.contentHash,
            minhash: document.minhash,
            nearDuplicateOf: document.nearDuplicateOf,
            originalId,
            at,
          });
          if (document.bandKeys.length > 0) this.insertBands.run(id, JSON.stringify(document.bandKeys));
          this.audit.record('document', id, 'import', null, this.summary(id), batchId);
          outcomes.push({ status: 'imported', documentId: id });
        }
        return outcomes;
      })();
    } catch (error) {
      translateSqliteError(error, `Cannot store ${original.fileName}`);
    }
  }

  change(id: string, changes: DocumentChanges, batchId = newBatchId()): DocumentSummary {
    try {
      this.db.transaction(() => {
        const before = this.summary(id);
        const next = { ...before, ...changes };
        const precision =
          changes.publishedAt === undefined ? before.publishedPrecision : precisionOf(changes.publishedAt);
        // Audited as the raw metadata columns only, so undo restores them without touching the body.
        this.rows.update(
          'document',
          id,
          {
            title: next.title,
            byline: next.byline,
            outlet: next.outlet,
            published_at: next.publishedAt,
            published_precision: precision,
            url: next.url,
            language: next.language,
            updated_at: now(),
          },
          batchId,
        );
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot save the document');
    }
    return this.summary(id);
  }

  delete(id: string, batchId = newBatchId()): void {
    try {
      this.db.transaction(() => {
        const before = this.get(id);
        this.audit.label(batchId, `Delete document "${before.title ?? before.label}"`);
        // Its annotations are deleted explicitly (each audited, their stance links nulled), not by cascade.
        this.rows.repoint('document', id, null, batchId);
        const originalId = (this.db.prepare('SELECT original_id FROM documents WHERE id = ?').get(id) as { original_id: string | null })
          .original_id;
        this.remove.run(id);
        if (originalId) this.removeOrphanOriginal.run(originalId, originalId);
        this.audit.record('document', id, 'delete', { ...before, html: null }, null, batchId);
      })();
    } catch (error) {
      translateSqliteError(error, 'Cannot delete the document');
    }
  }

  /**
   * Replace a document's body with a fresh extraction (the FTS index follows by trigger). Audited
   * as the raw body columns, so it can be undone. The content hash follows the new text unless
   * another document already has that text.
   */
  replaceBody(id: string, body: { text: string; html: string | null; contentHash: string }, batchId: string): void {
    const holder = this.findByContentHash(body.contentHash);
    const changes: Record<string, unknown> = {
      text: body.text,
      html: body.html,
      word_count: countWords(body.text),
      updated_at: now(),
    };
    if (holder === null) changes.content_hash = body.contentHash;
    this.rows.update('document', id, changes, batchId);
  }

  /** The body and date annotations are anchored to and dated by. */
  body(id: string): { text: string; html: string | null; publishedAt: string | null; title: string | null; label: string } {
    const row = this.selectBody.get(id) as
      | { text: string; html: string | null; published_at: string | null; title: string | null; label: string }
      | undefined;
    if (!row) throw new ParleyError('not_found', 'That document no longer exists');
    return { text: row.text, html: row.html, publishedAt: row.published_at, title: row.title, label: row.label };
  }
}

function precisionOf(iso: string | null): string | null {
  if (!iso) return null;
  if (/^\d{4}$/.test(iso)) return 'year';
  if (/^\d{4}-\d{2}$/.test(iso)) return 'month';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return 'day';
  return /:\d{2}:\d{2}/.test(iso) ? 'second' : 'minute';
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

function toSummary(row: SummaryRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    byline: row.byline,
    outlet: row.outlet,
    publishedAt: row.published_at,
    publishedPrecision: row.published_precision,
    url: row.url,
    language: row.language,
    format: row.format,
    label: row.label,
    wordCount: row.word_count,
    annotationCount: row.annotation_count,
    nearDuplicateOf: row.near_duplicate_of,
    importedAt: row.imported_at,
    updatedAt: row.updated_at,
    createdById: row.created_by_id,
    createdBy: row.created_by,
  };
}
