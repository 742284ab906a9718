import type { Queryable } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { GRID_ROLES, type GridRole } from '../domain/grid-team.js';

export type { GridRole } from '../domain/grid-team.js';

/** All SQL on geo_* tables lives here; the rest of the module speaks in these functions. */

export interface RegionRecord {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'street' | 'community' | 'compound';
  kind: string;
  parentCode: string | null;
  path: string;
  childCount: number;
  gridCount: number;
  bbox: [number, number, number, number] | null;
  center: [number, number] | null;
}

export interface NewRegion {
  code: string;
  name: string;
  level: RegionRecord['level'];
  kind: string;
  parentCode: string | null;
  path: string;
}

export interface NewGrid {
  code: string;
  name: string;
  kind: string;
  communityCode: string;
  /** the village or compound it hangs under, where its community has them */
  compoundCode: string | null;
  path: string;
  geometry: unknown;
  boundsText: string;
  mergedInto: string | null;
  team: { role: string; name: string }[];
}

const BATCH = 200;

function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `($1,$2,..),($k,..)` for a multi-row VALUES with `width` columns per row. */
function placeholders(rows: number, width: number, wrap: (ps: string[]) => string = (ps) => ps.join(', ')): string {
  return Array.from(
    { length: rows },
    (_, r) => `(${wrap(Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`))})`,
  ).join(', ');
}

export async function countRegions(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM geo_regions');
  return row?.n ?? 0;
}

export async function insertRegions(db: Queryable, regions: NewRegion[]): Promise<void> {
  for (const batch of chunks(regions)) {
    await db.query(
      `INSERT INTO geo_regions (code, name, level, kind, parent_code, path)
       VALUES ${placeholders(batch.length, 6, (p) => `${p.slice(0, 5).join(', ')}, ${p[5]}::ltree`)}`,
      batch.flatMap((r) => [r.code, r.name, r.level, r.kind, r.parentCode, r.path]),
    );
  }
}

export async function setOfficialBoundary(
  db: Queryable,
  code: string,
  geometry: unknown,
  center: [number, number],
): Promise<void> {
  await db.query(
    `UPDATE geo_regions SET boundary_source = 'official',
       boundary = ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)), 3)),
       center = ST_SetSRID(ST_MakePoint($3, $4), 4326)
     WHERE code = $1`,
    [code, JSON.stringify(geometry), center[0], center[1]],
  );
}

export async function insertGrids(db: Queryable, grids: NewGrid[]): Promise<void> {
  for (const batch of chunks(grids)) {
    await db.query(
      `INSERT INTO geo_grids (code, name, kind, community_code, compound_code, path, geom, bounds_text, merged_into, area_m2)
       SELECT code, name, kind, community_code, compound_code, path::ltree, g, bounds_text, merged_into, ST_Area(g::geography)
       FROM (VALUES ${placeholders(batch.length, 9)})
         AS v(code, name, kind, community_code, compound_code, path, gj, bounds_text, merged_into),
       LATERAL (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326)), 3)) AS g) AS geo`,
      batch.flatMap((g) => [
        g.code,
        g.name,
        g.kind,
        g.communityCode,
        g.compoundCode,
        g.path,
        JSON.stringify(g.geometry),
        g.boundsText,
        g.mergedInto,
      ]),
    );
  }
  const members = grids.flatMap((g) => {
    const seqByRole = new Map<string, number>();
    return g.team.map((m) => {
      const seq = (seqByRole.get(m.role) ?? 0) + 1;
      seqByRole.set(m.role, seq);
      return [g.code, m.role, seq, m.name] as const;
    });
  });
  for (const batch of chunks(members, 500)) {
    await db.query(
      `INSERT INTO geo_grid_members (grid_code, role, seq, name) VALUES ${placeholders(batch.length, 4)}`,
      batch.flat(),
    );
  }
}

export async function gridsOfCommunities(
  db: Queryable,
  communityCodes: string[],
): Promise<{ code: string; name: string }[]> {
  return db.query(`SELECT code, name FROM geo_grids WHERE community_code = ANY($1::text[]) ORDER BY code`, [
    communityCodes,
  ]);
}

export async function deleteGridsOfCommunities(db: Queryable, communityCodes: string[]): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `DELETE FROM geo_grids WHERE community_code = ANY($1::text[]) RETURNING code`,
    [communityCodes],
  );
  return rows.map((r) => r.code);
}

/**
 * Villages, compounds, communities and streets without a published boundary take the union of what they contain;
 * run after any change to grids so that "the community's area" always means the same thing as "its grids".
 */
export async function recomputeDerivedBoundaries(db: Queryable, districtCodes: string[]): Promise<void> {
  await db.query(
    `UPDATE geo_regions r SET boundary = u.geom, boundary_source = 'derived', center = ST_PointOnSurface(u.geom)
     FROM (SELECT g.compound_code AS code, ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(g.geom)), 3)) AS geom
           FROM geo_grids g WHERE left(g.community_code, 6) = ANY($1::text[]) AND g.compound_code IS NOT NULL
           GROUP BY g.compound_code) u
     WHERE r.code = u.code AND r.boundary_source IS DISTINCT FROM 'official'`,
    [districtCodes],
  );
  await db.query(
    `UPDATE geo_regions r SET boundary = u.geom, boundary_source = 'derived', center = ST_PointOnSurface(u.geom)
     FROM (SELECT g.community_code AS code, ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(g.geom)), 3)) AS geom
           FROM geo_grids g WHERE left(g.community_code, 6) = ANY($1::text[]) GROUP BY g.community_code) u
     WHERE r.code = u.code AND r.boundary_source IS DISTINCT FROM 'official'`,
    [districtCodes],
  );
  await db.query(
    `UPDATE geo_regions r SET boundary = u.geom, boundary_source = 'derived', center = ST_PointOnSurface(u.geom)
     FROM (SELECT c.parent_code AS code, ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(c.boundary)), 3)) AS geom
           FROM geo_regions c WHERE c.level = 'community' AND left(c.code, 6) = ANY($1::text[]) AND c.boundary IS NOT NULL
           GROUP BY c.parent_code) u
     WHERE r.code = u.code AND r.boundary_source IS DISTINCT FROM 'official'`,
    [districtCodes],
  );
}

const REGION_COLUMNS = (scopeParam: string) => `
  r.code, r.name, r.level, r.kind, r.parent_code AS "parentCode", r.path::text AS path,
  (SELECT count(*)::int FROM geo_regions c WHERE c.parent_code = r.code) AS "childCount",
  (SELECT count(*)::int FROM geo_grids g WHERE g.path <@ r.path AND g.path <@ ${scopeParam}::ltree) AS "gridCount",
  CASE WHEN r.boundary IS NULL THEN NULL ELSE
    json_build_array(ST_XMin(r.boundary), ST_YMin(r.boundary), ST_XMax(r.boundary), ST_YMax(r.boundary)) END AS bbox,
  CASE WHEN r.center IS NULL THEN NULL ELSE json_build_array(ST_X(r.center), ST_Y(r.center)) END AS center`;

/** Children of a region that the scope reaches (inside it, or on the way down to it). */
export async function listChildRegions(db: Queryable, parentCode: string, scope: string): Promise<RegionRecord[]> {
  return db.query<RegionRecord & Record<string, unknown>>(
    `SELECT ${REGION_COLUMNS('$2')} FROM geo_regions r
     WHERE r.parent_code = $1 AND (r.path <@ $2::ltree OR $2::ltree <@ r.path)
     ORDER BY r.code`,
    [parentCode, scope],
  );
}

/** The highest regions the scope may open: districts for the whole deployment, else the scope's own region. */
export async function listTopRegions(db: Queryable, scope: string): Promise<RegionRecord[]> {
  return db.query<RegionRecord & Record<string, unknown>>(
    `SELECT ${REGION_COLUMNS('$1')} FROM geo_regions r
     WHERE CASE WHEN $1 = '' THEN r.level = 'district'
                ELSE r.path = (SELECT x.path FROM geo_regions x WHERE $1::ltree <@ x.path ORDER BY nlevel(x.path) DESC LIMIT 1) END
     ORDER BY r.code`,
    [scope],
  );
}

export async function getRegion(db: Queryable, code: string, scope: string) {
  const [row] = await db.query<RegionRecord & { boundary: unknown } & Record<string, unknown>>(
    `SELECT ${REGION_COLUMNS('$2')}, ST_AsGeoJSON(r.boundary, 6)::json AS boundary
     FROM geo_regions r WHERE r.code = $1`,
    [code, scope],
  );
  return row;
}

export interface ChainLink {
  code: string;
  name: string;
  level: string;
}

/** From the district down to the given path, inclusive (province and city are context, not chain). */
export async function chainOf(db: Queryable, path: string): Promise<ChainLink[]> {
  return db.query<ChainLink & Record<string, unknown>>(
    `SELECT code, name, level FROM geo_regions
     WHERE $1::ltree <@ path AND level NOT IN ('province', 'city') ORDER BY nlevel(path)`,
    [path],
  );
}

export async function childBoundaries(db: Queryable, code: string, scope: string): Promise<unknown> {
  const [row] = await db.query<{ fc: unknown }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'geometry', ST_AsGeoJSON(r.boundary, 6)::json,
       'properties', json_build_object('code', r.code, 'name', r.name, 'level', r.level,
         'gridCount', (SELECT count(*) FROM geo_grids g WHERE g.path <@ r.path AND g.path <@ $2::ltree)))
       ORDER BY r.code), '[]'::json)) AS fc
     FROM geo_regions r
     WHERE r.parent_code = $1 AND r.boundary IS NOT NULL AND (r.path <@ $2::ltree OR $2::ltree <@ r.path)`,
    [code, scope],
  );
  return row?.fc;
}

