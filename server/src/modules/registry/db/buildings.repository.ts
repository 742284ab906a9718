import type { Queryable } from '../../../core/db.js';
import { first, int, queryBuilder } from '../../../core/sql.js';
import { compoundFor } from './compounds.repository.js';
import type { BookBuilding } from './households.repository.js';
import type { RegistryTables } from './registry.tables.js';

/**
 * SQL on registry_buildings: a building, its footprint and place, and the buildings of an area. Footprints (PostGIS)
 * and area filters (ltree) are raw SQL; the rest goes through the typed builder.
 */

const q = queryBuilder<RegistryTables>();

type R<T> = T & Record<string, unknown>;

export interface NewBuilding {
  name: string;
  address: string;
  /** The 小区's name: found or created under the building's community. */
  compound: string | null;
  footprint: unknown;
  floors: number;
  heightM: number;
  affordableType: string | null;
  gridCode: string;
  gridPath: string;
}

export async function insertBuilding(db: Queryable, b: NewBuilding): Promise<number> {
  const compoundId = b.compound ? await compoundFor(db, b.compound, b.gridPath) : null;
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO registry_buildings (name, address, compound_id, footprint, floors, height_m, affordable_type, grid_code, grid_path)
     VALUES ($1, $2, $3, ST_SetSRID(ST_GeomFromGeoJSON($4), 4326), $5, $6, $7, $8, $9::ltree) RETURNING id::int AS id`,
    [
      b.name,
      b.address,
      compoundId,
      JSON.stringify(b.footprint),
      b.floors,
      b.heightM,
      b.affordableType,
      b.gridCode,
      b.gridPath,
    ],
  );
  return row?.id as number;
}

export interface BuildingRecord {
  id: number;
  name: string;
  address: string;
  compound: string | null;
  compoundId: number | null;
  floors: number;
  heightM: number;
  affordableType: string | null;
  gridCode: string;
  gridPath: string;
  households: number;
  people: number;
}

export async function getBuilding(db: Queryable, id: number): Promise<BuildingRecord | undefined> {
  return first(
    db,
    q
      .selectFrom('registry_buildings as b')
      .select((eb) => [
        int(eb.ref('b.id')).as('id'),
        'b.name',
        'b.address',
        eb.selectFrom('registry_compounds as c').select('c.name').whereRef('c.id', '=', 'b.compound_id').as('compound'),
        int(eb.ref('b.compound_id')).as('compoundId'),
        'b.floors',
        'b.height_m as heightM',
        'b.affordable_type as affordableType',
        'b.grid_code as gridCode',
        'b.grid_path as gridPath',
        eb
          .selectFrom('registry_households as h')
          .select((h) => int(h.fn.countAll()).as('n'))
          .whereRef('h.building_id', '=', 'b.id')
          .as('households'),
        eb
          .selectFrom('registry_people as p')
          .innerJoin('registry_households as h', 'h.id', 'p.household_id')
          .select((p) => int(p.fn.countAll()).as('n'))
          .whereRef('h.building_id', '=', 'b.id')
          .where('p.erased_at', 'is', null)
          .as('people'),
      ])
      .where('b.id', '=', id)
      // a count is never null, whatever a scalar subquery may be
      .$narrowType<{ households: number; people: number }>(),
  );
}

export async function buildingFootprint(db: Queryable, id: number): Promise<unknown> {
  const [row] = await db.query<{ shape: unknown }>(
    'SELECT ST_AsGeoJSON(footprint)::json AS shape FROM registry_buildings WHERE id = $1',
    [id],
  );
  return row?.shape;
}

/** Buildings of an area as GeoJSON, with what the map needs to extrude them in 3D. */
export async function buildingsGeoJson(db: Queryable, scope: string, area: string, limit: number): Promise<unknown> {
  const [row] = await db.query<{ fc: unknown }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'geometry', ST_AsGeoJSON(b.footprint, 7)::json,
       'properties', json_build_object('id', b.id, 'name', b.name, 'address', b.address, 'floors', b.floors,
         'heightM', b.height_m, 'affordableType', b.affordable_type, 'gridCode', b.grid_code))), '[]'::json)) AS fc
     FROM (SELECT * FROM registry_buildings WHERE grid_path <@ $1::ltree AND grid_path <@ $2::ltree ORDER BY id LIMIT $3) b`,
    [scope, area, limit],
  );
  return row?.fc;
}

