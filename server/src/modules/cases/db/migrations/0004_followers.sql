-- "Is it one of these?": a resident who meets the same problem follows the open case instead of filing another,
-- and hears back as its reporter does.
CREATE TABLE cases_followers (
  case_id bigint NOT NULL REFERENCES cases_cases (id),
  user_id bigint NOT NULL,
  followed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX cases_followers_user_idx ON cases_followers (user_id);
