-- An incident is one fire at one place: the fire alarms of a building (else a venue, else the lone device) group
-- into it while it is open, so the board, the escalation chain, 119 and the case follow the fire, not each detector.
-- It is made unconfirmed by its first alarm; a person acknowledging a real fire, or the two-detector rule, confirms it.
ALTER TABLE iot_fire_incidents ALTER COLUMN building_id DROP NOT NULL;
ALTER TABLE iot_fire_incidents ALTER COLUMN confirmed_at DROP NOT NULL;
ALTER TABLE iot_fire_incidents ALTER COLUMN confirmed_at DROP DEFAULT;
ALTER TABLE iot_fire_incidents ADD COLUMN place text;
ALTER TABLE iot_fire_incidents ADD COLUMN opened_at timestamptz;
ALTER TABLE iot_fire_incidents ADD COLUMN last_alarm_at timestamptz;
ALTER TABLE iot_fire_incidents ADD COLUMN confirmed_by text CHECK (confirmed_by IN ('two_detectors', 'person'));
ALTER TABLE iot_fire_incidents ADD COLUMN acknowledged_at timestamptz;
-- the incidents made before were all confirmed by two detectors of one floor
UPDATE iot_fire_incidents SET place = 'building:' || building_id, opened_at = confirmed_at,
  last_alarm_at = confirmed_at, confirmed_by = 'two_detectors';
ALTER TABLE iot_fire_incidents ALTER COLUMN place SET NOT NULL;
ALTER TABLE iot_fire_incidents ALTER COLUMN opened_at SET NOT NULL;
ALTER TABLE iot_fire_incidents ALTER COLUMN last_alarm_at SET NOT NULL;
CREATE INDEX iot_fire_incidents_place_idx ON iot_fire_incidents (place, id DESC) WHERE closed_at IS NULL;
CREATE INDEX iot_fire_incidents_grid_path_gist ON iot_fire_incidents USING gist (grid_path);
CREATE INDEX iot_alarms_incident_idx ON iot_alarms (incident_id) WHERE incident_id IS NOT NULL;
