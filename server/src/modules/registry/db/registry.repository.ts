import type { Queryable } from '../../../core/db.js';
import type { FacilityKind, FacilityStatus, NineSmallKind, VenueKind } from '../domain/things.js';

/** All SQL on registry_* tables. */

type R<T> = T & Record<string, unknown>;

export type HouseholdUse = 'owner_occupied' | 'rented' | 'vacant' | 'commercial';

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

/** The compound of that name in the community of the grid, created on first mention. */
async function compoundFor(db: Queryable, name: string, gridPath: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO registry_compounds (name, community_path) VALUES ($1, subpath($2::ltree, 0, nlevel($2::ltree) - 1))
     ON CONFLICT (community_path, name) DO UPDATE SET name = excluded.name RETURNING id::int AS id`,
    [name, gridPath],
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

const BUILDING_COLUMNS = `b.id::int AS id, b.name, b.address,
  (SELECT c.name FROM registry_compounds c WHERE c.id = b.compound_id) AS compound, b.compound_id::int AS "compoundId", b.floors, b.height_m AS "heightM",
  b.affordable_type AS "affordableType", b.grid_code AS "gridCode", b.grid_path::text AS "gridPath",
  (SELECT count(*)::int FROM registry_households h WHERE h.building_id = b.id) AS households,
  (SELECT count(*)::int FROM registry_people p JOIN registry_households h ON h.id = p.household_id
   WHERE h.building_id = b.id AND p.erased_at IS NULL) AS people`;

export async function getBuilding(db: Queryable, id: number): Promise<BuildingRecord | undefined> {
  const [row] = await db.query<R<BuildingRecord>>(
    `SELECT ${BUILDING_COLUMNS} FROM registry_buildings b WHERE b.id = $1`,
    [id],
  );
  return row;
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

export async function insertHousehold(
  db: Queryable,
  h: { buildingId: number; unit: string; room: string; use: string },
): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(
    `WITH u AS (
       INSERT INTO registry_units (building_id, name) VALUES ($1, $2)
       ON CONFLICT (building_id, name) DO UPDATE SET name = excluded.name RETURNING id)
     INSERT INTO registry_households (building_id, unit_id, room, use) SELECT $1, u.id, $3, $4 FROM u
     ON CONFLICT (unit_id, room) DO NOTHING RETURNING id::int AS id`,
    [h.buildingId, h.unit, h.room, h.use],
  );
  return row?.id;
}

export interface NewHousehold {
  buildingId: number;
  unit: string;
  room: string;
  use: HouseholdUse;
}

/**
 * Many households in one statement, their units created as named; those already there are skipped and come back
 * missing. Rows name their household by building, unit and room.
 */
export async function insertHouseholds(
  db: Queryable,
  hs: NewHousehold[],
): Promise<{ id: number; buildingId: number; unit: string; room: string }[]> {
  if (!hs.length) return [];
  return db.query<{ id: number; buildingId: number; unit: string; room: string }>(
    `WITH x AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS x(b, unit, room, use)),
     u AS (
       INSERT INTO registry_units (building_id, name) SELECT DISTINCT b, unit FROM x
       ON CONFLICT (building_id, name) DO UPDATE SET name = excluded.name RETURNING id, building_id, name),
     ins AS (
       INSERT INTO registry_households (building_id, unit_id, room, use)
       SELECT x.b, u.id, x.room, x.use FROM x JOIN u ON u.building_id = x.b AND u.name = x.unit
       ON CONFLICT (unit_id, room) DO NOTHING RETURNING id, building_id, unit_id, room)
     SELECT ins.id::int AS id, ins.building_id::int AS "buildingId", u.name AS unit, ins.room
     FROM ins JOIN u ON u.id = ins.unit_id`,
    [hs.map((h) => h.buildingId), hs.map((h) => h.unit), hs.map((h) => h.room), hs.map((h) => h.use)],
  );
}

export async function getHousehold(db: Queryable, id: number) {
  const [row] = await db.query<{ id: number; buildingId: number; gridPath: string }>(
    `SELECT h.id::int AS id, h.building_id::int AS "buildingId", b.grid_path::text AS "gridPath"
     FROM registry_households h JOIN registry_buildings b ON b.id = h.building_id WHERE h.id = $1`,
    [id],
  );
  return row;
}

export interface NewPerson {
  name: string;
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  phoneMasked: string | null;
  birthDate: string;
  sex: 'male' | 'female';
  householdId: number | null;
  registered: boolean;
  gridPath: string;
  /** The ID number's hash under retired data keys, so a person not yet re-hashed by a rotation is still a duplicate. */
  retiredIdHashes?: string[];
}

/** undefined when a person with that ID number is already registered (the hash is unique). */
export async function insertPerson(db: Queryable, p: NewPerson): Promise<number | undefined> {
  const [row] = await insertPeople(db, [p]);
  return row?.id;
}

export async function setTags(db: Queryable, personId: number, tags: { tag: string; detail?: string }[], by: number) {
  for (const t of tags) {
    await db.query(
      `INSERT INTO registry_person_tags (person_id, tag, detail, set_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id, tag) DO UPDATE SET detail = excluded.detail, set_by = excluded.set_by, set_at = now()`,
      [personId, t.tag, t.detail ?? null, by],
    );
  }
}

export interface PersonRecord {
  id: number;
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  birthDate: string;
  sex: 'male' | 'female';
  registered: boolean;
  householdId: number | null;
  movedOutAt: string | null;
  household: {
    id: number;
    buildingId: number;
    building: string;
    address: string;
    unit: string;
    room: string;
    use: HouseholdUse;
  } | null;
  gridPath: string;
  tags: { tag: string; detail: string | null; setAt: string; setBy: number | null }[];
}

const PERSON_COLUMNS = `p.id::int AS id, p.name, p.id_number_masked AS "idNumberMasked", p.phone_masked AS "phoneMasked",
  to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.sex, p.registered, p.household_id::int AS "householdId",
  to_json(p.moved_out_at) #>> '{}' AS "movedOutAt", p.grid_path::text AS "gridPath",
  (SELECT json_build_object('id', h.id, 'buildingId', b.id, 'building', b.name, 'address', b.address, 'unit', u.name,
     'room', h.room, 'use', h.use)
   FROM registry_households h JOIN registry_units u ON u.id = h.unit_id JOIN registry_buildings b ON b.id = h.building_id
   WHERE h.id = p.household_id) AS household,
  (SELECT coalesce(json_agg(json_build_object('tag', t.tag, 'detail', t.detail, 'setAt', t.set_at, 'setBy', t.set_by) ORDER BY t.tag), '[]'::json)
   FROM registry_person_tags t WHERE t.person_id = p.id) AS tags`;

export async function getPerson(db: Queryable, id: number): Promise<PersonRecord | undefined> {
  const [row] = await db.query<R<PersonRecord>>(
    `SELECT ${PERSON_COLUMNS} FROM registry_people p WHERE p.id = $1 AND p.erased_at IS NULL`,
    [id],
  );
  return row;
}

export async function getSealed(db: Queryable, id: number) {
  const [row] = await db.query<{ idNumberEnc: string; phoneEnc: string | null; gridPath: string }>(
    `SELECT id_number_enc AS "idNumberEnc", phone_enc AS "phoneEnc", grid_path::text AS "gridPath"
     FROM registry_people WHERE id = $1 AND erased_at IS NULL`,
    [id],
  );
  return row;
}

export interface PeopleFilter {
  scope: string;
  name?: string;
  /** The value's hashes under the current key and any retired one. */
  idNumberHash?: string[];
  phoneHash?: string[];
  tag?: string;
  /** Part of the address of the building they live in. */
  address?: string;
  limit: number;
  offset: number;
}

/** Always inside the scope; a name matches by trigram similarity, ID and phone only exactly, through their hash. */
export async function searchPeople(db: Queryable, f: PeopleFilter): Promise<PersonRecord[]> {
  const params: unknown[] = [f.scope];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['p.grid_path <@ $1::ltree', 'p.erased_at IS NULL'];
  // pg_trgm needs three characters to use its index; a shorter query matches the start of the name (the surname
  // and the first given character), which a b-tree prefix index answers at any size
  if (f.name && [...f.name].length < 3) where.push(`p.name LIKE ${p(f.name.replace(/[%_\\]/g, '\\$&'))} || '%'`);
  else if (f.name) where.push(`p.name LIKE '%' || ${p(f.name.replace(/[%_\\]/g, '\\$&'))} || '%'`);
  if (f.idNumberHash) where.push(`p.id_number_hash = ANY(${p(f.idNumberHash)}::text[])`);
  if (f.phoneHash) where.push(`p.phone_hash = ANY(${p(f.phoneHash)}::text[])`);
  if (f.tag)
    where.push(`EXISTS (SELECT 1 FROM registry_person_tags t WHERE t.person_id = p.id AND t.tag = ${p(f.tag)})`);
  if (f.address) {
    where.push(`p.household_id IN (SELECT h.id FROM registry_households h JOIN registry_buildings b ON b.id = h.building_id
      WHERE b.grid_path <@ $1::ltree AND b.address LIKE '%' || ${p(f.address.replace(/[%_\\]/g, '\\$&'))} || '%')`);
  }
  const order = f.name ? `similarity(p.name, ${p(f.name)}) DESC, p.id` : 'p.id';
  return db.query<R<PersonRecord>>(
    `SELECT ${PERSON_COLUMNS} FROM registry_people p WHERE ${where.join(' AND ')} ORDER BY ${order}
     LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
    params,
  );
}

