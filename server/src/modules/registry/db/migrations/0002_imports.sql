-- An agency's spreadsheet of residents, imported in the background with its progress, errors and review list.
CREATE TABLE registry_imports (
  id bigserial PRIMARY KEY,
  file_name text NOT NULL,
  file_key text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('all_or_nothing', 'valid_only')),
  status text NOT NULL CHECK (status IN ('checking', 'importing', 'done', 'rejected', 'failed')),
  total_rows integer NOT NULL DEFAULT 0,
  processed_rows integer NOT NULL DEFAULT 0,
  imported_rows integer NOT NULL DEFAULT 0,
  duplicate_rows integer NOT NULL DEFAULT 0,
  error_rows integer NOT NULL DEFAULT 0,
  unmatched_rows integer NOT NULL DEFAULT 0,
  created_by bigint NOT NULL,
  scope_path ltree NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

-- one row per bad cell, named by row and column, for the downloadable error report
CREATE TABLE registry_import_errors (
  import_id bigint NOT NULL REFERENCES registry_imports (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  column_name text NOT NULL,
  message_zh text NOT NULL,
  message_en text NOT NULL
);
CREATE INDEX registry_import_errors_idx ON registry_import_errors (import_id, row_number);

-- rows whose address matched no building: kept for a person to review, never guessed
CREATE TABLE registry_import_unmatched (
  import_id bigint NOT NULL REFERENCES registry_imports (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  address text NOT NULL,
  name text NOT NULL
);
