import type { Role } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';

/** All SQL on identity_* tables. */

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopePath: string;
  passwordHash: string;
  mustChangePassword: boolean;
  /** Until when some address is shut out of the account (the throttle's hint for administrators). */
  lockedUntil: Date | null;
  disabled: boolean;
  createdAt: Date;
  orgCode: string | null;
  lastSignInAt: Date | null;
  /** Whether the member works for their org full-time or part-time, and is on duty now (set by its administrator). */
  employment: Employment;
  onDuty: boolean;
  /** A staff member's work phone as lists show it (138****5678); the number itself stays sealed. */
  workPhoneMasked: string | null;
  wechatBound: boolean;
  /** Null until a password is chosen: a resident who signed up by phone has none they know. */
  passwordChangedAt: Date | null;
}

export const EMPLOYMENTS = ['full_time', 'part_time'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

export const USER_COLUMNS = `id::int AS id, username, display_name AS "displayName", role, scope_path::text AS "scopePath",
  password_hash AS "passwordHash", must_change_password AS "mustChangePassword", locked_until AS "lockedUntil", disabled, created_at AS "createdAt", org_code AS "orgCode",
  last_sign_in_at AS "lastSignInAt", employment, on_duty AS "onDuty", work_phone_masked AS "workPhoneMasked",
  wechat_openid_hash IS NOT NULL AS "wechatBound", password_changed_at AS "passwordChangedAt"`;

export type R<T> = T & Record<string, unknown>;

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM identity_users');
  return row?.n ?? 0;
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<R<UserRecord>>(
    `SELECT ${USER_COLUMNS} FROM identity_users WHERE lower(username) = lower($1)`,
    [username],
  );
  return row;
}

export async function findUserById(db: Queryable, id: number): Promise<UserRecord | undefined> {
  const [row] = await db.query<R<UserRecord>>(`SELECT ${USER_COLUMNS} FROM identity_users WHERE id = $1`, [id]);
  return row;
}

export async function insertUser(
  db: Queryable,
  u: {
    username: string;
    displayName: string;
    role: Role;
    scopePath: string;
    passwordHash: string;
    mustChangePassword: boolean;
    orgCode?: string | null;
    employment?: Employment;
  },
): Promise<UserRecord> {
  const [row] = await db.query<R<UserRecord>>(
    `INSERT INTO identity_users (username, display_name, role, scope_path, password_hash, must_change_password, org_code,
       employment)
     VALUES ($1, $2, $3, $4::ltree, $5, $6, $7, $8) RETURNING ${USER_COLUMNS}`,
    [
      u.username,
      u.displayName,
      u.role,
      u.scopePath,
      u.passwordHash,
      u.mustChangePassword,
      u.orgCode ?? null,
      u.employment ?? 'full_time',
    ],
  );
  return row as UserRecord;
}

/** The sign-in the user list shows as the last. */
export async function recordSuccess(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE identity_users SET last_sign_in_at = now() WHERE id = $1', [id]);
}

export async function setPassword(db: Queryable, id: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.query(
    `UPDATE identity_users SET password_hash = $2, must_change_password = $3, password_changed_at = now()
     WHERE id = $1`,
    [id, passwordHash, mustChange],
  );
}

/** Each field left undefined keeps its value; `orgCode: null` clears the organisation. */
export async function updateUser(
  db: Queryable,
  id: number,
  patch: { displayName?: string; role?: Role; scopePath?: string; disabled?: boolean; orgCode?: string | null },
): Promise<UserRecord | undefined> {
  const [row] = await db.query<R<UserRecord>>(
    `UPDATE identity_users SET display_name = coalesce($2, display_name), role = coalesce($3, role),
       scope_path = coalesce($4::ltree, scope_path), disabled = coalesce($5, disabled),
       org_code = CASE WHEN $6::boolean THEN $7::text ELSE org_code END,
       on_duty = CASE WHEN $6::boolean AND $7::text IS DISTINCT FROM org_code THEN false ELSE on_duty END
     WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [
      id,
      patch.displayName ?? null,
      patch.role ?? null,
      patch.scopePath ?? null,
      patch.disabled ?? null,
      patch.orgCode !== undefined,
      patch.orgCode ?? null,
    ],
  );
  return row;
}

/**
 * The ids of the enabled district administrators, their rows locked until the transaction ends: two administrators
 * disabling each other at the same moment take turns, and the second sees that it would leave nobody.
 */
export async function lockEnabledAdministrators(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT id::int AS id FROM identity_users WHERE role = 'district_admin' AND NOT disabled ORDER BY id FOR UPDATE`,
  );
  return rows.map((r) => r.id);
}

