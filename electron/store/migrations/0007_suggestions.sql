-- Parley evidence store, schema 7: suggestions (what Parley proposes for an article) and the
-- analyst's rejections of them.
--
-- suggestions is LOCAL-ONLY: no operation-log triggers. A pending suggestion is machine output that
-- every replica recomputes from the same text and case knowledge, so sending it would only double
-- the work and make two analysts' queues fight over rows nobody wrote. What an accepted suggestion
-- becomes (an annotation, and any source, party or concession made for it) is an ordinary audited
-- record and travels like every other. A suggestion is accepted while its annotation exists: undoing
-- the accept removes the annotation and the suggestion reads as pending again (and redo accepts it
-- again), so suggestions need no audit rows of their own.
CREATE TABLE suggestions (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('party', 'attribution', 'concession')),
  -- The rejection memory's key (kind:normalised text) and the text it rests on, for the queue.
  key TEXT NOT NULL,
  text TEXT NOT NULL,
  -- [{start, end, exact, prefix, suffix}]: the span(s) it rests on, UTF-16 offsets into the text.
  spans_json TEXT NOT NULL,
  -- The engine's proposal as it made it (electron/suggest/types.ts).
  payload_json TEXT NOT NULL,
  confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
  -- The rule (or model) that made it, e.g. quote:speaker-after.
  rule TEXT NOT NULL,
  -- The first annotation accepting it made (no foreign key: undo deletes it and redo brings it back).
  annotation_id TEXT,
  anchor_status TEXT NOT NULL DEFAULT 'anchored' CHECK (anchor_status IN ('anchored', 'reanchored', 'orphan')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX suggestions_document ON suggestions(document_id, state);
CREATE INDEX suggestions_state ON suggestions(state, kind, confidence);

-- The rejection memory: a suggestion the analyst rejected is not proposed again in that document.
-- This one TRAVELS (operation-log triggers, electron/store/sync-schema.ts): a rejection is the
-- analyst's judgement, like an annotation, and a colleague re-running suggestions on the shared
-- case should not be offered what was already turned down. No foreign key on document_id: the row
-- arrives by sync in any order, and one left by a deleted document is harmless.
CREATE TABLE suggestion_rejections (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('party', 'attribution', 'concession')),
  key TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX suggestion_rejections_document ON suggestion_rejections(document_id, kind, key);

CREATE TRIGGER suggestion_rejections_touched_insert AFTER INSERT ON suggestion_rejections BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('suggestion_rejection', NEW.id); END;
CREATE TRIGGER suggestion_rejections_touched_update AFTER UPDATE ON suggestion_rejections BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('suggestion_rejection', NEW.id); END;
CREATE TRIGGER suggestion_rejections_touched_delete AFTER DELETE ON suggestion_rejections BEGIN INSERT OR IGNORE INTO sync_touched VALUES ('suggestion_rejection', OLD.id); END;