/**
 * Erasure on request (PIPL art. 47): the name and every sealed value go; what the law requires to be kept (that a
 * record existed, when, and who erased it) stays in the audit log.
 */
export async function erasePerson(db: Queryable, id: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE registry_people SET name = '已删除', id_number_enc = '', id_number_hash = 'erased:' || id, id_number_masked = '',
       phone_enc = NULL, phone_hash = NULL, phone_masked = NULL, household_id = NULL, erased_at = now()
     WHERE id = $1 AND erased_at IS NULL RETURNING id`,
    [id],
  );
  await db.query('DELETE FROM registry_person_tags WHERE person_id = $1', [id]);
  return rows.length === 1;
}

export interface ImportRecord {
  id: number;
  fileName: string;
  fileKey: string;
  mode: 'all_or_nothing' | 'valid_only';
  status: 'checking' | 'importing' | 'done' | 'rejected' | 'failed';
  totalRows: number;
  processedRows: number;
  importedRows: number;
  duplicateRows: number;
  errorRows: number;
  unmatchedRows: number;
  createdBy: number;
  scopePath: string;
}

const IMPORT_COLUMNS = `id::int AS id, file_name AS "fileName", file_key AS "fileKey", mode, status, total_rows AS "totalRows",
  processed_rows AS "processedRows", imported_rows AS "importedRows", duplicate_rows AS "duplicateRows",
  error_rows AS "errorRows", unmatched_rows AS "unmatchedRows", created_by::int AS "createdBy", scope_path::text AS "scopePath"`;

export async function insertImport(
  db: Queryable,
  i: { fileName: string; fileKey: string; mode: string; createdBy: number; scopePath: string },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO registry_imports (file_name, file_key, mode, status, created_by, scope_path)
     VALUES ($1, $2, $3, 'checking', $4, $5::ltree) RETURNING id::int AS id`,
    [i.fileName, i.fileKey, i.mode, i.createdBy, i.scopePath],
  );
  return row?.id as number;
}

