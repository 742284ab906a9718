-- Members of an organisation are the users whose org_code names it. A team's administrator says whether each works
-- full-time or part-time (the seed: 37 full-time and 25 part-time rapid-response members) and who is on duty now.
ALTER TABLE identity_users ADD COLUMN employment text NOT NULL DEFAULT 'full_time'
  CHECK (employment IN ('full_time', 'part_time'));
ALTER TABLE identity_users ADD COLUMN on_duty boolean NOT NULL DEFAULT false;
CREATE INDEX identity_users_org_idx ON identity_users (org_code) WHERE org_code IS NOT NULL;

-- The services a department owns (the seed: 43 integrated services), as names.
ALTER TABLE identity_orgs ADD COLUMN services text[] NOT NULL DEFAULT '{}';
