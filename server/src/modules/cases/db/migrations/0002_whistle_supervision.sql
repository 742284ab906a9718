-- 吹哨: a community or street calls departments onto a case, one lead and helpers, with a report-in deadline.
CREATE TABLE cases_whistles (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases_cases (id),
  called_by bigint NOT NULL,
  called_at timestamptz NOT NULL DEFAULT now(),
  report_in_due_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT ''
);
CREATE INDEX cases_whistles_case_idx ON cases_whistles (case_id);

-- 报到: each called department reports in, then handles its part; the lead's handling finishes the case.
CREATE TABLE cases_whistle_orgs (
  whistle_id bigint NOT NULL REFERENCES cases_whistles (id),
  org_code text NOT NULL,
  role text NOT NULL CHECK (role IN ('lead', 'helper')),
  reported_in_at timestamptz,
  reported_in_by bigint,
  part_done_at timestamptz,
  part_note text,
  PRIMARY KEY (whistle_id, org_code)
);
CREATE INDEX cases_whistle_orgs_org_idx ON cases_whistle_orgs (org_code) WHERE reported_in_at IS NULL;

-- 督办: overdue or important cases under a supervisor's eye, with notes; closed with the case.
CREATE TABLE cases_supervision (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases_cases (id),
  reason text NOT NULL CHECK (reason IN ('overdue', 'manual')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  opened_by bigint,
  closed_at timestamptz
);
CREATE UNIQUE INDEX cases_supervision_open_key ON cases_supervision (case_id) WHERE closed_at IS NULL;

CREATE TABLE cases_supervision_notes (
  id bigserial PRIMARY KEY,
  supervision_id bigint NOT NULL REFERENCES cases_supervision (id),
  at timestamptz NOT NULL DEFAULT now(),
  author_id bigint,
  author_name text NOT NULL,
  note text NOT NULL
);

-- an overdue case goes one level up, then again only if the upper level too lets its time pass
ALTER TABLE cases_cases ADD COLUMN escalated_at timestamptz;
ALTER TABLE cases_cases ADD COLUMN escalation_count integer NOT NULL DEFAULT 0;
