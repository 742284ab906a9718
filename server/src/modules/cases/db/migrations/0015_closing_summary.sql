-- 处置总结: closing a case says what was done, why the problem arose and whether it may come back, so 问题溯源 can
-- count causes and list the places to watch. Kept on the case as data (a reopened case closed again replaces it; the
-- close's timeline row keeps each one as it was given).
ALTER TABLE cases_cases
  ADD COLUMN summary_measures text,
  ADD COLUMN summary_root_cause text CHECK (summary_root_cause IN
    ('facility_ageing', 'maintenance_lacking', 'management_gap', 'violation', 'neighbour_dispute', 'natural', 'other')),
  ADD COLUMN summary_root_cause_note text,
  ADD COLUMN summary_may_recur text CHECK (summary_may_recur IN ('yes', 'no', 'unknown'));

CREATE INDEX cases_cases_summary_idx ON cases_cases (closed_at) WHERE summary_root_cause IS NOT NULL;
