import type { Queryable } from '../../../core/db.js';

/**
 * Places a resident can name: buildings and compounds by where they stand or what they are called. Addresses only —
 * nothing here joins households or people. PostGIS and ltree, so raw SQL.
 */

type R<T> = T & Record<string, unknown>;

export interface BuildingNear {
  id: number;
  name: string;
  address: string;
  compound: string | null;
  gridCode: string;
  /** The point lies on the footprint, not beside it. */
  inside: boolean;
  metres: number;
}

/** Metres in degrees of longitude at that latitude (the wider of the two), so the GiST prefilter never cuts short. */
const degreesFor = (metres: number, lat: number) => metres / (111_320 * Math.max(Math.cos((lat * Math.PI) / 180), 0.1));

/**
 * The building whose footprint holds the point (WGS84), else the nearest within `metres`, among the buildings under
 * `within` ('' for all). The degree box lets the footprint index answer; the distance itself is on the sphere.
 */
export async function buildingNear(
  db: Queryable,
  f: { lng: number; lat: number; metres: number; within: string },
): Promise<BuildingNear | undefined> {
  const [row] = await db.query<R<BuildingNear>>(
    `WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS g)
     SELECT b.id::int AS id, b.name, b.address, c.name AS compound, b.grid_code AS "gridCode",
       ST_Contains(b.footprint, p.g) AS inside,
       round(ST_Distance(b.footprint::geography, p.g::geography))::int AS metres
     FROM registry_buildings b CROSS JOIN p LEFT JOIN registry_compounds c ON c.id = b.compound_id
     WHERE ST_DWithin(b.footprint, p.g, $3) AND b.grid_path <@ $5::ltree
       AND ST_DWithin(b.footprint::geography, p.g::geography, $4)
     ORDER BY ST_Distance(b.footprint::geography, p.g::geography), b.id LIMIT 1`,
    [f.lng, f.lat, degreesFor(f.metres, f.lat), f.metres, f.within],
  );
  return row;
}

export interface PlaceHit {
  kind: 'building' | 'compound';
  id: number;
  name: string;
  address: string | null;
  compound: string | null;
  /** A point on the building's footprint, or on one of the compound's (so it is inside a grid, never between). */
  lng: number;
  lat: number;
}

/**
 * Compounds and buildings under `within` whose name or address contains the text (or whose compound's name does),
 * those that begin with it first, then compounds before their buildings, shorter names first.
 */
export async function searchPlaces(
  db: Queryable,
  f: { text: string; within: string; limit: number },
): Promise<PlaceHit[]> {
  const escaped = f.text.replace(/[%_\\]/g, '\\$&');
  return db.query<R<PlaceHit>>(
    `SELECT kind, id, name, address, compound, ST_X(pt) AS lng, ST_Y(pt) AS lat FROM (
       SELECT 'compound' AS kind, c.id::int AS id, c.name, c.address, c.name AS compound, p.pt,
         (c.name LIKE $2 OR c.address LIKE $2) AS prefix, length(c.name) AS len
       FROM registry_compounds c
       CROSS JOIN LATERAL (SELECT ST_PointOnSurface(ST_Collect(b.footprint)) AS pt FROM registry_buildings b
                           WHERE b.compound_id = c.id AND b.grid_path <@ $3::ltree) p
       WHERE c.community_path <@ $3::ltree AND (c.name LIKE $1 OR c.address LIKE $1) AND p.pt IS NOT NULL
       UNION ALL
       SELECT 'building', b.id::int, b.name, b.address, c.name, ST_PointOnSurface(b.footprint),
         (b.name LIKE $2 OR b.address LIKE $2 OR c.name LIKE $2), length(b.name)
       FROM registry_buildings b LEFT JOIN registry_compounds c ON c.id = b.compound_id
       WHERE b.grid_path <@ $3::ltree AND (b.name LIKE $1 OR b.address LIKE $1 OR c.name LIKE $1)
     ) hits
     ORDER BY prefix DESC, compound NULLS LAST, kind = 'compound' DESC, len, name, id LIMIT $4`,
    [`%${escaped}%`, `${escaped}%`, f.within, f.limit],
  );
}
