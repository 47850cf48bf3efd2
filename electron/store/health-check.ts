/**
 * `case:check` / `parley check`: what can go wrong inside a case, found and, where safe, repaired: SQLite
 * integrity, foreign keys, the full-text index against the documents, annotation spans that no
 * longer fit their document's text.
 */
import type Database from 'better-sqlite3';
import type { HealthReport } from '../../shared/model/case';

export type { HealthReport } from '../../shared/model/case';

export function checkCase(db: Database.Database, options: { repair?: boolean } = {}): HealthReport {
  const problems: string[] = [];
  const repaired: string[] = [];
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  if (integrity !== 'ok') problems.push(`SQLite integrity check: ${integrity} (restore from a backup: parley restore)`);

  const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
  if (foreignKeyViolations > 0) problems.push(`${foreignKeyViolations} records refer to records that no longer exist`);

  // The articles' index, and the case search's index of annotation quotes and notes.
  const indexes = [
    { fts: 'documents_fts', table: 'documents', of: 'the documents' },
    { fts: 'annotation_words_fts', table: 'annotations', of: 'the annotation quotes and notes' },
  ];
  let ftsConsistent = true;
  let ftsRebuilt = false;
  for (const index of indexes) {
    let consistent = true;
    try {
      db.prepare(`INSERT INTO ${index.fts}(${index.fts}, rank) VALUES ('integrity-check', 1)`).run();
    } catch {
      consistent = false;
    }
    const indexed = (db.prepare(`SELECT count(*) AS n FROM ${index.fts}`).get() as { n: number }).n;
    const rows = (db.prepare(`SELECT count(*) AS n FROM ${index.table}`).get() as { n: number }).n;
    if (indexed !== rows) consistent = false;
    if (consistent) continue;
    if (options.repair) {
      db.prepare(`INSERT INTO ${index.fts}(${index.fts}) VALUES ('rebuild')`).run();
      ftsRebuilt = true;
      repaired.push(`rebuilt the full-text index from ${index.of}`);
    } else {
      ftsConsistent = false;
      problems.push(`the full-text index does not match ${index.of} (repair: parley check --repair)`);
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

  return { integrity, foreignKeyViolations, ftsConsistent, ftsRebuilt, misplacedSpans, orphanSpans, problems, repaired };
}
