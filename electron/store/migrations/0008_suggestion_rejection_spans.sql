-- Parley evidence store, schema 8: a rejection remembers where it was (span + kind), not only its
-- words, so the same words elsewhere in the article can still be proposed. Null for a party (the
-- party is rejected in the whole document) and for rejections made before this schema.
ALTER TABLE suggestion_rejections ADD COLUMN start_offset INTEGER CHECK (start_offset IS NULL OR start_offset >= 0);
ALTER TABLE suggestion_rejections ADD COLUMN end_offset INTEGER CHECK (end_offset IS NULL OR end_offset >= start_offset);
