-- How each person wants to be reached beyond the app, and every attempt to reach them with its outcome.
CREATE TABLE notify_preferences (
  user_id bigint PRIMARY KEY,
  sms boolean NOT NULL DEFAULT true,
  -- minutes after midnight, China Standard Time; no SMS in between except for fire
  quiet_from smallint NOT NULL DEFAULT 1320 CHECK (quiet_from BETWEEN 0 AND 1439),
  quiet_to smallint NOT NULL DEFAULT 420 CHECK (quiet_to BETWEEN 0 AND 1439),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notify_deliveries (
  id bigserial PRIMARY KEY,
  message_id bigint NOT NULL REFERENCES notify_messages (id),
  channel text NOT NULL CHECK (channel IN ('sse', 'sms')),
  outcome text NOT NULL CHECK (outcome IN ('live', 'stored', 'sent', 'failed', 'no_phone', 'opted_out', 'quiet_hours')),
  detail text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notify_deliveries_message_idx ON notify_deliveries (message_id);
