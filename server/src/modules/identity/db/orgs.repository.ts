import type { Queryable } from '../../../core/db.js';
import {
  type Employment,
  ORG_COLUMNS,
  type OrgRecord,
  type R,
  USER_COLUMNS,
  type UserRecord,
} from './identity.repository.js';

/** All SQL on organisations as their administrators see them: counts, members, duty. */

export interface OrgSummary extends OrgRecord {
  services: string[];
  members: number;
  fullTime: number;
  partTime: number;
  onDuty: number;
}

/** The orgs whose region lies inside the scope (a street administrator: their street's teams), with head counts. */
export async function listOrgsInside(db: Queryable, scope: string): Promise<OrgSummary[]> {
  return db.query<R<OrgSummary>>(
    `SELECT o.code, o.name, o.kind, o.region_path::text AS "regionPath", o.services,
       count(u.id)::int AS members,
       count(u.id) FILTER (WHERE u.employment = 'full_time')::int AS "fullTime",
       count(u.id) FILTER (WHERE u.employment = 'part_time')::int AS "partTime",
       count(u.id) FILTER (WHERE u.on_duty)::int AS "onDuty"
     FROM identity_orgs o LEFT JOIN identity_users u ON u.org_code = o.code AND NOT u.disabled
     WHERE o.region_path <@ $1::ltree
     GROUP BY o.code ORDER BY o.kind, o.region_path, o.code`,
    [scope],
  );
}

export async function insertOrg(db: Queryable, o: Required<OrgRecord>): Promise<OrgRecord | undefined> {
  const [row] = await db.query<R<OrgRecord>>(
    `INSERT INTO identity_orgs (code, name, kind, region_path, services) VALUES ($1, $2, $3, $4::ltree, $5::text[])
     ON CONFLICT (code) DO NOTHING RETURNING ${ORG_COLUMNS}`,
    [o.code, o.name, o.kind, o.regionPath, o.services],
  );
  return row;
}

export async function updateOrg(
  db: Queryable,
  code: string,
  patch: { name?: string; services?: string[] },
): Promise<OrgRecord | undefined> {
  const [row] = await db.query<R<OrgRecord>>(
    `UPDATE identity_orgs SET name = coalesce($2, name), services = coalesce($3::text[], services)
     WHERE code = $1 RETURNING ${ORG_COLUMNS}`,
    [code, patch.name ?? null, patch.services ?? null],
  );
  return row;
}

/** Every account that acts for the org, disabled ones too (shown as such), the ones on duty first. */
export async function listMembers(db: Queryable, orgCode: string): Promise<UserRecord[]> {
  return db.query<R<UserRecord>>(
    `SELECT ${USER_COLUMNS} FROM identity_users WHERE org_code = $1
     ORDER BY disabled, on_duty DESC, employment, display_name, id`,
    [orgCode],
  );
}

/** Joins a user to an org (or leaves it with null); a change of org always ends the duty that was for the old one. */
export async function setMembership(
  db: Queryable,
  id: number,
  orgCode: string | null,
  employment?: Employment,
): Promise<UserRecord | undefined> {
  const [row] = await db.query<R<UserRecord>>(
    `UPDATE identity_users SET org_code = $2, employment = coalesce($3, employment), on_duty = false
     WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [id, orgCode, employment ?? null],
  );
  return row;
}

export async function setMemberFlags(
  db: Queryable,
  id: number,
  flags: { employment?: Employment; onDuty?: boolean },
): Promise<UserRecord | undefined> {
  const [row] = await db.query<R<UserRecord>>(
    `UPDATE identity_users SET employment = coalesce($2, employment), on_duty = coalesce($3, on_duty)
     WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [id, flags.employment ?? null, flags.onDuty ?? null],
  );
  return row;
}

/**
 * The enabled members of an org who are on duty now; when nobody is marked on duty, every enabled member, so that
 * a team without a roster is reached as before and never by nobody.
 */
export async function findOnDutyUserIds(db: Queryable, orgCode: string): Promise<number[]> {
  const rows = await db.query<{ id: number; onDuty: boolean }>(
    `SELECT id::int AS id, on_duty AS "onDuty" FROM identity_users WHERE org_code = $1 AND NOT disabled ORDER BY id`,
    [orgCode],
  );
  const onDuty = rows.filter((r) => r.onDuty);
  return (onDuty.length ? onDuty : rows).map((r) => r.id);
}
