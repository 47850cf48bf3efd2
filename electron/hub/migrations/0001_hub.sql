-- Parley team hub, schema 1: shared cases, their members, operation logs and blobs.
-- Applied by `parley hub init` inside schema parley_hub (the runner sets search_path). The role
-- that runs it owns these tables and administers the hub (owners bypass row-level security).
-- Analysts connect as their own PostgreSQL roles, members of parley_analyst; row-level security
-- shows each of them only the cases they are a member of, whatever client they use.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parley_analyst') THEN
    CREATE ROLE parley_analyst NOLOGIN;
  END IF;
END
$$;

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  created_by text NOT NULL DEFAULT current_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The sharer becomes the case's first owner (see add_creator below).
  creator_analyst_id uuid NOT NULL,
  creator_name text NOT NULL CHECK (length(creator_name) BETWEEN 1 AND 200)
);

CREATE TABLE members (
  case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  role_name text NOT NULL CHECK (length(role_name) BETWEEN 1 AND 63),
  -- The analyst's stable id in the case (operations carry it) and the name shown on their work.
  analyst_id uuid NOT NULL,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  access text NOT NULL CHECK (access IN ('owner', 'editor', 'reader')),
  added_by text NOT NULL DEFAULT current_user,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, role_name),
  UNIQUE (case_id, analyst_id)
);
CREATE INDEX members_role_name ON members(role_name);

-- The operation log: append-only. seq is the hub's order within a case, gapless and assigned
-- under a per-case lock (assign_sequence), so a row with a higher seq is never visible before
-- one with a lower seq: pulling "after seq N" misses nothing.
CREATE TABLE operations (
  case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  op_id uuid NOT NULL UNIQUE,
  analyst_id uuid NOT NULL,
  pushed_by text NOT NULL DEFAULT current_user,
  pushed_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL CHECK (hlc ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{6}$'),
  aggregate text NOT NULL CHECK (length(aggregate) BETWEEN 1 AND 64),
  record_id text NOT NULL CHECK (length(record_id) BETWEEN 1 AND 100),
  field text NOT NULL CHECK (length(field) BETWEEN 1 AND 64),
  kind text NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
  -- JSON text, not jsonb: kept exactly as written (jsonb would refuse \u0000 in a string).
  before text,
  after text,
  base uuid[] NOT NULL DEFAULT '{}',
  batch_id uuid NOT NULL,
  UNIQUE (case_id, seq)
);

-- Originals and other blobs, content-addressed: stored once per case, checked by the server.
-- Kept per case (not across cases) so that no one learns what another case holds.
CREATE TABLE blobs (
  case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  bytes bytea NOT NULL,
  pushed_by text NOT NULL DEFAULT current_user,
  pushed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, sha256),
  CHECK (size = length(bytes) AND encode(sha256(bytes), 'hex') = sha256)
);

-- The caller's own memberships. A view runs with its owner's rights (the admin, who bypasses
-- row-level security) while current_user stays the caller: policies can ask "is the caller a
-- member?" without a policy on members consulting members (which PostgreSQL refuses as recursion).
-- security_barrier: a caller's own functions in a WHERE clause cannot see the rows filtered out.
CREATE VIEW my_cases WITH (security_barrier) AS
  SELECT case_id, access, analyst_id, display_name FROM members WHERE role_name = current_user;

-- SECURITY DEFINER: the latest seq is found through the index; under the caller's row-level
-- security every insert would scan the case's log. It reads one number and writes only NEW.seq.
CREATE FUNCTION assign_sequence() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- One pusher per case at a time: the lock is held until commit, so sequence order is commit order.
  PERFORM pg_advisory_xact_lock(hashtextextended('parley_hub.operations:' || NEW.case_id::text, 0));
  NEW.seq := coalesce((SELECT seq FROM parley_hub.operations WHERE case_id = NEW.case_id ORDER BY seq DESC LIMIT 1), 0) + 1;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION assign_sequence() FROM PUBLIC;
CREATE TRIGGER operations_sequence BEFORE INSERT ON operations FOR EACH ROW EXECUTE FUNCTION assign_sequence();

CREATE FUNCTION stamp_pusher() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.pushed_by := current_user;
  NEW.pushed_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER blobs_pusher BEFORE INSERT ON blobs FOR EACH ROW EXECUTE FUNCTION stamp_pusher();
CREATE TRIGGER operations_pusher BEFORE INSERT ON operations FOR EACH ROW EXECUTE FUNCTION stamp_pusher();