export async function getImport(db: Queryable, id: number): Promise<ImportRecord | undefined> {
  const [row] = await db.query<R<ImportRecord>>(`SELECT ${IMPORT_COLUMNS} FROM registry_imports WHERE id = $1`, [id]);
  return row;
}

export async function updateImport(
  db: Queryable,
  id: number,
  p: Partial<
    Pick<
      ImportRecord,
      'status' | 'totalRows' | 'processedRows' | 'importedRows' | 'duplicateRows' | 'errorRows' | 'unmatchedRows'
    >
  >,
): Promise<void> {
  await db.query(
    `UPDATE registry_imports SET status = coalesce($2, status), total_rows = coalesce($3, total_rows),
       processed_rows = coalesce($4, processed_rows), imported_rows = coalesce($5, imported_rows),
       duplicate_rows = coalesce($6, duplicate_rows), error_rows = coalesce($7, error_rows),
       unmatched_rows = coalesce($8, unmatched_rows),
       finished_at = CASE WHEN $2 IN ('done', 'rejected', 'failed') THEN now() ELSE finished_at END
     WHERE id = $1`,
    [
      id,
      p.status ?? null,
      p.totalRows ?? null,
      p.processedRows ?? null,
      p.importedRows ?? null,
      p.duplicateRows ?? null,
      p.errorRows ?? null,
      p.unmatchedRows ?? null,
    ],
  );
}

export async function insertImportErrors(
  db: Queryable,
  importId: number,
  errors: { row: number; column: string; zh: string; en: string }[],
): Promise<void> {
  if (!errors.length) return;
  await db.query(
    `INSERT INTO registry_import_errors (import_id, row_number, column_name, message_zh, message_en)
     SELECT $1, r, c, z, e FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS t(r, c, z, e)`,
    [importId, errors.map((e) => e.row), errors.map((e) => e.column), errors.map((e) => e.zh), errors.map((e) => e.en)],
  );
}

