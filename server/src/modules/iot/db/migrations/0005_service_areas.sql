-- A fire service centre serves a district or some of its streets, not whatever is nearest in any city; and a
-- confirmed fire now also reaches the command centre, recorded as a step of its own.
ALTER TABLE iot_fire_centres ADD COLUMN service_paths ltree[] NOT NULL DEFAULT '{}';
CREATE INDEX iot_fire_centres_service_gist ON iot_fire_centres USING gist (service_paths);
ALTER TABLE iot_escalations DROP CONSTRAINT iot_escalations_step_check;
ALTER TABLE iot_escalations ADD CONSTRAINT iot_escalations_step_check
  CHECK (step IN ('fire_centre', 'command_centre', 'rapid_response', 'grid_worker', 'street_duty', 'fire_119', 'owner'));
