-- Parley evidence store, schema 1: the whole domain.
-- Keys are UUID text so that cases can be merged; every table is STRICT.

-- The file as it was imported, for provenance; kept apart so grid queries stay light.
-- One file may yield several documents (an e-mail's attachments, a feed's items).
CREATE TABLE originals (
  id TEXT PRIMARY KEY,
  file_name TEXT,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  bytes BLOB NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  title TEXT,
  byline TEXT,
  outlet TEXT,
  published_at TEXT,
  published_precision TEXT CHECK (published_precision IN ('year','month','day','minute','second')),
  url TEXT,
  language TEXT,
  format TEXT NOT NULL,
  label TEXT NOT NULL,
  source_path TEXT,
  text TEXT NOT NULL,
  html TEXT,
  word_count INTEGER NOT NULL DEFAULT 0,
  content_hash TEXT NOT NULL UNIQUE,
  -- MinHash signature (little-endian uint32s) for near-duplicate checks
  minhash BLOB,
  near_duplicate_of TEXT REFERENCES documents(id) ON DELETE SET NULL,
  original_id TEXT REFERENCES originals(id) ON DELETE SET NULL,
  imported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_published_at ON documents(published_at);
CREATE INDEX documents_near_duplicate_of ON documents(near_duplicate_of);
CREATE INDEX documents_original_id ON documents(original_id);


-- MinHash LSH band keys: near-duplicate candidates without comparing every pair.
CREATE TABLE document_bands (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  band_key TEXT NOT NULL,
  PRIMARY KEY (document_id, band_key)
) STRICT;
CREATE INDEX document_bands_key ON document_bands(band_key);

CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, byline, outlet, text,
  content='documents', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, byline, outlet, text)
  VALUES (new.rowid, new.title, new.byline, new.outlet, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, byline, outlet, text)
  VALUES ('delete', old.rowid, old.title, old.byline, old.outlet, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, byline, outlet, text ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, byline, outlet, text)
  VALUES ('delete', old.rowid, old.title, old.byline, old.outlet, old.text);
  INSERT INTO documents_fts(rowid, title, byline, outlet, text)
  VALUES (new.rowid, new.title, new.byline, new.outlet, new.text);
END;

CREATE TABLE parties (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('state','bloc','organisation','armed_group','person','other')),
  affiliation_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
  color TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Kremlin, Moscow → Russia. An alias names one party only.
CREATE TABLE party_aliases (
  party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
  alias TEXT NOT NULL COLLATE NOCASE UNIQUE,
  PRIMARY KEY (party_id, alias)
) STRICT;

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT,
  party_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
  anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0,1)),
  default_reliability TEXT NOT NULL DEFAULT 'F' CHECK (default_reliability IN ('A','B','C','D','E','F')),
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX sources_party_id ON sources(party_id);

CREATE TABLE issue_areas (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  position INTEGER NOT NULL
) STRICT;

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  proposed_by_party_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- "28-point draft, 2025-11-20", "19-point revision after Geneva".
CREATE TABLE plan_versions (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  dated TEXT,
  notes TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE plan_points (
  id TEXT PRIMARY KEY,
  version_id TEXT NOT NULL REFERENCES plan_versions(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (version_id, number)
) STRICT;

CREATE TABLE concessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  issue_area_id TEXT REFERENCES issue_areas(id) ON DELETE SET NULL,
  conceding_party_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
  beneficiary_party_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
  proposed_by_party_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'proposed'
    CHECK (status IN ('proposed','under_discussion','agreed','rejected','withdrawn','implemented')),
  plan_point_id TEXT REFERENCES plan_points(id) ON DELETE SET NULL,
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE annotations (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('attribution','party_mention','concession_evidence','note')),
  -- W3C Web Annotation selectors: TextQuote (exact, prefix, suffix) and TextPosition (start, end).
  exact TEXT NOT NULL,
  prefix TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset INTEGER NOT NULL CHECK (end_offset >= start_offset),
  anchor_status TEXT NOT NULL DEFAULT 'anchored' CHECK (anchor_status IN ('anchored','reanchored','orphan')),
  note TEXT,
  -- attribution
  source_id TEXT REFERENCES sources(id) ON DELETE SET NULL,
  publisher_source_id TEXT REFERENCES sources(id) ON DELETE SET NULL,
  quote_kind TEXT CHECK (quote_kind IN ('direct','indirect')),
  channel TEXT CHECK (channel IN ('statement','interview','briefing','leak','transcript','document','social_post')),
  credibility INTEGER CHECK (credibility BETWEEN 1 AND 6),
  reliability TEXT CHECK (reliability IN ('A','B','C','D','E','F')),
  -- party mention
  party_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
  -- concession evidence: which party's stance these words show, as of the article's date
  concession_id TEXT REFERENCES concessions(id) ON DELETE SET NULL,
  stance_party_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
  stance TEXT CHECK (stance IN ('demands','offers','accepts','rejects','conditional','unclear')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX annotations_document_id ON annotations(document_id, start_offset);
CREATE INDEX annotations_source_id ON annotations(source_id);
CREATE INDEX annotations_party_id ON annotations(party_id);
CREATE INDEX annotations_concession_id ON annotations(concession_id);

-- A party's stance on a concession at a date, optionally backed by an annotation.
CREATE TABLE concession_stances (
  id TEXT PRIMARY KEY,
  concession_id TEXT NOT NULL REFERENCES concessions(id) ON DELETE CASCADE,
  party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
  stance TEXT NOT NULL CHECK (stance IN ('demands','offers','accepts','rejects','conditional','unclear')),
  as_of TEXT,
  annotation_id TEXT REFERENCES annotations(id) ON DELETE SET NULL,
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX concession_stances_concession ON concession_stances(concession_id, party_id, as_of);

CREATE TABLE tags (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  color TEXT
) STRICT;

CREATE TABLE annotation_tags (
  annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (annotation_id, tag_id)
) STRICT;

-- Every mutation, written in the same transaction as the change itself.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  aggregate TEXT NOT NULL,
  record_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  -- Changes made by one user action share a batch (undo/redo works per batch).
  batch_id TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_record ON audit_log(aggregate, record_id);
CREATE INDEX audit_log_batch ON audit_log(batch_id);

-- Per-case preferences (grid column layouts, analyst name).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
