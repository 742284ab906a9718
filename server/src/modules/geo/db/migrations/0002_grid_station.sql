-- 网格工作站: where a grid's team can be found (the poster with the QR code hangs there), shown on the card the QR
-- code opens. Optional: a grid without a station of its own shows none rather than a made-up one.
ALTER TABLE geo_grids ADD COLUMN station_name text CHECK (length(station_name) BETWEEN 1 AND 100);
ALTER TABLE geo_grids ADD COLUMN station_address text CHECK (length(station_address) <= 200);
ALTER TABLE geo_grids ADD COLUMN station_hours text CHECK (length(station_hours) <= 100);
