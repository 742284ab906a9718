-- Why an import failed, in both languages, and when it last moved: an import no instance has moved for a while was
-- left behind by a crash, and is failed at the next start rather than shown as running for ever.
ALTER TABLE registry_imports
  ADD COLUMN failure_zh text,
  ADD COLUMN failure_en text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX registry_imports_unfinished_idx ON registry_imports (updated_at) WHERE status IN ('checking', 'importing');
