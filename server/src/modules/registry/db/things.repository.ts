import type { Queryable } from '../../../core/db.js';
import type { FacilityKind, FacilityStatus, NineSmallKind, VenueKind } from '../domain/things.js';

/** SQL on registry_venues and registry_facilities: 物, points filed under their grid. */

type R<T> = T & Record<string, unknown>;

export interface NewVenue {
  name: string;
  kind: string;
  nineSmallKind: string | null;
  address: string;
  lng: number;
  lat: number;
  buildingId: number | null;
  ownerName: string | null;
  contactPhoneEnc: string | null;
  contactPhoneMasked: string | null;
  creditCode: string | null;
  gridCode: string;
  gridPath: string;
}

export async function insertVenue(db: Queryable, v: NewVenue): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO registry_venues (name, kind, nine_small_kind, address, location, building_id, owner_name,
       contact_phone_enc, contact_phone_masked, credit_code, grid_code, grid_path)
     VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, $9, $10, $11, $12, $13::ltree)
     RETURNING id::int AS id`,
    [
      v.name,
      v.kind,
      v.nineSmallKind,
      v.address,
      v.lng,
      v.lat,
      v.buildingId,
      v.ownerName,
      v.contactPhoneEnc,
      v.contactPhoneMasked,
      v.creditCode,
      v.gridCode,
      v.gridPath,
    ],
  );
  return row?.id as number;
}

export interface VenueRecord {
  id: number;
  name: string;
  kind: VenueKind;
  nineSmallKind: NineSmallKind | null;
  address: string;
  location: { lng: number; lat: number };
  buildingId: number | null;
  ownerName: string | null;
  contactPhoneMasked: string | null;
  creditCode: string | null;
  gridCode: string;
  gridPath: string;
  createdAt: string;
}

// the sealed phone is never selected: only the masked one leaves this file
const VENUE_COLUMNS = `v.id::int AS id, v.name, v.kind, v.nine_small_kind AS "nineSmallKind", v.address,
  json_build_object('lng', ST_X(v.location), 'lat', ST_Y(v.location)) AS location, v.building_id::int AS "buildingId",
  v.owner_name AS "ownerName", v.contact_phone_masked AS "contactPhoneMasked", v.credit_code AS "creditCode",
  v.grid_code AS "gridCode", v.grid_path::text AS "gridPath", to_json(v.created_at)#>>'{}' AS "createdAt"`;

export async function getVenue(db: Queryable, id: number): Promise<VenueRecord | undefined> {
  const [row] = await db.query<R<VenueRecord>>(`SELECT ${VENUE_COLUMNS} FROM registry_venues v WHERE v.id = $1`, [id]);
  return row;
}

/** `<@ scope AND <@ area`, and a name containing the query, LIKE wildcards taken literally. */
function thingFilter(
  alias: string,
  f: { scope: string; area: string; q?: string; buildingId?: number },
  extra: [string, unknown][],
) {
  const params: unknown[] = [f.scope, f.area];
  const where = [`${alias}.grid_path <@ $1::ltree`, `${alias}.grid_path <@ $2::ltree`];
  if (f.q) {
    params.push(f.q.replace(/[%_\\]/g, '\\$&'));
    where.push(`${alias}.name LIKE '%' || $${params.length} || '%'`);
  }
  for (const [column, value] of [...extra, ['building_id', f.buildingId] as [string, unknown]]) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${alias}.${column} = $${params.length}`);
  }
  return { params, where: where.join(' AND ') };
}

export interface ThingPage {
  scope: string;
  area: string;
  q?: string;
  /** Only those in or at this building. */
  buildingId?: number;
  limit: number;
  offset: number;
}

export async function searchVenues(
  db: Queryable,
  f: ThingPage & { kind?: string; nineSmallKind?: string },
): Promise<{ items: VenueRecord[]; total: number }> {
  const { params, where } = thingFilter('v', f, [
    ['kind', f.kind],
    ['nine_small_kind', f.nineSmallKind],
  ]);
  const rows = await db.query<R<VenueRecord & { total: number }>>(
    `SELECT ${VENUE_COLUMNS}, count(*) OVER ()::int AS total FROM registry_venues v WHERE ${where}
     ORDER BY v.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items: rows.map(({ total: _t, ...v }) => v), total: rows[0]?.total ?? 0 };
}