CREATE FUNCTION stamp_creator() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.created_by := current_user;
  NEW.created_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER cases_creator BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION stamp_creator();

-- The sharer of a case becomes its owner. SECURITY DEFINER: written with the admin's rights,
-- as no analyst may insert a membership of a case they do not own yet.
CREATE FUNCTION add_creator() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO parley_hub.members (case_id, role_name, analyst_id, display_name, access, added_by)
  VALUES (NEW.id, NEW.created_by, NEW.creator_analyst_id, NEW.creator_name, 'owner', NEW.created_by);
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION add_creator() FROM PUBLIC;
CREATE TRIGGER cases_owner AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION add_creator();

-- A member is a PostgreSQL role the hub knows as an analyst; a case keeps at least one owner.
CREATE FUNCTION check_member() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = NEW.role_name)
       OR NOT pg_has_role(NEW.role_name, 'parley_analyst', 'MEMBER') THEN
      RAISE EXCEPTION 'role "%" is not a Parley analyst on this hub', NEW.role_name
        USING ERRCODE = 'P0001', HINT = 'The hub administrator runs: GRANT parley_analyst TO <role>';
    END IF;
  END IF;
  -- (A case being deleted by the admin takes its members with it.)
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.access = 'owner'
     AND (TG_OP = 'DELETE' OR NEW.access <> 'owner')
     AND EXISTS (SELECT 1 FROM parley_hub.cases WHERE id = OLD.case_id)
     AND NOT EXISTS (SELECT 1 FROM parley_hub.members
                     WHERE case_id = OLD.case_id AND access = 'owner' AND role_name <> OLD.role_name) THEN
    RAISE EXCEPTION 'a case keeps at least one owner' USING ERRCODE = 'P0002';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER members_check BEFORE INSERT OR UPDATE OR DELETE ON members FOR EACH ROW EXECUTE FUNCTION check_member();

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
ALTER TABLE operations ENABLE ROW LEVEL SECURITY;
ALTER TABLE blobs ENABLE ROW LEVEL SECURITY;

CREATE POLICY cases_read ON cases FOR SELECT USING (id IN (SELECT case_id FROM my_cases));
CREATE POLICY cases_share ON cases FOR INSERT WITH CHECK (created_by = current_user);
CREATE POLICY cases_rename ON cases FOR UPDATE
  USING (id IN (SELECT case_id FROM my_cases WHERE access = 'owner'))
  WITH CHECK (id IN (SELECT case_id FROM my_cases WHERE access = 'owner'));

CREATE POLICY members_read ON members FOR SELECT USING (case_id IN (SELECT case_id FROM my_cases));
CREATE POLICY members_add ON members FOR INSERT WITH CHECK (case_id IN (SELECT case_id FROM my_cases WHERE access = 'owner'));
CREATE POLICY members_change ON members FOR UPDATE
  USING (case_id IN (SELECT case_id FROM my_cases WHERE access = 'owner'))
  WITH CHECK (case_id IN (SELECT case_id FROM my_cases WHERE access = 'owner'));
CREATE POLICY members_remove ON members FOR DELETE USING (case_id IN (SELECT case_id FROM my_cases WHERE access = 'owner'));

CREATE POLICY operations_read ON operations FOR SELECT USING (case_id IN (SELECT case_id FROM my_cases));
CREATE POLICY operations_push ON operations FOR INSERT
  WITH CHECK (case_id IN (SELECT case_id FROM my_cases WHERE access IN ('owner', 'editor')) AND pushed_by = current_user);

CREATE POLICY blobs_read ON blobs FOR SELECT USING (case_id IN (SELECT case_id FROM my_cases));
CREATE POLICY blobs_push ON blobs FOR INSERT
  WITH CHECK (case_id IN (SELECT case_id FROM my_cases WHERE access IN ('owner', 'editor')) AND pushed_by = current_user);

-- Analysts read and append; only the admin (the owner of these tables) rewrites or deletes history.
GRANT USAGE ON SCHEMA parley_hub TO parley_analyst;
GRANT SELECT ON schema_migrations TO parley_analyst;
GRANT SELECT ON my_cases TO parley_analyst;
GRANT SELECT, INSERT ON cases TO parley_analyst;
GRANT UPDATE (name) ON cases TO parley_analyst;
GRANT SELECT, INSERT, DELETE ON members TO parley_analyst;
GRANT UPDATE (display_name, access) ON members TO parley_analyst;
GRANT SELECT, INSERT ON operations TO parley_analyst;
GRANT SELECT, INSERT ON blobs TO parley_analyst;