export interface BuildingListItem extends Omit<BookBuilding, 'units'> {
  households: number;
  /** Households with at least one doorstep visit. */
  visited: number;
}

/** Buildings by address, in scope: a trigram match when a query is given, else every building of the area. */
export async function searchBuildings(
  db: Queryable,
  f: { scope: string; area: string; q?: string; limit: number },
): Promise<BuildingListItem[]> {
  const like = f.q ? `%${f.q.replace(/[%_\\]/g, '\\$&')}%` : null;
  return db.query<R<BuildingListItem>>(
    `SELECT b.id::int AS id, b.name, b.address, c.name AS compound, b.grid_code AS "gridCode", b.floors,
       (SELECT count(*)::int FROM registry_households h WHERE h.building_id = b.id) AS households,
       (SELECT count(*)::int FROM registry_households h WHERE h.building_id = b.id AND h.visited_at IS NOT NULL) AS visited
     FROM registry_buildings b LEFT JOIN registry_compounds c ON c.id = b.compound_id
     WHERE b.grid_path <@ $1::ltree AND b.grid_path <@ $2::ltree
       AND ($3::text IS NULL OR b.address LIKE $3 OR b.name LIKE $3 OR c.name LIKE $3)
     ORDER BY ${f.q ? 'similarity(b.address, $5) DESC,' : ''} c.name NULLS LAST, length(b.name), b.name, b.id LIMIT $4`,
    f.q ? [f.scope, f.area, like, f.limit, f.q] : [f.scope, f.area, like, f.limit],
  );
}

/** Every building of the scope by its normalised address, for matching rows without a query per row. */
export async function buildingAddresses(db: Queryable, scope: string) {
  return db.query<{ id: number; address: string; gridPath: string }>(
    `SELECT id::int AS id, address, grid_path::text AS "gridPath" FROM registry_buildings WHERE grid_path <@ $1::ltree`,
    [scope],
  );
}

export interface BuildingPlace {
  id: number;
  name: string;
  address: string;
  floors: number;
  lng: number;
  lat: number;
  gridCode: string;
  gridPath: string;
}

/** Where a building stands, for modules that install something in it (fire detectors). */
export async function findBuildingPlace(db: Queryable, id: number): Promise<BuildingPlace | undefined> {
  const [row] = await db.query<R<BuildingPlace>>(
    `SELECT id::int AS id, name, address, floors, ST_X(ST_PointOnSurface(footprint)) AS lng,
       ST_Y(ST_PointOnSurface(footprint)) AS lat, grid_code AS "gridCode", grid_path::text AS "gridPath"
     FROM registry_buildings WHERE id = $1`,
    [id],
  );
  return row;
}

/** Every building of an area with its place, in id order (demo device installation). */
export async function listBuildingPlaces(db: Queryable, areaPath: string): Promise<BuildingPlace[]> {
  return db.query<R<BuildingPlace>>(
    `SELECT id::int AS id, name, address, floors, ST_X(ST_PointOnSurface(footprint)) AS lng,
       ST_Y(ST_PointOnSurface(footprint)) AS lat, grid_code AS "gridCode", grid_path::text AS "gridPath"
     FROM registry_buildings WHERE grid_path <@ $1::ltree ORDER BY id`,
    [areaPath],
  );
}

/** Positions (0-based) of the footprints PostGIS finds invalid: self-crossing rings, too few points. */
export async function invalidFootprints(db: Queryable, footprints: unknown[]): Promise<number[]> {
  if (!footprints.length) return [];
  const rows = await db.query<{ i: number }>(
    `SELECT (t.i - 1)::int AS i FROM unnest($1::text[]) WITH ORDINALITY AS t(g, i)
     WHERE NOT ST_IsValid(ST_GeomFromGeoJSON(t.g))`,
    [footprints.map((f) => JSON.stringify(f))],
  );
  return rows.map((r) => r.i);
}
