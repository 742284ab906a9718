-- A district holds its own rule settings over the deployment's defaults, which stay under the empty path; and a
-- dead letter from a known device belongs to the device's area, one from an unknown sender to the deployment.
ALTER TABLE iot_settings ADD COLUMN district_path ltree NOT NULL DEFAULT '';
ALTER TABLE iot_settings DROP CONSTRAINT iot_settings_pkey;
ALTER TABLE iot_settings ADD PRIMARY KEY (key, district_path);
ALTER TABLE iot_dead_letters ADD COLUMN grid_path ltree;
CREATE INDEX iot_dead_letters_grid_path_gist ON iot_dead_letters USING gist (grid_path);
