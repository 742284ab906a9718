-- A district's own time limits for a category, over the deployment's in cases_categories (which only a global
-- administrator changes); a limit left NULL follows the deployment's.
CREATE TABLE cases_category_limits (
  category_code text NOT NULL REFERENCES cases_categories (code),
  district_path ltree NOT NULL,
  respond_hours integer CHECK (respond_hours > 0),
  handle_workdays integer CHECK (handle_workdays > 0),
  updated_by bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (category_code, district_path)
);
