-- Administrative divisions (GB/T 2260 + 12-digit statistical codes); path is the chain of codes, so a data
-- scope is one indexed `<@` test.
CREATE TABLE geo_regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2,12}$'),
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'city', 'district', 'street', 'community')),
  kind text NOT NULL CHECK (kind IN ('province', 'city', 'district', 'street', 'town', 'zone', 'community', 'village')),
  parent_code text REFERENCES geo_regions (code),
  path ltree NOT NULL UNIQUE,
  boundary geometry(MultiPolygon, 4326),
  -- official: published boundary; derived: the union of its grids (recomputed after grid changes)
  boundary_source text CHECK (boundary_source IN ('official', 'derived')),
  center geometry(Point, 4326)
);
CREATE INDEX geo_regions_path_gist ON geo_regions USING gist (path);
CREATE INDEX geo_regions_parent_idx ON geo_regions (parent_code);
CREATE INDEX geo_regions_boundary_gist ON geo_regions USING gist (boundary);

-- 网格: code = community's 12-digit code + 3-digit sequence (as DB11/T 2157); path = community path + code.
CREATE TABLE geo_grids (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{15}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('residential', 'commercial', 'rural', 'enterprise', 'other')),
  community_code text NOT NULL REFERENCES geo_regions (code),
  path ltree NOT NULL UNIQUE,
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  bounds_text text NOT NULL DEFAULT '',
  merged_into text REFERENCES geo_grids (code) DEFERRABLE INITIALLY DEFERRED,
  area_m2 double precision NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (left(code, 12) = community_code),
  CHECK (merged_into IS NULL OR merged_into <> code)
);
CREATE INDEX geo_grids_geom_gist ON geo_grids USING gist (geom);
CREATE INDEX geo_grids_path_gist ON geo_grids USING gist (path);
CREATE INDEX geo_grids_community_idx ON geo_grids (community_code);

-- 五位一体: the grid's team. user_id links to identity when the member has an account (no FK across modules).
CREATE TABLE geo_grid_members (
  grid_code text NOT NULL REFERENCES geo_grids (code) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('grid_leader', 'grid_worker', 'part_time_grid_worker', 'police_officer', 'property_manager')),
  seq smallint NOT NULL DEFAULT 1,
  name text NOT NULL,
  user_id bigint,
  PRIMARY KEY (grid_code, role, seq)
);
