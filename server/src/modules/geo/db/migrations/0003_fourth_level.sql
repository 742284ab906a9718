-- 村/小区: the fourth level between a community and its grids (肥城市's 社区 — 行政村/小区 — 网格). A compound's code is
-- its community's 12 digits and two of its own, so it never reads as a 15-digit grid code; a grid under one keeps its
-- community's code prefix and hangs one label deeper (community path + compound + grid).
ALTER TABLE geo_regions DROP CONSTRAINT geo_regions_code_check;
ALTER TABLE geo_regions ADD CONSTRAINT geo_regions_code_check CHECK (code ~ '^([0-9]{2,12}|[0-9]{14})$');
ALTER TABLE geo_regions DROP CONSTRAINT geo_regions_level_check;
ALTER TABLE geo_regions ADD CONSTRAINT geo_regions_level_check
  CHECK (level IN ('province', 'city', 'district', 'street', 'community', 'compound'));
ALTER TABLE geo_regions DROP CONSTRAINT geo_regions_kind_check;
ALTER TABLE geo_regions ADD CONSTRAINT geo_regions_kind_check
  CHECK (kind IN ('province', 'city', 'district', 'street', 'town', 'zone', 'community', 'village', 'compound'));

ALTER TABLE geo_grids ADD COLUMN compound_code text REFERENCES geo_regions (code);
ALTER TABLE geo_grids ADD CONSTRAINT geo_grids_compound_in_community CHECK (left(compound_code, 12) = community_code);
CREATE INDEX geo_grids_compound_idx ON geo_grids (compound_code);

-- 四至 names neighbouring grids: two grids of one name in a community make it ambiguous. Grids already named alike
-- keep their name with their code after it, so the constraint can hold without losing either.
UPDATE geo_grids g SET name = g.name || '（' || g.code || '）'
FROM (SELECT code, row_number() OVER (PARTITION BY community_code, name ORDER BY code) AS n FROM geo_grids) d
WHERE d.code = g.code AND d.n > 1;
ALTER TABLE geo_grids ADD CONSTRAINT geo_grids_community_name_key UNIQUE (community_code, name);

-- 五位一体 in a village: the fifth of a rural grid's team is its 村民小组长, where a compound's is its property manager.
ALTER TABLE geo_grid_members DROP CONSTRAINT geo_grid_members_role_check;
ALTER TABLE geo_grid_members ADD CONSTRAINT geo_grid_members_role_check CHECK (role IN
  ('grid_leader', 'grid_worker', 'part_time_grid_worker', 'police_officer', 'property_manager', 'villager_group_leader'));
