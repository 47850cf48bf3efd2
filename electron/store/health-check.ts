/**
 * `case:check` / `parley check`: what can go wrong inside a case, found and, where safe, repaired: SQLite
 * integrity, a schema that is not what the migrations create (a tampered case), foreign keys, the
 * full-text index against the documents, annotation spans that no longer fit their document's text.
 * Everything here only reads, so a read-only case is checked as it is.
 */
import Database from 'better-sqlite3';
import type { HealthReport } from '../../shared/model/case';
import { appliedMigrations, loadMigrations } from './migrations';
import { compareSchema, describeObject, driftAdvice, hasDrift, type SchemaDrift } from './schema-guard';

export type { HealthReport } from '../../shared/model/case';

export interface CheckOptions {
  repair?: boolean;
  /** The connection cannot write (a read-only case, or one opened only to be checked). */
  readOnly?: boolean;
  /** Already found (and perhaps partly repaired) by the caller. */
  drift?: SchemaDrift;
  /** What the caller repaired before (dropped objects). */
  repaired?: string[];
}

export function checkCase(db: Database.Database, options: CheckOptions = {}): HealthReport {
  const problems: string[] = [];
  const repaired: string[] = [...(options.repaired ?? [])];
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  if (integrity !== 'ok') problems.push(`SQLite integrity check: ${integrity} (restore from a backup: parley restore)`);

  const schema = options.drift ?? compareSchema(db, loadMigrations().slice(0, appliedMigrations(db).length));
  for (const object of schema.unexpected) problems.push(`unexpected ${describeObject(object)}: Parley does not create it`);
  for (const object of schema.changed) problems.push(`changed ${describeObject(object)}: its definition is not Parley's`);
  for (const object of schema.missing) problems.push(`missing ${describeObject(object)}`);
  if (hasDrift(schema)) problems.push(`the case was altered outside Parley; ${lowerFirst(driftAdvice(schema))}`);
  // With Parley's own tables altered or gone, the checks below would read what is not there.
  if (schema.changed.length + schema.missing.length > 0) {
    return { integrity, schema, foreignKeyViolations: 0, ftsConsistent: false, ftsRebuilt: false, misplacedSpans: 0, orphanSpans: 0, problems, repaired };
  }

  const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
  if (foreignKeyViolations > 0) problems.push(`${foreignKeyViolations} records refer to records that no longer exist`);

  let ftsConsistent = options.readOnly ? ftsConsistentReadOnly(db) : ftsIntegrityCheck(db);
  const indexed = (db.prepare('SELECT count(*) AS n FROM documents_fts').get() as { n: number }).n;
  const documents = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  if (indexed !== documents) ftsConsistent = false;
  let ftsRebuilt = false;
  if (!ftsConsistent) {
    if (options.repair) {
      db.prepare("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')").run();
      ftsRebuilt = true;
      repaired.push('rebuilt the full-text index from the documents');
    } else {
      problems.push('the full-text index does not match the documents (repair: parley check --repair)');
    }
  }

  // Offsets are UTF-16 positions (as in the page), so the comparison happens here, not in SQL.
  let misplacedSpans = 0;
  const spans = db.prepare(
    "SELECT document_id, exact, start_offset, end_offset FROM annotations WHERE anchor_status <> 'orphan' ORDER BY document_id",
  );
  const textOf = db.prepare('SELECT text FROM documents WHERE id = ?');
  let currentId: string | null = null;
  let currentText = '';
  for (const span of spans.iterate() as Iterable<{ document_id: string; exact: string; start_offset: number; end_offset: number }>) {
    if (span.document_id !== currentId) {
      currentId = span.document_id;
      currentText = (textOf.get(currentId) as { text: string } | undefined)?.text ?? '';
    }
    if (currentText.slice(span.start_offset, span.end_offset) !== span.exact) misplacedSpans++;
  }
  if (misplacedSpans > 0) problems.push(`${misplacedSpans} annotation spans no longer match their document text (re-extract the document to re-anchor them)`);
  const orphanSpans = (db.prepare("SELECT count(*) AS n FROM annotations WHERE anchor_status = 'orphan'").get() as { n: number }).n;

  return { integrity, schema, foreignKeyViolations, ftsConsistent: ftsConsistent || ftsRebuilt, ftsRebuilt, misplacedSpans, orphanSpans, problems, repaired };
}

/** FTS5's own check of the index against the documents table; it is an INSERT, so it needs a writable connection. */
function ftsIntegrityCheck(db: Database.Database): boolean {
  try {
    db.prepare("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)").run();
    return true;
  } catch {
    return false;
  }
}

/**
 * The same check on a connection that cannot write: the index's shadow tables and the indexed
 * columns are copied into an in-memory database (the case is attached read-only) and checked
 * there. Originals' bytes stay behind, so the copy is about the size of the text.
 */
function ftsConsistentReadOnly(db: Database.Database): boolean {
  const definition = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'documents_fts'").get() as { sql: string } | undefined;
  if (!definition) return false;
  const memory = new Database(':memory:');
  try {
    // Defensive mode forbids writing FTS5 shadow tables; this database is ours and thrown away.
    memory.unsafeMode(true);
    memory.prepare('ATTACH DATABASE ? AS casefile').run(db.name);
    memory.exec(`CREATE TABLE documents (title TEXT, byline TEXT, outlet TEXT, text TEXT);
      INSERT INTO documents (rowid, title, byline, outlet, text) SELECT rowid, title, byline, outlet, text FROM casefile.documents;`);
    memory.exec(definition.sql);
    for (const shadow of ['data', 'idx', 'docsize', 'config']) {
      memory.exec(`DELETE FROM documents_fts_${shadow}; INSERT INTO documents_fts_${shadow} SELECT * FROM casefile.documents_fts_${shadow};`);
    }
    return ftsIntegrityCheck(memory);
  } finally {
    memory.close();
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
