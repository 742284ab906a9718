import { sql } from 'kysely';
import type { Queryable } from '../../../core/db.js';
import { all, anyOf, first, int, iso, queryBuilder } from '../../../core/sql.js';
import type { RegistryTables } from './registry.tables.js';

/**
 * SQL for units, households and doorstep visits: the 房 side below the building. The household book and counts
 * (ltree filters) and the bulk inserts are raw SQL; the rest goes through the typed builder.
 */

const q = queryBuilder<RegistryTables>();

type R<T> = T & Record<string, unknown>;

export type HouseholdUse = 'owner_occupied' | 'rented' | 'vacant' | 'commercial';

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
  return first(
    db,
    q
      .selectFrom('registry_households as h')
      .innerJoin('registry_buildings as b', 'b.id', 'h.building_id')
      .select((eb) => [
        int(eb.ref('h.id')).as('id'),
        int(eb.ref('h.building_id')).as('buildingId'),
        'b.grid_path as gridPath',
      ])
      .where('h.id', '=', id),
  );
}

export async function householdIds(db: Queryable, buildingIds: number[]) {
  return all(
    db,
    q
      .selectFrom('registry_households as h')
      .innerJoin('registry_units as u', 'u.id', 'h.unit_id')
      .select((eb) => [
        int(eb.ref('h.id')).as('id'),
        int(eb.ref('h.building_id')).as('buildingId'),
        'u.name as unit',
        'h.room',
      ])
      .where('h.building_id', '=', anyOf(buildingIds, 'bigint')),
  );
}

export interface ResidentRow {
  id: number;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  registered: boolean;
  tags: string[];
}

export interface HouseholdRow {
  id: number;
  room: string;
  use: HouseholdUse;
  version: number;
  visitedAt: string | null;
  residents: ResidentRow[];
}

export interface UnitRow {
  id: number;
  name: string;
  households: HouseholdRow[];
}

export interface BookBuilding {
  id: number;
  name: string;
  address: string;
  compound: string | null;
  gridCode: string;
  floors: number;
  units: UnitRow[];
}

const RESIDENTS = `coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'sex', p.sex,
    'birthDate', to_char(p.birth_date, 'YYYY-MM-DD'), 'idNumberMasked', p.id_number_masked,
    'phoneMasked', p.phone_masked, 'registered', p.registered,
    'tags', coalesce((SELECT json_agg(t.tag ORDER BY t.tag) FROM registry_person_tags t WHERE t.person_id = p.id), '[]'::json))
    ORDER BY p.birth_date, p.id)
  FROM registry_people p WHERE p.household_id = h.id AND p.erased_at IS NULL), '[]'::json)`;

const HOUSEHOLDS = `coalesce((SELECT json_agg(json_build_object('id', h.id, 'room', h.room, 'use', h.use, 'version', h.version,
    'visitedAt', h.visited_at, 'residents', ${RESIDENTS}) ORDER BY length(h.room), h.room)
  FROM registry_households h WHERE h.unit_id = u.id), '[]'::json)`;

const UNITS = `coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'households', ${HOUSEHOLDS})
    ORDER BY length(u.name), u.name)
  FROM registry_units u WHERE u.building_id = b.id), '[]'::json)`;

/**
 * 台账: buildings of an area with their units, households and residents (masked), in one read. The grid worker's
 * phone keeps it for the doorstep, where there may be no connection.
 */
export async function householdBook(
  db: Queryable,
  f: { scope: string; area: string; buildingId?: number; limit: number },
): Promise<BookBuilding[]> {
  return db.query<R<BookBuilding>>(
    `SELECT b.id::int AS id, b.name, b.address, c.name AS compound, b.grid_code AS "gridCode", b.floors, ${UNITS} AS units
     FROM registry_buildings b LEFT JOIN registry_compounds c ON c.id = b.compound_id
     WHERE b.grid_path <@ $1::ltree AND b.grid_path <@ $2::ltree AND ($3::bigint IS NULL OR b.id = $3)
     ORDER BY c.name NULLS LAST, length(b.name), b.name, b.id LIMIT $4`,
    [f.scope, f.area, f.buildingId ?? null, f.limit],
  );
}

