-- 物: venues and organisations, filed under the grid their point lies in. The contact phone is sealed like a
-- person's (AES-256-GCM) and shown masked; nobody searches by it, so it has no keyed hash.
CREATE TABLE registry_venues (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('enterprise', 'nine_small', 'shop', 'school', 'other')),
  nine_small_kind text CHECK (nine_small_kind IN ('small_shop', 'small_restaurant', 'small_hotel',
    'small_entertainment', 'small_internet_cafe', 'small_beauty_bath', 'small_school', 'small_clinic', 'small_workshop')),
  address text NOT NULL,
  location geometry(Point, 4326) NOT NULL,
  building_id bigint REFERENCES registry_buildings (id),
  owner_name text,
  contact_phone_enc text,
  contact_phone_masked text,
  -- 统一社会信用代码 (GB 32100): public registration data, kept in the clear
  credit_code text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  grid_code text NOT NULL,
  grid_path ltree NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- a 九小场所 always says which of the nine it is, and nothing else claims one
  CHECK ((kind = 'nine_small') = (nine_small_kind IS NOT NULL))
);
CREATE INDEX registry_venues_location_gist ON registry_venues USING gist (location);
CREATE INDEX registry_venues_grid_path_gist ON registry_venues USING gist (grid_path);
CREATE INDEX registry_venues_name_trgm ON registry_venues USING gist (name gist_trgm_ops);

-- Facilities: e-bike chargers and sheds, fire hydrants, service points, cameras.
CREATE TABLE registry_facilities (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ebike_charger', 'ebike_shed', 'fire_hydrant', 'service_point', 'camera', 'other')),
  name text NOT NULL,
  location geometry(Point, 4326) NOT NULL,
  building_id bigint REFERENCES registry_buildings (id),
  venue_id bigint REFERENCES registry_venues (id),
  owner_name text,
  status text NOT NULL DEFAULT 'in_service' CHECK (status IN ('in_service', 'out_of_service')),
  grid_code text NOT NULL,
  grid_path ltree NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_facilities_location_gist ON registry_facilities USING gist (location);
CREATE INDEX registry_facilities_grid_path_gist ON registry_facilities USING gist (grid_path);
