-- Departments, rapid-response teams and other bodies that cases are dispatched and whistled to.
CREATE TABLE identity_orgs (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{6,12}-[a-z_]+$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('department', 'rapid_response_team', 'fire_service_centre', 'property_company', 'social_organisation')),
  -- the region the org serves: a district for departments, a street for a rapid-response team
  region_path ltree NOT NULL
);
CREATE INDEX identity_orgs_region_gist ON identity_orgs USING gist (region_path);

ALTER TABLE identity_users ADD COLUMN org_code text REFERENCES identity_orgs (code);
