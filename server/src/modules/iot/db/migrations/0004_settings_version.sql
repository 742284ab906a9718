-- Rule changes are compare-and-set: an administrator's edit made over an older version than the stored one is
-- refused instead of silently overwriting a colleague's.
ALTER TABLE iot_settings ADD COLUMN version integer NOT NULL DEFAULT 1;
