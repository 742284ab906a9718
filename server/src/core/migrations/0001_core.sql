CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Who did what, when: sign-ins and administrative changes. Append-only by convention and by privilege.
CREATE TABLE core_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint,
  actor_name text,
  action text NOT NULL,
  subject text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text,
  request_id text
);
CREATE INDEX core_audit_at_idx ON core_audit (at DESC);
CREATE INDEX core_audit_action_idx ON core_audit (action, at DESC);
