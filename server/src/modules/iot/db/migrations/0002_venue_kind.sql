-- The kind of venue a device guards (a 九小场所 kind, enterprise, school …), copied from the registry at
-- registration, so the statistics can compare venue kinds without reading the registry's tables.
ALTER TABLE iot_devices ADD COLUMN venue_kind text;
CREATE INDEX iot_devices_venue_idx ON iot_devices (venue_id);
