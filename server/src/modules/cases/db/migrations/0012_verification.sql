-- 核查 is a second person's look: whoever handled a case may not verify it. The handler is kept on the case (the last
-- one, after any rework), and each district says who verifies: the grid's worker, community staff over the grid, or
-- either.
ALTER TABLE cases_cases ADD COLUMN handled_by bigint;
UPDATE cases_cases c SET handled_by = (
  SELECT t.actor_id FROM cases_timeline t WHERE t.case_id = c.id AND t.action = 'handle' ORDER BY t.id DESC LIMIT 1
) WHERE c.handled_at IS NOT NULL;

ALTER TABLE cases_district_settings ALTER COLUMN anonymous_reports SET DEFAULT true;
ALTER TABLE cases_district_settings ADD COLUMN verifier text NOT NULL DEFAULT 'grid_or_community'
  CHECK (verifier IN ('grid_worker', 'community_staff', 'grid_or_community'));
