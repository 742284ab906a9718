-- Categories: a code tree of digital-urban-management classes (部件/事件) and community matters, each with its
-- handling level, department, time limits and whether closing needs on-site verification.
CREATE TABLE cases_categories (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{2,12}$'),
  parent_code text REFERENCES cases_categories (code),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('component', 'event', 'community')),
  default_level text NOT NULL CHECK (default_level IN ('grid', 'community', 'street', 'district', 'department')),
  -- a department key (identity's department kinds), used when the level is 'department'
  default_department text,
  respond_hours integer NOT NULL CHECK (respond_hours > 0),
  handle_workdays integer NOT NULL CHECK (handle_workdays > 0),
  needs_verification boolean NOT NULL DEFAULT true,
  active boolean NOT NULL DEFAULT true
);

CREATE SEQUENCE cases_number_seq;

CREATE TABLE cases_cases (
  id bigserial PRIMARY KEY,
  number text NOT NULL UNIQUE,
  source text NOT NULL CHECK (source IN ('resident', 'grid_worker', 'hotline', 'api', 'event')),
  category_code text NOT NULL REFERENCES cases_categories (code),
  status text NOT NULL,
  description text NOT NULL,
  address text NOT NULL DEFAULT '',
  location geometry(Point, 4326) NOT NULL,
  grid_code text NOT NULL,
  -- copy of the grid's path at report time: the case's own data scope
  grid_path ltree NOT NULL,
  reporter_id bigint,
  reporter_name text,
  reporter_phone_enc text,
  anonymous boolean NOT NULL DEFAULT false,
  level text CHECK (level IN ('grid', 'community', 'street', 'district', 'department')),
  -- the unit the case is assigned to: a region or grid path, or an org code for departments and teams
  assignee_path ltree,
  assignee_org text,
  status_before_suspension text,
  merged_into bigint REFERENCES cases_cases (id),
  reported_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  respond_due_at timestamptz,
  due_at timestamptz,
  dispatched_at timestamptz,
  handled_at timestamptz,
  closed_at timestamptz,
  extension_requested_days integer,
  extended boolean NOT NULL DEFAULT false,
  rework_count integer NOT NULL DEFAULT 0,
  reopened boolean NOT NULL DEFAULT false,
  rating text CHECK (rating IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
  rating_comment text,
  followup_due_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX cases_cases_grid_path_gist ON cases_cases USING gist (grid_path);
CREATE INDEX cases_cases_assignee_path_gist ON cases_cases USING gist (assignee_path);
CREATE INDEX cases_cases_location_gist ON cases_cases USING gist (location);
CREATE INDEX cases_cases_status_idx ON cases_cases (status, reported_at DESC);
CREATE INDEX cases_cases_reporter_idx ON cases_cases (reporter_id, reported_at DESC);
CREATE INDEX cases_cases_due_idx ON cases_cases (due_at) WHERE closed_at IS NULL;

-- Every action is one row, never edited: who, as what role, when, from which status to which, with a note.
CREATE TABLE cases_timeline (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases_cases (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint,
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text NOT NULL DEFAULT '',
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX cases_timeline_case_idx ON cases_timeline (case_id, id);

CREATE FUNCTION cases_timeline_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cases_timeline rows are immutable';
END;
$$;
CREATE TRIGGER cases_timeline_no_update BEFORE UPDATE OR DELETE ON cases_timeline
  FOR EACH ROW EXECUTE FUNCTION cases_timeline_immutable();

-- A retried report with the same Idempotency-Key from the same reporter returns the first case.
CREATE TABLE cases_idempotency (
  reporter_key text NOT NULL,
  idempotency_key text NOT NULL,
  case_id bigint NOT NULL REFERENCES cases_cases (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reporter_key, idempotency_key)
);
