-- Parley evidence store, schema 4: which earlier points a plan point continues.
--
-- A JSON array of plan_points ids from earlier versions of the same plan, confirmed by the analyst
-- when two versions are aligned: one id (kept or reworded), several (merged), an id shared with a
-- sibling (split); an empty array is a new point, and an earlier point no later one names was
-- dropped. It is a column of plan_points rather than a table of its own so it travels with the
-- point: plan_points already carries the operation-log triggers (migration 0003), so alignments
-- sync and merge like any other field of a point (the later edit wins, the clash is listed).
ALTER TABLE plan_points ADD COLUMN aligned_from TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aligned_from) AND json_type(aligned_from) = 'array');

-- A point's linked concessions (the plan view lists them per point) without scanning every concession.
CREATE INDEX concessions_plan_point_id ON concessions(plan_point_id);
