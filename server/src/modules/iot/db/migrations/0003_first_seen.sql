-- A device counts as online from its registration (so one that never reports goes offline after its missed
-- heartbeats), but "last seen" means a message it sent: null until the first one arrives.
ALTER TABLE iot_device_state ADD COLUMN first_seen_at timestamptz;
