import type { Queryable } from '../../../core/db.js';
import { all, queryBuilder, run } from '../../../core/sql.js';
import type { RegistryTables } from './registry.tables.js';

/**
 * SQL on registry_compounds: the 小区 a building names, with its buildings, counts and outline. Community paths and
 * outlines (ltree, PostGIS) are raw SQL; the rest goes through the typed builder.
 */

const q = queryBuilder<RegistryTables>();

type R<T> = T & Record<string, unknown>;

/**
 * The compound of that name in the community of the grid (the path's first five labels, whether the grid hangs under
 * the community or one of its villages or compounds), created on first mention.
 */
export async function compoundFor(db: Queryable, name: string, gridPath: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO registry_compounds (name, community_path) VALUES ($1, subpath($2::ltree, 0, 5))
     ON CONFLICT (community_path, name) DO UPDATE SET name = excluded.name RETURNING id::int AS id`,
    [name, gridPath],
  );
  return row?.id as number;
}

export interface CompoundRow {
  id: number;
  name: string;
  address: string | null;
  propertyCompany: string | null;
  communityPath: string;
  buildings: number;
  households: number;
  people: number;
  outline: unknown;
}

/**
 * Compounds with their buildings inside the scope and the area — counts and outline (the hull of those buildings)
 * stop there too — in one grouped pass rather than a count per building.
 */
async function compoundRows(
  db: Queryable,
  f: { scope: string; area: string; id?: number; limit: number },
): Promise<CompoundRow[]> {
  return db.query<R<CompoundRow>>(
    `WITH b AS (
       SELECT id, compound_id, footprint FROM registry_buildings
       WHERE grid_path <@ $1::ltree AND grid_path <@ $2::ltree AND compound_id IS NOT NULL
         AND ($3::bigint IS NULL OR compound_id = $3)),
     hh AS (SELECT h.building_id, count(*) AS n FROM registry_households h JOIN b ON b.id = h.building_id GROUP BY 1),
     pp AS (SELECT h.building_id, count(*) AS n FROM registry_people p
            JOIN registry_households h ON h.id = p.household_id JOIN b ON b.id = h.building_id
            WHERE p.erased_at IS NULL GROUP BY 1)
     SELECT c.id::int AS id, c.name, c.address, c.property_company AS "propertyCompany",
       c.community_path::text AS "communityPath", count(*)::int AS buildings,
       coalesce(sum(hh.n), 0)::int AS households, coalesce(sum(pp.n), 0)::int AS people,
       ST_AsGeoJSON(ST_ConvexHull(ST_Collect(b.footprint)), 7)::json AS outline
     FROM b JOIN registry_compounds c ON c.id = b.compound_id
     LEFT JOIN hh ON hh.building_id = b.id LEFT JOIN pp ON pp.building_id = b.id
     GROUP BY c.id ORDER BY c.name LIMIT $4`,
    [f.scope, f.area, f.id ?? null, f.limit],
  );
}

export function listCompounds(db: Queryable, scope: string, area: string, limit: number) {
  return compoundRows(db, { scope, area, limit });
}

/** undefined also when none of its buildings is in the scope. */
export async function getCompound(db: Queryable, scope: string, id: number): Promise<CompoundRow | undefined> {
  const [row] = await compoundRows(db, { scope, area: '', id, limit: 1 });
  return row;
}

export async function compoundExists(db: Queryable, id: number): Promise<boolean> {
  return (await all(db, q.selectFrom('registry_compounds').select('id').where('id', '=', id))).length > 0;
}

export async function compoundBuildings(db: Queryable, scope: string, id: number) {
  return db.query<{ id: number; name: string; address: string; floors: number; gridCode: string }>(
    `SELECT b.id::int AS id, b.name, b.address, b.floors, b.grid_code AS "gridCode" FROM registry_buildings b
     WHERE b.compound_id = $1 AND b.grid_path <@ $2::ltree ORDER BY length(b.name), b.name, b.id`,
    [id, scope],
  );
}

export async function updateCompound(
  db: Queryable,
  id: number,
  c: { address?: string | null; propertyCompany?: string | null },
) {
  // a field left out (undefined) stays as it is; null clears it
  const set = { address: c.address, property_company: c.propertyCompany };
  if (set.address === undefined && set.property_company === undefined) return;
  await run(db, q.updateTable('registry_compounds').set(set).where('id', '=', id));
}