/** How many households a book of the area would hold, to refuse one too large for a phone before building it. */
export async function countHouseholds(db: Queryable, scope: string, area: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM registry_households h JOIN registry_buildings b ON b.id = h.building_id
     WHERE b.grid_path <@ $1::ltree AND b.grid_path <@ $2::ltree`,
    [scope, area],
  );
  return row?.n ?? 0;
}

export interface HouseholdState {
  id: number;
  use: HouseholdUse;
  version: number;
  gridPath: string;
  buildingId: number;
}

/** The household locked for the visit being applied, so two phones syncing at once take turns. */
export async function lockHousehold(db: Queryable, id: number): Promise<HouseholdState | undefined> {
  return first(
    db,
    q
      .selectFrom('registry_households as h')
      .innerJoin('registry_buildings as b', 'b.id', 'h.building_id')
      .select((eb) => [
        int(eb.ref('h.id')).as('id'),
        'h.use',
        'h.version',
        'b.grid_path as gridPath',
        int(eb.ref('h.building_id')).as('buildingId'),
      ])
      .where('h.id', '=', id)
      .forUpdate('h'),
  );
}

export async function updateHousehold(db: Queryable, id: number, use: HouseholdUse, visitedAt: string) {
  const at = sql<Date>`${visitedAt}::timestamptz`;
  const row = await first(
    db,
    q
      .updateTable('registry_households')
      .set((eb) => ({
        use,
        version: eb('version', '+', 1),
        // a visit recorded offline may arrive after a later one: the household keeps the latest
        visited_at: eb.fn<Date>('greatest', [eb.fn.coalesce('visited_at', at), at]),
      }))
      .where('id', '=', id)
      .returning('version'),
  );
  return row?.version as number;
}

/** Residents who no longer live there leave the household (and the area's counts); their record stays. */
export async function moveOut(db: Queryable, householdId: number, personIds: number[]): Promise<number[]> {
  if (!personIds.length) return [];
  const rows = await all(
    db,
    q
      .updateTable('registry_people')
      .set({ household_id: null, moved_out_at: sql<Date>`now()` })
      .where('household_id', '=', householdId)
      .where('id', '=', anyOf(personIds, 'bigint'))
      .where('erased_at', 'is', null)
      .returning((eb) => int(eb.ref('id')).as('id')),
  );
  return rows.map((r) => r.id);
}

export interface VisitRecord {
  id: number;
  householdId: number;
  actorId: number;
  actorName: string;
  recordedAt: string;
  receivedAt: string;
  useBefore: HouseholdUse;
  useAfter: HouseholdUse;
  note: string | null;
  movedOut: number[];
  movedIn: number[];
}

function visits() {
  return (
    q
      .selectFrom('registry_household_visits as v')
      .select((eb) => [
        int(eb.ref('v.id')).as('id'),
        int(eb.ref('v.household_id')).as('householdId'),
        int(eb.ref('v.actor_id')).as('actorId'),
        'v.actor_name as actorName',
        iso(eb.ref('v.recorded_at')).as('recordedAt'),
        iso(eb.ref('v.received_at')).as('receivedAt'),
        'v.use_before as useBefore',
        'v.use_after as useAfter',
        'v.note',
        sql<number[]>`${eb.ref('v.moved_out')}::int[]`.as('movedOut'),
        sql<number[]>`${eb.ref('v.moved_in')}::int[]`.as('movedIn'),
      ])
      // a visit's uses are plain text in the table, written from the household's checked use
      .$narrowType<{ useBefore: HouseholdUse; useAfter: HouseholdUse }>()
  );
}

/** undefined when this phone already sent a visit under that key (a retry after a lost answer). */
export async function insertVisit(
  db: Queryable,
  v: Omit<VisitRecord, 'id' | 'receivedAt'> & { idempotencyKey: string },
): Promise<number | undefined> {
  const row = await first(
    db,
    q
      .insertInto('registry_household_visits')
      .values({
        household_id: v.householdId,
        actor_id: v.actorId,
        actor_name: v.actorName,
        idempotency_key: v.idempotencyKey,
        recorded_at: v.recordedAt,
        use_before: v.useBefore,
        use_after: v.useAfter,
        note: v.note,
        moved_out: v.movedOut,
        moved_in: v.movedIn,
      })
      .onConflict((oc) => oc.columns(['actor_id', 'idempotency_key']).doNothing())
      .returning((eb) => int(eb.ref('id')).as('id')),
  );
  return row?.id;
}

export async function findVisit(db: Queryable, actorId: number, key: string): Promise<VisitRecord | undefined> {
  return first(db, visits().where('v.actor_id', '=', actorId).where('v.idempotency_key', '=', key));
}

export async function listVisits(db: Queryable, householdId: number, limit: number): Promise<VisitRecord[]> {
  return all(
    db,
    visits()
      .where('v.household_id', '=', householdId)
      .orderBy('v.recorded_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(limit),
  );
}
