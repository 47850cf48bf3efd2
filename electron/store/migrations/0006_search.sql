-- Parley evidence store, schema 6: case-wide search over annotations and saved searches.

-- Word search over annotation quotes and notes (the case's search box: phrases, prefixes, NEAR,
-- ranked). annotations_fts (trigram) stays for the grid's substring box. A derived index, rebuilt
-- from annotations by its triggers, so it carries no operation-log triggers: it never travels.
CREATE VIRTUAL TABLE annotation_words_fts USING fts5(
  exact, note,
  content='annotations', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO annotation_words_fts(annotation_words_fts) VALUES ('rebuild');
CREATE TRIGGER annotation_words_fts_insert AFTER INSERT ON annotations BEGIN
  INSERT INTO annotation_words_fts(rowid, exact, note) VALUES (new.rowid, new.exact, new.note);
END;
CREATE TRIGGER annotation_words_fts_delete AFTER DELETE ON annotations BEGIN
  INSERT INTO annotation_words_fts(annotation_words_fts, rowid, exact, note) VALUES ('delete', old.rowid, old.exact, old.note);
END;
CREATE TRIGGER annotation_words_fts_update AFTER UPDATE OF exact, note ON annotations BEGIN
  INSERT INTO annotation_words_fts(annotation_words_fts, rowid, exact, note) VALUES ('delete', old.rowid, old.exact, old.note);
  INSERT INTO annotation_words_fts(rowid, exact, note) VALUES (new.rowid, new.exact, new.note);
END;

-- An analyst's saved searches in this case file (query, filters as JSON, sort). Local-only, like
-- the grids' column layouts in settings: a saved search is one analyst's way into the case, not
-- case content, so it has no operation-log triggers and does not travel with sync or bundles.
CREATE TABLE saved_searches (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  query TEXT NOT NULL,
  filters_json TEXT NOT NULL DEFAULT '{}',
  sort TEXT NOT NULL DEFAULT 'relevance' CHECK (sort IN ('relevance','newest','oldest')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
