-- 智慧消防: devices, their live state, telemetry, alarms with their lifecycle, the escalation chain, fire service centres.
CREATE TABLE iot_devices (
  id bigserial PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{4,64}$'),
  kind text NOT NULL CHECK (kind IN ('smoke', 'heat', 'combined', 'ebike_charger', 'electrical', 'water_pressure')),
  -- GB 4716 class of a heat detector and whether it also reacts to the rate of rise (R) or only statically (S)
  heat_class text CHECK (heat_class IN ('A1', 'A2', 'B', 'C', 'D', 'E', 'F', 'G')),
  heat_mode text CHECK (heat_mode IN ('S', 'R')),
  building_id bigint,
  floor smallint,
  room text,
  venue_id bigint,
  address text NOT NULL DEFAULT '',
  location geometry(Point, 4326) NOT NULL,
  grid_code text NOT NULL,
  grid_path ltree NOT NULL,
  owner_name text NOT NULL,
  contact_enc text,
  contact_masked text,
  heartbeat_seconds integer NOT NULL DEFAULT 3600 CHECK (heartbeat_seconds BETWEEN 10 AND 172800),
  secret_hash text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX iot_devices_grid_path_gist ON iot_devices USING gist (grid_path);
CREATE INDEX iot_devices_building_idx ON iot_devices (building_id, floor);

-- Latest state, written in batches from memory: losing the last second of heartbeats in a crash costs nothing,
-- the next heartbeat tells the same.
CREATE TABLE iot_device_state (
  device_id bigint PRIMARY KEY REFERENCES iot_devices (id) ON DELETE CASCADE,
  last_seen_at timestamptz NOT NULL,
  battery smallint,
  signal smallint,
  online boolean NOT NULL,
  last_values jsonb NOT NULL DEFAULT '{}'
);

-- Telemetry history, one partition a month (created ahead by the ingestion), a default partition so a device
-- with a wrong clock can never make an insert fail.
CREATE TABLE iot_telemetry (
  device_id bigint NOT NULL,
  received_at timestamptz NOT NULL,
  device_time timestamptz,
  values jsonb NOT NULL
) PARTITION BY RANGE (received_at);
CREATE TABLE iot_telemetry_default PARTITION OF iot_telemetry DEFAULT;
CREATE INDEX iot_telemetry_device_idx ON iot_telemetry (device_id, received_at DESC);

CREATE TABLE iot_dead_letters (
  id bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL,
  topic text NOT NULL,
  payload text NOT NULL,
  reason text NOT NULL
);

-- 消防服务中心: the identity org it is, and where it stands, so the nearest one is alerted first.
CREATE TABLE iot_fire_centres (
  org_code text PRIMARY KEY,
  name text NOT NULL,
  location geometry(Point, 4326) NOT NULL
);
CREATE INDEX iot_fire_centres_location_gist ON iot_fire_centres USING gist (location);

-- Two or more detectors of one building floor in alarm within the window: a confirmed fire.
CREATE TABLE iot_fire_incidents (
  id bigserial PRIMARY KEY,
  building_id bigint NOT NULL,
  floor smallint,
  grid_path ltree NOT NULL,
  confirmed_at timestamptz NOT NULL DEFAULT now(),
  case_id bigint,
  closed_at timestamptz
);

CREATE TABLE iot_alarms (
  id bigserial PRIMARY KEY,
  device_id bigint NOT NULL REFERENCES iot_devices (id),
  type text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
  fire boolean NOT NULL,
  building_id bigint,
  floor smallint,
  grid_path ltree NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  device_time timestamptz,
  last_at timestamptz NOT NULL DEFAULT now(),
  repeats integer NOT NULL DEFAULT 0,
  value jsonb NOT NULL DEFAULT '{}',
  acknowledged_at timestamptz,
  acknowledged_by bigint,
  real_fire boolean,
  arrived_at timestamptz,
  cleared_at timestamptz,
  cleared_by text,
  classification text CHECK (classification IN ('real_fire', 'false_alarm', 'test', 'fault')),
  closed_at timestamptz,
  closed_by bigint,
  note text,
  incident_id bigint REFERENCES iot_fire_incidents (id),
  case_id bigint,
  escalation_step smallint NOT NULL DEFAULT -1,
  next_escalation_at timestamptz,
  status text GENERATED ALWAYS AS (
    CASE
      WHEN closed_at IS NOT NULL THEN 'closed'
      WHEN cleared_at IS NULL AND acknowledged_at IS NULL THEN 'active_unack'
      WHEN cleared_at IS NULL THEN 'active_ack'
      WHEN acknowledged_at IS NULL THEN 'cleared_unack'
      ELSE 'cleared_ack'
    END
  ) STORED
);
-- One alarm per device and type while it is active: repeats update it.
CREATE UNIQUE INDEX iot_alarms_active_uq ON iot_alarms (device_id, type) WHERE cleared_at IS NULL;
CREATE INDEX iot_alarms_open_idx ON iot_alarms (raised_at DESC) WHERE closed_at IS NULL;
CREATE INDEX iot_alarms_grid_path_gist ON iot_alarms USING gist (grid_path);
CREATE INDEX iot_alarms_due_idx ON iot_alarms (next_escalation_at) WHERE next_escalation_at IS NOT NULL;
CREATE INDEX iot_alarms_building_idx ON iot_alarms (building_id, floor) WHERE cleared_at IS NULL;

-- Every step of the chain, as it was sent: who was alerted, why, when.
CREATE TABLE iot_escalations (
  id bigserial PRIMARY KEY,
  alarm_id bigint NOT NULL REFERENCES iot_alarms (id),
  step text NOT NULL CHECK (step IN ('fire_centre', 'rapid_response', 'grid_worker', 'street_duty', 'fire_119', 'owner')),
  target text NOT NULL,
  target_name text NOT NULL,
  recipients integer NOT NULL DEFAULT 0,
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX iot_escalations_alarm_idx ON iot_escalations (alarm_id, sent_at);

-- Rule settings an administrator may change; what is not set here comes from the standards' presets in code.
CREATE TABLE iot_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint
);
