-- Parley evidence store, schema 5: a document's URL is an http(s) address or nothing.
--
-- Feed readers before this version stored item links without a scheme check, so `javascript:` and
-- `data:` links became document URLs (and `data:` ones rendered as live links). Importers now keep
-- only http(s) addresses (shared/url.ts); this clears the ones already in cases.
--
-- The change is history like any other: one audit batch, "Removed document links that were not
-- web addresses", not undoable (nothing would bring back a javascript: link), with an audit row per
-- document holding the URL it had. The documents' update triggers note the records (sync_touched);
-- the operation log turns them into operations of this batch when the case opens, so colleagues'
-- copies of a shared case drop the same links when they sync.

CREATE TEMP TABLE migration_0005_batch AS
  SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)) AS batch_id,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at
  FROM (SELECT hex(randomblob(16)) AS h);

CREATE TEMP TABLE migration_0005_documents AS
  SELECT id, url FROM documents
  WHERE url IS NOT NULL AND NOT (url LIKE 'http://_%' OR url LIKE 'https://_%');

INSERT INTO audit_batches (batch_id, label, at, kind, undoable, state)
  SELECT batch_id, 'Removed document links that were not web addresses', at, 'change', 0, 'done' FROM migration_0005_batch
  WHERE EXISTS (SELECT 1 FROM migration_0005_documents);

INSERT INTO audit_log (at, aggregate, record_id, action, before_json, after_json, batch_id)
  SELECT b.at, 'document', d.id, 'update', json_object('url', d.url), json_object('url', NULL), b.batch_id
  FROM migration_0005_documents d, migration_0005_batch b;

UPDATE documents SET url = NULL WHERE id IN (SELECT id FROM migration_0005_documents);

DROP TABLE migration_0005_documents;
DROP TABLE migration_0005_batch;
