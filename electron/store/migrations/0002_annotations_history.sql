-- Parley evidence store, schema 2: undo/redo history and the indexes the annotation grid needs.

-- One row per user action (audit batch), so undo/redo can name it ("Edit 30 sources") and know
-- where it stands. 'done' batches form the undo stack, 'undone' ones the redo stack; a new change
-- turns the redo stack 'discarded'. Undo/redo batches themselves are history, never undone.
CREATE TABLE audit_batches (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('change','undo','redo')),
  undoable INTEGER NOT NULL CHECK (undoable IN (0,1)),
  state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done','undone','discarded')),
  -- for undo/redo batches: the batch they undid or redid
  target_batch_id TEXT
) STRICT;
CREATE INDEX audit_batches_stack ON audit_batches(undoable, state, seq);

-- Changes made before this schema carry no raw-row snapshots: history, but not undoable.
INSERT INTO audit_batches (batch_id, label, at, kind, undoable, state)
  SELECT batch_id, 'Earlier change', min(at), 'change', 0, 'done' FROM audit_log GROUP BY batch_id ORDER BY min(seq);

-- The annotation grid pages and sorts 100,000+ rows server-side.
CREATE INDEX annotations_created_at ON annotations(created_at);
CREATE INDEX annotations_updated_at ON annotations(updated_at);
CREATE INDEX annotations_type_created_at ON annotations(type, created_at);

-- Every reference column gets an index: deletes and merges move or null references explicitly.
CREATE INDEX annotations_publisher_source_id ON annotations(publisher_source_id);
CREATE INDEX annotations_stance_party_id ON annotations(stance_party_id);
CREATE INDEX concession_stances_party_id ON concession_stances(party_id);
CREATE INDEX concession_stances_annotation_id ON concession_stances(annotation_id);
CREATE INDEX concessions_conceding_party_id ON concessions(conceding_party_id);
CREATE INDEX concessions_beneficiary_party_id ON concessions(beneficiary_party_id);
CREATE INDEX concessions_proposed_by_party_id ON concessions(proposed_by_party_id);
CREATE INDEX plans_proposed_by_party_id ON plans(proposed_by_party_id);
CREATE INDEX parties_affiliation_id ON parties(affiliation_id);
CREATE INDEX annotation_tags_tag_id ON annotation_tags(tag_id);

-- Substring search over quotes and notes (the grid's search box) without scanning every row.
CREATE VIRTUAL TABLE annotations_fts USING fts5(
  exact, note,
  content='annotations', content_rowid='rowid',
  tokenize='trigram'
);
INSERT INTO annotations_fts(annotations_fts) VALUES ('rebuild');
CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
  INSERT INTO annotations_fts(rowid, exact, note) VALUES (new.rowid, new.exact, new.note);
END;
CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, note) VALUES ('delete', old.rowid, old.exact, old.note);
END;
CREATE TRIGGER annotations_fts_update AFTER UPDATE OF exact, note ON annotations BEGIN
  INSERT INTO annotations_fts(annotations_fts, rowid, exact, note) VALUES ('delete', old.rowid, old.exact, old.note);
  INSERT INTO annotations_fts(rowid, exact, note) VALUES (new.rowid, new.exact, new.note);
END;
