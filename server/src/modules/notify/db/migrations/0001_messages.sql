-- In-app messages: every step of a person's case reaches them here (件件有回音), and live over SSE when connected.
CREATE TABLE notify_messages (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  title_zh text NOT NULL,
  title_en text NOT NULL,
  subject text,
  read_at timestamptz
);
CREATE INDEX notify_messages_user_idx ON notify_messages (user_id, id DESC);