export async function insertUnmatched(
  db: Queryable,
  importId: number,
  rows: { row: number; address: string; name: string }[],
) {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO registry_import_unmatched (import_id, row_number, address, name)
     SELECT $1, r, a, n FROM unnest($2::int[], $3::text[], $4::text[]) AS t(r, a, n)`,
    [importId, rows.map((r) => r.row), rows.map((r) => r.address), rows.map((r) => r.name)],
  );
}

export async function listImportErrors(db: Queryable, importId: number) {
  return db.query<{ row: number; column: string; zh: string; en: string }>(
    `SELECT row_number AS row, column_name AS column, message_zh AS zh, message_en AS en
     FROM registry_import_errors WHERE import_id = $1 ORDER BY row_number, column_name`,
    [importId],
  );
}

export async function listUnmatched(db: Queryable, importId: number) {
  return db.query<{ row: number; address: string; name: string }>(
    'SELECT row_number AS row, address, name FROM registry_import_unmatched WHERE import_id = $1 ORDER BY row_number',
    [importId],
  );
}

/** Every building of the scope by its normalised address, for matching rows without a query per row. */
export async function buildingAddresses(db: Queryable, scope: string) {
  return db.query<{ id: number; address: string; gridPath: string }>(
    `SELECT id::int AS id, address, grid_path::text AS "gridPath" FROM registry_buildings WHERE grid_path <@ $1::ltree`,
    [scope],
  );
}

export async function householdIds(db: Queryable, buildingIds: number[]) {
  return db.query<{ id: number; buildingId: number; unit: string; room: string }>(
    `SELECT h.id::int AS id, h.building_id::int AS "buildingId", u.name AS unit, h.room
     FROM registry_households h JOIN registry_units u ON u.id = h.unit_id WHERE h.building_id = ANY($1::bigint[])`,
    [buildingIds],
  );
}

/** Many people at once; those whose ID number is already registered are skipped and come back missing. */
/**
 * Many people in one statement, a column an array: 13 parameters however many rows, so a batch of thousands costs
 * one parse and one plan. A person whose ID number is registered — under the current key or a retired one — is skipped.
 */
export async function insertPeople(
  db: Queryable,
  people: NewPerson[],
): Promise<{ id: number; idNumberHash: string }[]> {
  if (!people.length) return [];
  const column = <T>(f: (p: NewPerson) => T) => people.map(f);
  return db.query<{ id: number; idNumberHash: string }>(
    `INSERT INTO registry_people (name, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash,
       phone_masked, birth_date, sex, household_id, registered, grid_path)
     SELECT name, enc, hash, masked, penc, phash, pmasked, bd, sex, hh, reg, gp::ltree
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[],
       $9::text[], $10::bigint[], $11::boolean[], $12::text[], $13::text[])
       AS v(name, enc, hash, masked, penc, phash, pmasked, bd, sex, hh, reg, gp, retired)
     WHERE v.retired = ''
       OR NOT EXISTS (SELECT 1 FROM registry_people x WHERE x.id_number_hash = ANY(string_to_array(v.retired, ',')))
     ON CONFLICT (id_number_hash) DO NOTHING RETURNING id::int AS id, id_number_hash AS "idNumberHash"`,
    [
      column((p) => p.name),
      column((p) => p.idNumberEnc),
      column((p) => p.idNumberHash),
      column((p) => p.idNumberMasked),
      column((p) => p.phoneEnc),
      column((p) => p.phoneHash),
      column((p) => p.phoneMasked),
      column((p) => p.birthDate),
      column((p) => p.sex),
      column((p) => p.householdId),
      column((p) => p.registered),
      column((p) => p.gridPath),
      // keyed hashes are base64url or hex, never a comma
      column((p) => (p.retiredIdHashes ?? []).join(',')),
    ],
  );
}

export async function insertTagsBulk(db: Queryable, tags: { personId: number; tag: string }[], by: number) {
  if (!tags.length) return;
  await db.query(
    `INSERT INTO registry_person_tags (person_id, tag, set_by)
     SELECT p, t, $3 FROM unnest($1::bigint[], $2::text[]) AS x(p, t) ON CONFLICT DO NOTHING`,
    [tags.map((t) => t.personId), tags.map((t) => t.tag), by],
  );
}

/** 情: live counts per area — people by tag, floating share, households, buildings, venues, facilities — in the order
 * the area paths are given, each cut to the scope. */
export async function areaCounts(db: Queryable, scope: string, areas: string[]) {
  return db.query<{
    buildings: number;
    households: number;
    people: number;
    floating: number;
    byTag: Record<string, number>;
    venues: number;
    facilities: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM registry_buildings b WHERE b.grid_path <@ $1::ltree AND b.grid_path <@ a.path) AS buildings,
       (SELECT count(*)::int FROM registry_households h JOIN registry_buildings b ON b.id = h.building_id
        WHERE b.grid_path <@ $1::ltree AND b.grid_path <@ a.path) AS households,
       p.people, p.floating,
       coalesce((SELECT json_object_agg(tag, n) FROM (
          SELECT t.tag, count(*)::int AS n FROM registry_person_tags t JOIN registry_people q ON q.id = t.person_id
          WHERE q.grid_path <@ $1::ltree AND q.grid_path <@ a.path AND q.erased_at IS NULL AND q.moved_out_at IS NULL
          GROUP BY t.tag) x), '{}'::json) AS "byTag",
       (SELECT count(*)::int FROM registry_venues v WHERE v.grid_path <@ $1::ltree AND v.grid_path <@ a.path) AS venues,
       (SELECT count(*)::int FROM registry_facilities f WHERE f.grid_path <@ $1::ltree AND f.grid_path <@ a.path) AS facilities
     FROM (SELECT path::ltree AS path, i FROM unnest($2::text[]) WITH ORDINALITY AS u(path, i)) a,
     LATERAL (SELECT count(*)::int AS people, count(*) FILTER (WHERE NOT r.registered)::int AS floating
              FROM registry_people r WHERE r.grid_path <@ $1::ltree AND r.grid_path <@ a.path AND r.erased_at IS NULL
                AND r.moved_out_at IS NULL) p
     ORDER BY a.i`,
    [scope, areas],
  );
}

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

