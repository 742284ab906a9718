-- Whom each step of a case or an alarm had to reach. A step that found nobody stays here as an error
-- (recipients = 0) for administrators to see, and the step it was raised to names it in raised_from.
CREATE TABLE notify_steps (
  id bigserial PRIMARY KEY,
  event_id bigint NOT NULL,
  subject text NOT NULL,
  step text NOT NULL,
  -- a unit's path or an organisation's code
  target text NOT NULL,
  target_name text NOT NULL,
  -- the grid the step is about: an administrator sees the steps inside their scope
  area_path ltree NOT NULL,
  recipients integer NOT NULL,
  raised_from text,
  at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, step, target)
);
CREATE INDEX notify_steps_unreached_idx ON notify_steps (at DESC) WHERE recipients = 0;
CREATE INDEX notify_steps_subject_idx ON notify_steps (subject, id);
