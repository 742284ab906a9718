-- 小区 as an entity: filed under the community (社区) its buildings' grids belong to, so it is one compound even
-- where a grid line runs through it. Buildings point at it; the old text column is folded into it.
CREATE TABLE registry_compounds (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  address text,
  property_company text,
  community_path ltree NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (community_path, name)
);
CREATE INDEX registry_compounds_community_path_gist ON registry_compounds USING gist (community_path);

INSERT INTO registry_compounds (name, community_path)
SELECT DISTINCT compound, subpath(grid_path, 0, nlevel(grid_path) - 1) FROM registry_buildings WHERE compound IS NOT NULL;
ALTER TABLE registry_buildings ADD COLUMN compound_id bigint REFERENCES registry_compounds (id);
UPDATE registry_buildings b SET compound_id = c.id FROM registry_compounds c
WHERE c.name = b.compound AND c.community_path = subpath(b.grid_path, 0, nlevel(b.grid_path) - 1);
ALTER TABLE registry_buildings DROP COLUMN compound;
CREATE INDEX registry_buildings_compound_idx ON registry_buildings (compound_id);

-- 单元 as an entity; a building without units has one unit named ''. A household keeps its building beside its
-- unit (the pair must agree) because every scope check and count goes through the building.
CREATE TABLE registry_units (
  id bigserial PRIMARY KEY,
  building_id bigint NOT NULL REFERENCES registry_buildings (id),
  name text NOT NULL,
  UNIQUE (building_id, name),
  UNIQUE (id, building_id)
);
INSERT INTO registry_units (building_id, name) SELECT DISTINCT building_id, unit FROM registry_households;
ALTER TABLE registry_households ADD COLUMN unit_id bigint;
UPDATE registry_households h SET unit_id = u.id FROM registry_units u WHERE u.building_id = h.building_id AND u.name = h.unit;
ALTER TABLE registry_households ALTER COLUMN unit_id SET NOT NULL;
ALTER TABLE registry_households ADD FOREIGN KEY (unit_id, building_id) REFERENCES registry_units (id, building_id);
ALTER TABLE registry_households DROP CONSTRAINT registry_households_building_id_unit_room_key;
ALTER TABLE registry_households DROP COLUMN unit;
ALTER TABLE registry_households ADD UNIQUE (unit_id, room);
CREATE INDEX registry_households_building_idx ON registry_households (building_id);

-- 入户走访: the grid worker's doorstep update. version counts accepted changes so a phone that was offline can
-- tell the household changed under it; every visit is kept, once per phone-made key.
ALTER TABLE registry_households ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE registry_households ADD COLUMN visited_at timestamptz;
ALTER TABLE registry_people ADD COLUMN moved_out_at timestamptz;
-- a household's residents are read by household for every building page and phone book
CREATE INDEX registry_people_household_idx ON registry_people (household_id);

CREATE TABLE registry_household_visits (
  id bigserial PRIMARY KEY,
  household_id bigint NOT NULL REFERENCES registry_households (id),
  actor_id bigint NOT NULL,
  -- the name shown beside the visit, as it was then: the registry does not read identity's tables
  actor_name text NOT NULL,
  idempotency_key text NOT NULL,
  recorded_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  use_before text NOT NULL,
  use_after text NOT NULL,
  note text,
  moved_out bigint[] NOT NULL DEFAULT '{}',
  moved_in bigint[] NOT NULL DEFAULT '{}',
  UNIQUE (actor_id, idempotency_key)
);
CREATE INDEX registry_household_visits_household_idx ON registry_household_visits (household_id, recorded_at DESC);
