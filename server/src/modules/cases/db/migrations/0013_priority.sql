-- 分级响应: every case is urgent (紧急), important (重要) or normal (一般). A category gives the default and the limits
-- of a normal case, a new one among them for dispatch (派遣, hours from acceptance); a case of higher priority gets a
-- share of each (domain/priority.ts). A district may set its own dispatch hours as it sets the other limits.
ALTER TABLE cases_categories ADD COLUMN default_priority text NOT NULL DEFAULT 'normal'
  CHECK (default_priority IN ('urgent', 'important', 'normal'));
ALTER TABLE cases_categories ADD COLUMN dispatch_hours integer NOT NULL DEFAULT 2 CHECK (dispatch_hours > 0);
ALTER TABLE cases_category_limits ADD COLUMN dispatch_hours integer CHECK (dispatch_hours > 0);

-- a fire and what may start one are not left waiting behind everyday matters
UPDATE cases_categories SET default_priority = 'urgent', dispatch_hours = 1 WHERE code = 'S08';
UPDATE cases_categories SET default_priority = 'important', dispatch_hours = 1 WHERE code IN ('S04', 'S0401', 'C0104');

ALTER TABLE cases_cases ADD COLUMN priority text NOT NULL DEFAULT 'normal'
  CHECK (priority IN ('urgent', 'important', 'normal'));
-- set when the case is accepted; an accepted case not dispatched by then escalates like any late step
ALTER TABLE cases_cases ADD COLUMN dispatch_due_at timestamptz;

-- every inbox lists urgent first, then important, then normal, each by the deadline of the step it waits for
CREATE INDEX cases_cases_inbox_order_idx ON cases_cases (
  (CASE priority WHEN 'urgent' THEN 0 WHEN 'important' THEN 1 ELSE 2 END),
  (CASE status WHEN 'reported' THEN respond_due_at WHEN 'accepted' THEN dispatch_due_at ELSE due_at END),
  reported_at DESC, id DESC);