export interface NewFacility {
  kind: string;
  name: string;
  lng: number;
  lat: number;
  buildingId: number | null;
  venueId: number | null;
  ownerName: string | null;
  status: string;
  gridCode: string;
  gridPath: string;
}

export async function insertFacility(db: Queryable, f: NewFacility): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO registry_facilities (kind, name, location, building_id, venue_id, owner_name, status, grid_code, grid_path)
     VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), $5, $6, $7, $8, $9, $10::ltree) RETURNING id::int AS id`,
    [f.kind, f.name, f.lng, f.lat, f.buildingId, f.venueId, f.ownerName, f.status, f.gridCode, f.gridPath],
  );
  return row?.id as number;
}

export interface FacilityRecord {
  id: number;
  kind: FacilityKind;
  name: string;
  location: { lng: number; lat: number };
  buildingId: number | null;
  venueId: number | null;
  ownerName: string | null;
  status: FacilityStatus;
  gridCode: string;
  gridPath: string;
  createdAt: string;
}

const FACILITY_COLUMNS = `f.id::int AS id, f.kind, f.name,
  json_build_object('lng', ST_X(f.location), 'lat', ST_Y(f.location)) AS location, f.building_id::int AS "buildingId",
  f.venue_id::int AS "venueId", f.owner_name AS "ownerName", f.status, f.grid_code AS "gridCode",
  f.grid_path::text AS "gridPath", to_json(f.created_at)#>>'{}' AS "createdAt"`;

export async function getFacility(db: Queryable, id: number): Promise<FacilityRecord | undefined> {
  const [row] = await db.query<R<FacilityRecord>>(
    `SELECT ${FACILITY_COLUMNS} FROM registry_facilities f WHERE f.id = $1`,
    [id],
  );
  return row;
}

export async function searchFacilities(
  db: Queryable,
  f: ThingPage & { kind?: string; status?: string },
): Promise<{ items: FacilityRecord[]; total: number }> {
  const { params, where } = thingFilter('f', f, [
    ['kind', f.kind],
    ['status', f.status],
  ]);
  const rows = await db.query<R<FacilityRecord & { total: number }>>(
    `SELECT ${FACILITY_COLUMNS}, count(*) OVER ()::int AS total FROM registry_facilities f WHERE ${where}
     ORDER BY f.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items: rows.map(({ total: _t, ...x }) => x), total: rows[0]?.total ?? 0 };
}

/** Venues or facilities of an area as GeoJSON points for the map: what they are, never who to call. */
export async function thingsGeoJson(
  db: Queryable,
  layer: 'venues' | 'facilities',
  scope: string,
  area: string,
  limit: number,
): Promise<unknown> {
  const [table, properties] =
    layer === 'venues'
      ? ['registry_venues', `'kind', t.kind, 'nineSmallKind', t.nine_small_kind, 'address', t.address`]
      : ['registry_facilities', `'kind', t.kind, 'status', t.status`];
  const [row] = await db.query<{ fc: unknown }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'geometry', ST_AsGeoJSON(t.location, 7)::json,
       'properties', json_build_object('id', t.id, 'name', t.name, ${properties}, 'gridCode', t.grid_code))), '[]'::json)) AS fc
     FROM (SELECT * FROM ${table} WHERE grid_path <@ $1::ltree AND grid_path <@ $2::ltree ORDER BY id LIMIT $3) t`,
    [scope, area, limit],
  );
  return row?.fc;
}

/** Every venue of an area with its place, in id order (demo device installation). */
export async function listVenuePlaces(db: Queryable, areaPath: string): Promise<VenueRecord[]> {
  return db.query<R<VenueRecord>>(
    `SELECT ${VENUE_COLUMNS} FROM registry_venues v WHERE v.grid_path <@ $1::ltree ORDER BY v.id`,
    [areaPath],
  );
}