export interface ExportedPerson {
  id: number;
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  sex: 'male' | 'female';
  birthDate: string;
  registered: boolean;
  address: string | null;
  unit: string | null;
  room: string | null;
  gridCode: string;
  tags: string[];
}

export interface ExportFilter {
  scope: string;
  area: string;
  tag?: string;
}

function exportWhere(f: ExportFilter) {
  const params: unknown[] = [f.scope, f.area];
  const where = [
    'p.grid_path <@ $1::ltree',
    'p.grid_path <@ $2::ltree',
    'p.erased_at IS NULL',
    'p.moved_out_at IS NULL',
  ];
  if (f.tag) {
    params.push(f.tag);
    where.push(`EXISTS (SELECT 1 FROM registry_person_tags t WHERE t.person_id = p.id AND t.tag = $${params.length})`);
  }
  return { params, where: where.join(' AND ') };
}

/** How many people an export will hold, and the last id it reads up to, so the audit row and the file agree. */
export async function exportExtent(db: Queryable, f: ExportFilter): Promise<{ count: number; lastId: number }> {
  const { params, where } = exportWhere(f);
  const [row] = await db.query<{ count: number; lastId: number }>(
    `SELECT count(*)::int AS count, coalesce(max(p.id), 0)::int AS "lastId" FROM registry_people p WHERE ${where}`,
    params,
  );
  return row ?? { count: 0, lastId: 0 };
}

/** One page of an export, masked values only, by id after `afterId`: constant cost however deep the page. */
export async function exportPage(
  db: Queryable,
  f: ExportFilter,
  afterId: number,
  lastId: number,
  size: number,
): Promise<ExportedPerson[]> {
  const { params, where } = exportWhere(f);
  const n = params.length;
  return db.query<R<ExportedPerson>>(
    `SELECT p.id::int AS id, p.name, p.id_number_masked AS "idNumberMasked", p.phone_masked AS "phoneMasked", p.sex,
       to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.registered, b.address, u.name AS unit, h.room,
       subpath(p.grid_path, -1)::text AS "gridCode",
       coalesce((SELECT array_agg(t.tag ORDER BY t.tag) FROM registry_person_tags t WHERE t.person_id = p.id), '{}'::text[]) AS tags
     FROM registry_people p
     LEFT JOIN registry_households h ON h.id = p.household_id
     LEFT JOIN registry_units u ON u.id = h.unit_id
     LEFT JOIN registry_buildings b ON b.id = h.building_id
     WHERE ${where} AND p.id > $${n + 1} AND p.id <= $${n + 2}
     ORDER BY p.id LIMIT $${n + 3}`,
    [...params, afterId, lastId, size],
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

/** Every venue of an area with its place, in id order (demo device installation). */
export async function listVenuePlaces(db: Queryable, areaPath: string): Promise<VenueRecord[]> {
  return db.query<R<VenueRecord>>(
    `SELECT ${VENUE_COLUMNS} FROM registry_venues v WHERE v.grid_path <@ $1::ltree ORDER BY v.id`,
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
