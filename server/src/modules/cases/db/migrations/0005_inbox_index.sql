-- the newest cases first, for inboxes over a whole district (no status or scope to narrow them)
CREATE INDEX cases_cases_reported_idx ON cases_cases (reported_at DESC, id DESC);
