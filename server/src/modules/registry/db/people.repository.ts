import { sql } from 'kysely';
import type { Queryable } from '../../../core/db.js';
import { all, first, queryBuilder, run } from '../../../core/sql.js';
import type { HouseholdUse } from './households.repository.js';
import type { RegistryTables } from './registry.tables.js';

/**
 * SQL on registry_people and registry_person_tags: registration, search, reveal, erasure and export. Searches and
 * exports (ltree scope, trigram order), the person projection they share with getPerson, and the bulk inserts of an
 * import are raw SQL; the rest goes through the typed builder.
 */

const q = queryBuilder<RegistryTables>();

type R<T> = T & Record<string, unknown>;

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

export async function setTags(db: Queryable, personId: number, tags: { tag: string; detail?: string }[], by: number) {
  for (const t of tags) {
    await run(
      db,
      q
        .insertInto('registry_person_tags')
        .values({ person_id: personId, tag: t.tag, detail: t.detail ?? null, set_by: by })
        .onConflict((oc) =>
          oc.columns(['person_id', 'tag']).doUpdateSet((eb) => ({
            detail: eb.ref('excluded.detail'),
            set_by: eb.ref('excluded.set_by'),
            set_at: sql<Date>`now()`,
          })),
        ),
    );
  }
}

export async function removeTag(db: Queryable, personId: number, tag: string): Promise<boolean> {
  const rows = await db.query(`DELETE FROM registry_person_tags WHERE person_id = $1 AND tag = $2 RETURNING tag`, [
    personId,
    tag,
  ]);
  return rows.length > 0;
}

export async function insertTagsBulk(db: Queryable, tags: { personId: number; tag: string }[], by: number) {
  if (!tags.length) return;
  await db.query(
    `INSERT INTO registry_person_tags (person_id, tag, set_by)
     SELECT p, t, $3 FROM unnest($1::bigint[], $2::text[]) AS x(p, t) ON CONFLICT DO NOTHING`,
    [tags.map((t) => t.personId), tags.map((t) => t.tag), by],
  );
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
  return first(
    db,
    q
      .selectFrom('registry_people')
      .select(['id_number_enc as idNumberEnc', 'phone_enc as phoneEnc', 'grid_path as gridPath'])
      .where('id', '=', id)
      .where('erased_at', 'is', null),
  );
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
  const rows = await all(
    db,
    q
      .updateTable('registry_people')
      .set((eb) => ({
        name: '已删除',
        id_number_enc: '',
        // the hash column is unique: each erased record keeps a distinct placeholder
        id_number_hash: sql<string>`'erased:' || ${eb.ref('id')}`,
        id_number_masked: '',
        phone_enc: null,
        phone_hash: null,
        phone_masked: null,
        household_id: null,
        erased_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .where('erased_at', 'is', null)
      .returning('id'),
  );
  await run(db, q.deleteFrom('registry_person_tags').where('person_id', '=', id));
  return rows.length === 1;
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
