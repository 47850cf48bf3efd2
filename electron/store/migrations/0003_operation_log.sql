-- Parley evidence store, schema 3: the operation log, so a case can be shared (team hub, bundles).
--
-- Every change to a case becomes operations: one per field of a record it changed (and one for the
-- record's existence: created, or deleted as a tombstone), each with a global id, the analyst who
-- made it, a hybrid logical clock timestamp, before and after, and the heads of that field it
-- superseded. electron/sync says what a set of operations means; electron/store/operation-log.ts
-- turns this case's changes into operations and applies other replicas' operations to it.

-- The analysts of this case (who made what): synced like any other record.
CREATE TABLE analysts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- This replica: its analyst, its clock, and where it syncs (one row).
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  analyst_id TEXT NOT NULL,
  last_hlc TEXT,
  -- The team hub this case syncs with (the URL without its password) and the case's id there.
  hub_url TEXT,
  hub_case_id TEXT,
  hub_role TEXT,
  -- Local operations up to this seq are on the hub; the hub's log was pulled up to hub_pulled_seq,
  -- where it held hub_pulled_op_id (a hub that lost history is noticed by it).
  pushed_through INTEGER NOT NULL DEFAULT 0,
  hub_pulled_seq INTEGER,
  hub_pulled_op_id TEXT,
  last_sync_at TEXT,
  last_sync_error TEXT
) STRICT;

CREATE TABLE operations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  analyst_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  aggregate TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
  before_json TEXT,
  after_json TEXT,
  base_json TEXT NOT NULL DEFAULT '[]',
  batch_id TEXT NOT NULL,
  -- Made here, or received from the hub or a bundle; on the hub yet (pushed or pulled).
  origin TEXT NOT NULL CHECK (origin IN ('local', 'hub', 'bundle')),
  on_hub INTEGER NOT NULL DEFAULT 0 CHECK (on_hub IN (0, 1))
) STRICT;
CREATE INDEX operations_record ON operations(aggregate, record_id, field);
CREATE INDEX operations_unpushed ON operations(seq) WHERE on_hub = 0;
CREATE INDEX operations_batch ON operations(batch_id);
-- Who refers to a record, by the value the operations set (a reference to a deleted record reads
-- as empty, so the table alone cannot say who will point at it again once it is restored).
CREATE INDEX operations_references ON operations(field, after_json) WHERE field LIKE '%\_id' ESCAPE '\' OR field = 'near_duplicate_of';
-- Records claiming a unique name.
CREATE INDEX operations_names ON operations(aggregate, field, lower(after_json)) WHERE field IN ('name', 'content_hash', 'sha256');

-- The clashes the operations hold now, as every replica with the same operations lists them.
CREATE TABLE clashes (
  aggregate TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('both_changed', 'edited_deleted', 'orphaned', 'duplicate')),
  kept_json TEXT,
  lost_json TEXT NOT NULL,
  PRIMARY KEY (aggregate, record_id, field, kind)
) STRICT;

