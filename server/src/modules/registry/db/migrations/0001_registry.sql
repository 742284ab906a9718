-- 房: buildings with their footprint (3D on the map by floors and height), filed under the grid their centre lies in.
CREATE TABLE registry_buildings (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  address text NOT NULL,
  compound text,
  footprint geometry(Polygon, 4326) NOT NULL CHECK (ST_IsValid(footprint)),
  floors smallint NOT NULL CHECK (floors BETWEEN 1 AND 200),
  height_m real NOT NULL CHECK (height_m > 0),
  affordable_type text CHECK (affordable_type IN ('public_rental', 'resettlement', 'shared_ownership')),
  grid_code text NOT NULL,
  grid_path ltree NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_buildings_footprint_gist ON registry_buildings USING gist (footprint);
CREATE INDEX registry_buildings_grid_path_gist ON registry_buildings USING gist (grid_path);
CREATE INDEX registry_buildings_address_trgm ON registry_buildings USING gist (address gist_trgm_ops);

CREATE TABLE registry_households (
  id bigserial PRIMARY KEY,
  building_id bigint NOT NULL REFERENCES registry_buildings (id),
  unit text NOT NULL DEFAULT '',
  room text NOT NULL,
  use text NOT NULL CHECK (use IN ('owner_occupied', 'rented', 'vacant', 'commercial')),
  UNIQUE (building_id, unit, room)
);

-- 人: personal data encrypted at rest (AES-256-GCM), found by a keyed hash, shown masked.
CREATE TABLE registry_people (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  id_number_enc text NOT NULL,
  id_number_hash text NOT NULL UNIQUE,
  id_number_masked text NOT NULL,
  phone_enc text,
  phone_hash text,
  phone_masked text,
  birth_date date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  household_id bigint REFERENCES registry_households (id),
  registered boolean NOT NULL,
  grid_path ltree NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz
);
CREATE INDEX registry_people_grid_path_gist ON registry_people USING gist (grid_path);
CREATE INDEX registry_people_name_trgm ON registry_people USING gist (name gist_trgm_ops);
CREATE INDEX registry_people_phone_hash_idx ON registry_people (phone_hash);

CREATE TABLE registry_person_tags (
  person_id bigint NOT NULL REFERENCES registry_people (id) ON DELETE CASCADE,
  tag text NOT NULL,
  detail text,
  set_by bigint,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, tag)
);
CREATE INDEX registry_person_tags_tag_idx ON registry_person_tags (tag);
