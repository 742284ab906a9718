-- A resident without an account may report with a contact number where the district allows it; each district says
-- whether it does. The number is sealed like any reporter's, and hears back by SMS.
ALTER TABLE cases_cases DROP CONSTRAINT cases_cases_source_check;
ALTER TABLE cases_cases ADD CONSTRAINT cases_cases_source_check
  CHECK (source IN ('resident', 'grid_worker', 'hotline', 'api', 'event', 'device', 'anonymous'));

CREATE TABLE cases_district_settings (
  district_code text PRIMARY KEY CHECK (district_code ~ '^[0-9]{6}$'),
  anonymous_reports boolean NOT NULL,
  updated_by bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who sent anonymous reports lately, by address and by keyed hash of the number: the limits read here.
CREATE TABLE cases_anonymous_senders (
  id bigserial PRIMARY KEY,
  ip text NOT NULL,
  phone_hash text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_anonymous_senders_ip_idx ON cases_anonymous_senders (ip, at DESC);
CREATE INDEX cases_anonymous_senders_phone_idx ON cases_anonymous_senders (phone_hash, at DESC);