export async function listUsersInScope(
  db: Queryable,
  scope: string,
  opts: { limit: number; offset: number; q?: string; role?: Role },
): Promise<{ items: UserRecord[]; total: number }> {
  const where = `scope_path <@ $1::ltree AND ($2::text IS NULL OR username ILIKE '%' || $2 || '%' OR display_name ILIKE '%' || $2 || '%')
    AND ($3::text IS NULL OR role = $3)`;
  const filter = [scope, opts.q ?? null, opts.role ?? null];
  const items = await db.query<R<UserRecord>>(
    `SELECT ${USER_COLUMNS} FROM identity_users WHERE ${where} ORDER BY id LIMIT $4 OFFSET $5`,
    [...filter, opts.limit, opts.offset],
  );
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM identity_users WHERE ${where}`, filter);
  return { items, total: count?.n ?? 0 };
}

export async function insertSession(
  db: Queryable,
  s: { userId: number; tokenHash: string; kind: 'cookie' | 'bearer'; name?: string; hours: number; ip?: string },
): Promise<{ id: number; expiresAt: Date }> {
  const [row] = await db.query<{ id: number; expiresAt: Date }>(
    `INSERT INTO identity_sessions (user_id, token_hash, kind, name, expires_at, ip)
     VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5), $6) RETURNING id::int AS id, expires_at AS "expiresAt"`,
    [s.userId, s.tokenHash, s.kind, s.name ?? null, s.hours, s.ip ?? null],
  );
  return row as { id: number; expiresAt: Date };
}

export async function findLiveSession(db: Queryable, tokenHash: string) {
  const [row] = await db.query<R<{ sessionId: number; user: UserRecord }>>(
    `SELECT s.id::int AS "sessionId", row_to_json(u) AS "user"
     FROM identity_sessions s
     JOIN LATERAL (SELECT ${USER_COLUMNS} FROM identity_users WHERE id = s.user_id) u ON true
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled`,
    [tokenHash],
  );
  return row;
}

export async function revokeSession(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE identity_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
}

export async function revokeOtherSessions(db: Queryable, userId: number, keepId: number | null): Promise<void> {
  await db.query(
    'UPDATE identity_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2',
    [userId, keepId],
  );
}

export interface OrgRecord {
  code: string;
  name: string;
  kind: string;
  regionPath: string;
  /** The services a department owns, by name (empty for teams and for orgs registered without them). */
  services?: string[];
}

export async function insertOrgs(db: Queryable, orgs: OrgRecord[]): Promise<number> {
  if (!orgs.length) return 0;
  const inserted = await db.query(
    `INSERT INTO identity_orgs (code, name, kind, region_path)
     SELECT code, name, kind, path::ltree
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(code, name, kind, path)
     ON CONFLICT (code) DO NOTHING RETURNING code`,
    [orgs.map((o) => o.code), orgs.map((o) => o.name), orgs.map((o) => o.kind), orgs.map((o) => o.regionPath)],
  );
  return inserted.length;
}

export const ORG_COLUMNS = `code, name, kind, region_path::text AS "regionPath", services`;

/** Names of organisations by code, for showing whom a department's staff act for. */
export async function orgNames(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM identity_orgs WHERE code = ANY($1::text[])',
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function findOrg(db: Queryable, code: string): Promise<OrgRecord | undefined> {
  const [row] = await db.query<R<OrgRecord>>(`SELECT ${ORG_COLUMNS} FROM identity_orgs WHERE code = $1`, [code]);
  return row;
}

/** Orgs serving a region inside the scope, or serving a region that contains it (a district's departments). */
export async function listOrgsForScope(db: Queryable, scope: string): Promise<OrgRecord[]> {
  return db.query<R<OrgRecord>>(
    `SELECT ${ORG_COLUMNS} FROM identity_orgs
     WHERE region_path <@ $1::ltree OR $1::ltree <@ region_path ORDER BY kind, code`,
    [scope],
  );
}

/** Who should hear about something: the members of an org, or the people of a role whose scope is exactly a unit. */
export async function findUserIds(
  db: Queryable,
  who: { orgCode: string } | { role: Role; scopePath: string },
): Promise<number[]> {
  const rows =
    'orgCode' in who
      ? await db.query<{ id: number }>(
          'SELECT id::int AS id FROM identity_users WHERE org_code = $1 AND NOT disabled',
          [who.orgCode],
        )
      : await db.query<{ id: number }>(
          'SELECT id::int AS id FROM identity_users WHERE role = $1 AND scope_path = $2::ltree AND NOT disabled',
          [who.role, who.scopePath],
        );
  return rows.map((r) => r.id);
}

/** Display names by user id, for other modules that show who did something; unknown ids are left out. */
export async function displayNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.query<{ id: number; name: string }>(
    'SELECT id::int AS id, display_name AS name FROM identity_users WHERE id = ANY($1::bigint[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  scopePath: string;
  orgCode: string | null;
  employment: Employment;
  onDuty: boolean;
}

/**
 * Demo staff in one statement (a district has hundreds), all with the one password hash given, which nobody knows:
 * an administrator resets a demo account's password to sign in as it. Usernames already taken are left alone.
 */
export async function insertDemoUsers(
  db: Queryable,
  users: DemoUser[],
  passwordHash: string,
): Promise<{ id: number; username: string }[]> {
  if (!users.length) return [];
  return db.query<{ id: number; username: string } & Record<string, unknown>>(
    `INSERT INTO identity_users (username, display_name, role, scope_path, password_hash, must_change_password, org_code,
       employment, on_duty)
     SELECT username, display_name, role, scope_path::ltree, $8, true, org_code, employment, on_duty
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
       AS t(username, display_name, role, scope_path, org_code, employment, on_duty)
     ON CONFLICT DO NOTHING RETURNING id::int AS id, username`,
    [
      users.map((u) => u.username),
      users.map((u) => u.displayName),
      users.map((u) => u.role),
      users.map((u) => u.scopePath),
      users.map((u) => u.orgCode),
      users.map((u) => u.employment),
      users.map((u) => u.onDuty),
      passwordHash,
    ],
  );
}

/** A staff member's work phone, sealed, with the masked form lists show; null takes it away. */
export async function setWorkPhone(
  db: Queryable,
  id: number,
  phone: { enc: string; masked: string } | null,
): Promise<void> {
  await db.query('UPDATE identity_users SET work_phone_enc = $2, work_phone_masked = $3 WHERE id = $1', [
    id,
    phone?.enc ?? null,
    phone?.masked ?? null,
  ]);
}

/** The sealed work phones of these users, for the public grid card; users without one are left out. */
export async function sealedWorkPhones(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.query<{ id: number; enc: string }>(
    `SELECT id::int AS id, work_phone_enc AS enc FROM identity_users
     WHERE id = ANY($1::bigint[]) AND work_phone_enc IS NOT NULL AND NOT disabled`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.enc]));
}