-- Who made each audited change. (Who made a record is its creating operation's analyst.)
ALTER TABLE audit_log ADD COLUMN analyst_id TEXT;

-- Records changed since their operations were last written: filled by the triggers below, emptied
-- by the operation log in the same transaction (so no code path can change a case unrecorded).
CREATE TABLE sync_touched (
  aggregate TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (aggregate, record_id)
) STRICT;

CREATE TRIGGER originals_touched_insert AFTER INSERT ON originals BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('original', NEW.id); END;
CREATE TRIGGER originals_touched_update AFTER UPDATE ON originals BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('original', NEW.id); END;
CREATE TRIGGER originals_touched_delete AFTER DELETE ON originals BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('original', OLD.id); END;
CREATE TRIGGER documents_touched_insert AFTER INSERT ON documents BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('document', NEW.id); END;
CREATE TRIGGER documents_touched_update AFTER UPDATE ON documents BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('document', NEW.id); END;
CREATE TRIGGER documents_touched_delete AFTER DELETE ON documents BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('document', OLD.id); END;
CREATE TRIGGER parties_touched_insert AFTER INSERT ON parties BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('party', NEW.id); END;
CREATE TRIGGER parties_touched_update AFTER UPDATE ON parties BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('party', NEW.id); END;
CREATE TRIGGER parties_touched_delete AFTER DELETE ON parties BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('party', OLD.id); END;
CREATE TRIGGER sources_touched_insert AFTER INSERT ON sources BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('source', NEW.id); END;
CREATE TRIGGER sources_touched_update AFTER UPDATE ON sources BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('source', NEW.id); END;
CREATE TRIGGER sources_touched_delete AFTER DELETE ON sources BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('source', OLD.id); END;
CREATE TRIGGER issue_areas_touched_insert AFTER INSERT ON issue_areas BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('issue_area', NEW.id); END;
CREATE TRIGGER issue_areas_touched_update AFTER UPDATE ON issue_areas BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('issue_area', NEW.id); END;
CREATE TRIGGER issue_areas_touched_delete AFTER DELETE ON issue_areas BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('issue_area', OLD.id); END;
CREATE TRIGGER tags_touched_insert AFTER INSERT ON tags BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('tag', NEW.id); END;
CREATE TRIGGER tags_touched_update AFTER UPDATE ON tags BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('tag', NEW.id); END;
CREATE TRIGGER tags_touched_delete AFTER DELETE ON tags BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('tag', OLD.id); END;
CREATE TRIGGER plans_touched_insert AFTER INSERT ON plans BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan', NEW.id); END;
CREATE TRIGGER plans_touched_update AFTER UPDATE ON plans BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan', NEW.id); END;
CREATE TRIGGER plans_touched_delete AFTER DELETE ON plans BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan', OLD.id); END;
CREATE TRIGGER plan_versions_touched_insert AFTER INSERT ON plan_versions BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan_version', NEW.id); END;
CREATE TRIGGER plan_versions_touched_update AFTER UPDATE ON plan_versions BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan_version', NEW.id); END;
CREATE TRIGGER plan_versions_touched_delete AFTER DELETE ON plan_versions BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan_version', OLD.id); END;
CREATE TRIGGER plan_points_touched_insert AFTER INSERT ON plan_points BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan_point', NEW.id); END;
CREATE TRIGGER plan_points_touched_update AFTER UPDATE ON plan_points BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan_point', NEW.id); END;
CREATE TRIGGER plan_points_touched_delete AFTER DELETE ON plan_points BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('plan_point', OLD.id); END;
CREATE TRIGGER concessions_touched_insert AFTER INSERT ON concessions BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('concession', NEW.id); END;
CREATE TRIGGER concessions_touched_update AFTER UPDATE ON concessions BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('concession', NEW.id); END;
CREATE TRIGGER concessions_touched_delete AFTER DELETE ON concessions BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('concession', OLD.id); END;
CREATE TRIGGER annotations_touched_insert AFTER INSERT ON annotations BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('annotation', NEW.id); END;
CREATE TRIGGER annotations_touched_update AFTER UPDATE ON annotations BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('annotation', NEW.id); END;
CREATE TRIGGER annotations_touched_delete AFTER DELETE ON annotations BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('annotation', OLD.id); END;
CREATE TRIGGER concession_stances_touched_insert AFTER INSERT ON concession_stances BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('concession_stance', NEW.id); END;
CREATE TRIGGER concession_stances_touched_update AFTER UPDATE ON concession_stances BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('concession_stance', NEW.id); END;
CREATE TRIGGER concession_stances_touched_delete AFTER DELETE ON concession_stances BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('concession_stance', OLD.id); END;
CREATE TRIGGER analysts_touched_insert AFTER INSERT ON analysts BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('analyst', NEW.id); END;
CREATE TRIGGER analysts_touched_update AFTER UPDATE ON analysts BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('analyst', NEW.id); END;
CREATE TRIGGER analysts_touched_delete AFTER DELETE ON analysts BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('analyst', OLD.id); END;
CREATE TRIGGER document_bands_touched_insert AFTER INSERT ON document_bands BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('document', NEW.document_id); END;
CREATE TRIGGER document_bands_touched_delete AFTER DELETE ON document_bands BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('document', OLD.document_id); END;
CREATE TRIGGER party_aliases_touched_insert AFTER INSERT ON party_aliases BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('party', NEW.party_id); END;
CREATE TRIGGER party_aliases_touched_delete AFTER DELETE ON party_aliases BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('party', OLD.party_id); END;
CREATE TRIGGER annotation_tags_touched_insert AFTER INSERT ON annotation_tags BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('annotation', NEW.annotation_id); END;
CREATE TRIGGER annotation_tags_touched_delete AFTER DELETE ON annotation_tags BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('annotation', OLD.annotation_id); END;

-- Audit rows carry this replica's analyst unless they name one (changes applied from others do).
CREATE TRIGGER audit_log_analyst AFTER INSERT ON audit_log WHEN NEW.analyst_id IS NULL BEGIN
  UPDATE audit_log SET analyst_id = (SELECT analyst_id FROM sync_state WHERE id = 1) WHERE seq = NEW.seq;
END;
