-- The working-day calendar deadlines are counted on, as data: each year's State Council arrangement (holidays and
-- make-up workdays), seeded from the chinese-days package and extended by an administrator who loads the yearly
-- notice. A year without a row here is counted on weekdays, and a deadline that crosses it is marked an estimate.
CREATE TABLE cases_calendar_years (
  year int PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
  source text NOT NULL CHECK (source IN ('package', 'notice')),
  -- the notice as loaded, for whoever checks it later against the published text
  notice text,
  loaded_by bigint,
  loaded_by_name text,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cases_calendar_days (
  day date PRIMARY KEY,
  -- the notice that set the day: 元旦 may begin on 31 December of the year before
  year int NOT NULL REFERENCES cases_calendar_years (year) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL
);
CREATE INDEX cases_calendar_days_year_idx ON cases_calendar_days (year);

ALTER TABLE cases_cases ADD COLUMN due_estimated boolean NOT NULL DEFAULT false;
