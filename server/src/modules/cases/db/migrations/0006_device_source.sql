-- A confirmed fire or a standing device fault opens a case by itself: its source is the device system.
ALTER TABLE cases_cases DROP CONSTRAINT cases_cases_source_check;
ALTER TABLE cases_cases ADD CONSTRAINT cases_cases_source_check
  CHECK (source IN ('resident', 'grid_worker', 'hotline', 'api', 'event', 'device'));
