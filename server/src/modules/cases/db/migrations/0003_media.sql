-- Photos and voice notes: uploaded first (checked by their bytes), then attached to a report or an action.
CREATE TABLE cases_media (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('photo', 'voice')),
  mime text NOT NULL,
  bytes integer NOT NULL,
  file_key text NOT NULL,
  thumb_key text,
  width integer,
  height integer,
  uploaded_by bigint NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  case_id bigint REFERENCES cases_cases (id),
  timeline_id bigint REFERENCES cases_timeline (id)
);
CREATE INDEX cases_media_case_idx ON cases_media (case_id);