export async function gridsUnder(db: Queryable, path: string, scope: string): Promise<unknown> {
  const [row] = await db.query<{ fc: unknown }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'geometry', ST_AsGeoJSON(g.geom, 6)::json,
       'properties', json_build_object('code', g.code, 'name', g.name, 'kind', g.kind,
         'communityCode', g.community_code, 'communityName', c.name, 'compoundCode', g.compound_code,
         'colorIndex', (c.code::bigint % 12)::int)) ORDER BY g.code), '[]'::json)) AS fc
     FROM geo_grids g JOIN geo_regions c ON c.code = g.community_code
     WHERE g.path <@ $1::ltree AND g.path <@ $2::ltree`,
    [path, scope],
  );
  return row?.fc;
}

export interface GridRecord {
  code: string;
  name: string;
  kind: string;
  path: string;
  boundsText: string;
  communityCode: string;
  compoundCode: string | null;
  mergedInto: string | null;
  areaKm2: number;
  centroid: [number, number];
  /** 网格工作站, where the team can be found; null when the grid has none of its own. */
  station: GridStation | null;
  team: GridTeamMember[];
}

/** One of the grid's team (五位一体), with the account that acts for them where there is one. */
export interface GridTeamMember {
  role: string;
  name: string;
  userId: number | null;
}

export async function getGrid(db: Queryable, code: string): Promise<GridRecord | undefined> {
  const [row] = await db.query<GridRecord & Record<string, unknown>>(
    `SELECT g.code, g.name, g.kind, g.path::text AS path, g.bounds_text AS "boundsText",
       g.community_code AS "communityCode", g.compound_code AS "compoundCode", g.merged_into AS "mergedInto",
       round((g.area_m2 / 1e6)::numeric, 3)::float8 AS "areaKm2",
       json_build_array(ST_X(ST_PointOnSurface(g.geom)), ST_Y(ST_PointOnSurface(g.geom))) AS centroid,
       CASE WHEN g.station_name IS NULL THEN NULL ELSE json_build_object('name', g.station_name,
         'address', coalesce(g.station_address, ''), 'hours', coalesce(g.station_hours, '')) END AS station,
       coalesce((SELECT json_agg(json_build_object('role', m.role, 'name', m.name, 'userId', m.user_id::int)
                  ORDER BY array_position($2::text[], m.role), m.seq)
                 FROM geo_grid_members m WHERE m.grid_code = g.code), '[]'::json) AS team
     FROM geo_grids g WHERE g.code = $1`,
    [code, GRID_ROLES],
  );
  return row;
}

/** The PostGIS path for a point: the baseline the in-memory index is measured and checked against. */
export async function locateInDb(db: Queryable, lng: number, lat: number): Promise<{ code: string }[]> {
  return db.query<{ code: string }>(
    `SELECT code FROM geo_grids WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY code`,
    [lng, lat],
  );
}

export interface IndexedGrid {
  code: string;
  name: string;
  path: string;
  mergedInto: string | null;
  geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
}

export async function allGridsForIndex(db: Queryable): Promise<IndexedGrid[]> {
  return db.query<IndexedGrid & Record<string, unknown>>(
    `SELECT code, name, path::text AS path, merged_into AS "mergedInto", ST_AsGeoJSON(geom)::json AS geometry FROM geo_grids`,
  );
}

export async function regionsByCodes(db: Queryable, codes: string[]) {
  return db.query<
    { code: string; level: string; path: string; boundarySource: string | null } & Record<string, unknown>
  >(
    `SELECT code, level, path::text AS path, boundary_source AS "boundarySource" FROM geo_regions WHERE code = ANY($1::text[])`,
    [codes],
  );
}

/** A region or grid code → its ltree path, for data scopes. */
/** The scope path of a district named by its code; anything else is an invalid `field`, named. */
export async function districtPathOf(db: Queryable, code: string, field: string): Promise<string> {
  const path = await pathOfCode(db, code);
  if (path === undefined || path.split('.').length !== 3)
    throw coreErrors.invalid({ field, params: { reason: { 'zh-CN': '不是区县编码', en: 'not a district code' } } });
  return path;
}

export async function pathOfCode(db: Queryable, code: string): Promise<string | undefined> {
  const [row] = await db.query<{ path: string }>(
    `SELECT path::text AS path FROM geo_regions WHERE code = $1
     UNION ALL SELECT path::text FROM geo_grids WHERE code = $1 LIMIT 1`,
    [code],
  );
  return row?.path;
}

export interface ChildArea {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community' | 'compound' | 'grid';
  path: string;
}

/**
 * One level down from a region — a district's streets, a street's communities, a community's villages or compounds
 * and the grids that hang under it directly, a village's or compound's grids — as far as the scope reaches (inside
 * it, or on the way down to it), for other modules that count things per area.
 */
export async function childAreas(db: Queryable, code: string, scope: string): Promise<ChildArea[]> {
  return db.query<ChildArea & Record<string, unknown>>(
    `SELECT code, name, level, path::text AS path FROM geo_regions
     WHERE parent_code = $1 AND (path <@ $2::ltree OR $2::ltree <@ path)
     UNION ALL
     SELECT code, name, 'grid', path::text FROM geo_grids
     WHERE coalesce(compound_code, community_code) = $1 AND (path <@ $2::ltree OR $2::ltree <@ path)
     ORDER BY code`,
    [code, scope],
  );
}

/** Districts and streets with their paths, for other modules that attach things to them (departments, teams). */
export async function listDistrictsAndStreets(db: Queryable) {
  return db.query<{ code: string; name: string; path: string; level: 'district' | 'street' } & Record<string, unknown>>(
    `SELECT code, name, path::text AS path, level FROM geo_regions WHERE level IN ('district', 'street') ORDER BY code`,
  );
}

/** The grids of a district with their polygons and kind, for other modules that place demo things inside them. */
export async function gridShapes(db: Queryable, districtCode: string) {
  return db.query<{
    code: string;
    kind: string;
    path: string;
    geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  }>(
    `SELECT code, kind, path::text AS path, ST_AsGeoJSON(geom)::json AS geometry FROM geo_grids WHERE left(code, 6) = $1 ORDER BY code`,
    [districtCode],
  );
}

/** Names of regions and grids by code, for other modules that show an area (a user's scope); unknown ones left out. */
export async function areaNames(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.query<{ code: string; name: string }>(
    `SELECT code, name FROM geo_regions WHERE code = ANY($1::text[])
     UNION ALL SELECT code, name FROM geo_grids WHERE code = ANY($1::text[])`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The names of the grid at a path and of every region above it, by path, in one statement. */
export async function namesAlong(db: Queryable, gridPath: string): Promise<Map<string, string>> {
  const rows = await db.query<{ path: string; name: string }>(
    `SELECT path::text AS path, name FROM geo_regions WHERE path @> $1::ltree
     UNION ALL SELECT path::text, name FROM geo_grids WHERE path = $1::ltree`,
    [gridPath],
  );
  return new Map(rows.map((r) => [r.path, r.name]));
}

/** The grid of that name in the community, if any: names are unique there (四至 names neighbours by them). */
export async function gridNamed(db: Queryable, communityCode: string, name: string) {
  const [row] = await db.query<{ code: string }>('SELECT code FROM geo_grids WHERE community_code = $1 AND name = $2', [
    communityCode,
    name,
  ]);
  return row;
}

export async function renameGrid(db: Queryable, code: string, name: string): Promise<void> {
  await db.query('UPDATE geo_grids SET name = $2, updated_at = now() WHERE code = $1', [code, name]);
}

export interface GridStation {
  name: string;
  address: string;
  hours: string;
}

/** The grid's station, or none: a grid without one of its own shows none. */
export async function setGridStation(db: Queryable, code: string, station: GridStation | null): Promise<void> {
  await db.query('UPDATE geo_grids SET station_name = $2, station_address = $3, station_hours = $4 WHERE code = $1', [
    code,
    station?.name ?? null,
    station?.address || null,
    station?.hours || null,
  ]);
}

/** The grid's team as a whole, replaced in order: each role's members numbered 1, 2, … as they are listed. */
export async function replaceGridTeam(
  db: Queryable,
  gridCode: string,
  members: { role: GridRole; name: string; userId?: number | null }[],
): Promise<void> {
  await db.query('DELETE FROM geo_grid_members WHERE grid_code = $1', [gridCode]);
  if (!members.length) return;
  const seq = new Map<string, number>();
  const numbered = members.map((m) => {
    const n = (seq.get(m.role) ?? 0) + 1;
    seq.set(m.role, n);
    return { ...m, seq: n };
  });
  await db.query(
    `INSERT INTO geo_grid_members (grid_code, role, seq, name, user_id)
     SELECT $1, role, seq, name, user_id
     FROM unnest($2::text[], $3::int[], $4::text[], $5::bigint[]) AS t(role, seq, name, user_id)`,
    [
      gridCode,
      numbered.map((m) => m.role),
      numbered.map((m) => m.seq),
      numbered.map((m) => m.name),
      numbered.map((m) => m.userId ?? null),
    ],
  );
}

/** Communities under an area with their paths, for other modules that staff them (demo accounts). */
export async function communitiesUnder(db: Queryable, areaPath: string) {
  return db.query<{ code: string; name: string; path: string } & Record<string, unknown>>(
    `SELECT code, name, path::text AS path FROM geo_regions WHERE level = 'community' AND path <@ $1::ltree ORDER BY code`,
    [areaPath],
  );
}

/** Each live grid's first full-time grid worker as its team lists them, for the account that will act for them. */
export async function gridWorkersUnder(db: Queryable, areaPath: string) {
  return db.query<{ gridCode: string; gridPath: string; name: string } & Record<string, unknown>>(
    `SELECT g.code AS "gridCode", g.path::text AS "gridPath", m.name
     FROM geo_grids g JOIN geo_grid_members m ON m.grid_code = g.code AND m.role = 'grid_worker' AND m.seq = 1
     WHERE g.path <@ $1::ltree AND g.merged_into IS NULL ORDER BY g.code`,
    [areaPath],
  );
}

/** Ties grid team members to the accounts that act for them, so the grid card and the team editor show who signs in. */
export async function linkGridMembers(
  db: Queryable,
  links: { gridCode: string; role: GridRole; seq: number; userId: number }[],
): Promise<void> {
  if (!links.length) return;
  await db.query(
    `UPDATE geo_grid_members m SET user_id = t.user_id
     FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) AS t(grid_code, role, seq, user_id)
     WHERE m.grid_code = t.grid_code AND m.role = t.role AND m.seq = t.seq`,
    [links.map((l) => l.gridCode), links.map((l) => l.role), links.map((l) => l.seq), links.map((l) => l.userId)],
  );
}
