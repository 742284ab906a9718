-- 回访: every rating a case receives is kept, one row each, so a rating given before a reopen still counts in the
-- satisfaction rate and the resolution rate comes from the question asked with it (已解决 / 未解决). The resident
-- answers on the phone, or a hotline operator records what the resident said on a call.
CREATE TABLE cases_ratings (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases_cases (id),
  rating text NOT NULL CHECK (rating IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
  -- NULL only on ratings copied from before the question was asked (backfilled); the rate action always sets it
  resolved boolean,
  comment text,
  rated_by bigint,
  rated_by_kind text NOT NULL CHECK (rated_by_kind IN ('resident', 'operator')),
  rated_at timestamptz NOT NULL DEFAULT now(),
  backfilled boolean NOT NULL DEFAULT false,
  CHECK (resolved IS NOT NULL OR backfilled)
);
CREATE INDEX cases_ratings_case_idx ON cases_ratings (case_id, rated_at);
CREATE INDEX cases_ratings_rated_at_idx ON cases_ratings (rated_at);

-- The timeline holds every rating ever given, including those a later rating overwrote on cases_cases.
INSERT INTO cases_ratings (case_id, rating, resolved, comment, rated_by, rated_by_kind, rated_at, backfilled)
SELECT t.case_id, t.detail->>'rating', NULL, NULLIF(t.note, ''), t.actor_id,
       CASE WHEN t.actor_role = 'resident' THEN 'resident' ELSE 'operator' END, t.at, true
FROM cases_timeline t
WHERE t.action = 'rate' AND t.detail->>'rating' IN ('satisfied', 'basically_satisfied', 'unsatisfied');

-- A rating written without its timeline row (bulk-loaded data) is kept too, dated at its case's closing.
INSERT INTO cases_ratings (case_id, rating, resolved, comment, rated_by, rated_by_kind, rated_at, backfilled)
SELECT c.id, c.rating, NULL, c.rating_comment, c.reporter_id,
       CASE WHEN c.source = 'resident' THEN 'resident' ELSE 'operator' END, COALESCE(c.closed_at, c.reported_at), true
FROM cases_cases c
WHERE c.rating IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases_ratings r WHERE r.case_id = c.id);

-- The response limit runs from the report, not from the acceptance (GB/T 30428, 12345 响应时限).
UPDATE cases_cases c SET respond_due_at = c.reported_at + k.respond_hours * interval '1 hour'
FROM cases_categories k
WHERE k.code = c.category_code AND c.respond_due_at IS NOT NULL;
