-- Which modules have seeded this database, so demo data is generated once, on a module's first start.
CREATE TABLE core_seeds (
  module text PRIMARY KEY,
  demo text NOT NULL,
  report jsonb NOT NULL DEFAULT '{}'::jsonb,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
-- A database in use before seeds were recorded has had its first start, demo data and all.
INSERT INTO core_seeds (module, demo)
SELECT m, 'before-records' FROM unnest(ARRAY['geo', 'identity', 'cases', 'notify', 'open311', 'registry', 'iot']) AS m
WHERE EXISTS (SELECT 1 FROM core_schema_migrations WHERE id LIKE 'geo/%');
