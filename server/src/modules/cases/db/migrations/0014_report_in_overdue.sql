-- 报到 has a deadline: a whistled department that lets it pass is put on the supervision board once per whistle,
-- the time it was found late kept on its row (the condition that makes the check run once across instances). The
-- periodic check reads only the rows still waiting, a handful, through the partial index.
ALTER TABLE cases_whistle_orgs ADD COLUMN escalated_at timestamptz;
CREATE INDEX cases_whistle_orgs_awaiting_idx ON cases_whistle_orgs (whistle_id)
  WHERE reported_in_at IS NULL AND escalated_at IS NULL;

-- the board says why a case is on it: late (overdue), a supervisor's order (manual), a department that did not
-- report in (report_in_overdue)
ALTER TABLE cases_supervision DROP CONSTRAINT cases_supervision_reason_check;
ALTER TABLE cases_supervision ADD CONSTRAINT cases_supervision_reason_check
  CHECK (reason IN ('overdue', 'manual', 'report_in_overdue'));
