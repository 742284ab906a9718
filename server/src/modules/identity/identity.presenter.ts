import type { Queryable } from '../../core/db.js';
import { areaNames } from '../geo/index.js';
import { orgNames, type UserRecord } from './db/identity.repository.js';

/** What a client may see of a user: never the hash, the lockout counters or anything else internal. */
export function presentUser(u: UserRecord) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopePath: u.scopePath,
    mustChangePassword: u.mustChangePassword,
    orgCode: u.orgCode,
  };
}

/** The code a scope was given by (a region or grid code, '' for the whole deployment): its path's last label. */
const scopeCodeOf = (scopePath: string) => scopePath.split('.').at(-1) ?? '';

/**
 * What an administrator sees of the users they manage: their state, and their scope and organisation by name as well
 * as by code, looked up for the whole page at once.
 */
export async function presentUsersForAdmin(db: Queryable, users: UserRecord[]) {
  const areas = await areaNames(db, [...new Set(users.map((u) => scopeCodeOf(u.scopePath)).filter(Boolean))]);
  const orgs = await orgNames(db, [...new Set(users.flatMap((u) => (u.orgCode ? [u.orgCode] : [])))]);
  return users.map((u) => {
    const scopeCode = scopeCodeOf(u.scopePath);
    return {
      ...presentUser(u),
      scopeCode,
      scopeName: areas.get(scopeCode) ?? null,
      orgName: u.orgCode ? (orgs.get(u.orgCode) ?? null) : null,
      disabled: u.disabled,
      locked: Boolean(u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now()),
      createdAt: new Date(u.createdAt).toISOString(),
      lastSignInAt: u.lastSignInAt ? new Date(u.lastSignInAt).toISOString() : null,
      employment: u.employment,
      onDuty: u.onDuty,
      workPhoneMasked: u.workPhoneMasked,
    };
  });
}

export async function presentUserForAdmin(db: Queryable, user: UserRecord) {
  const [presented] = await presentUsersForAdmin(db, [user]);
  return presented as NonNullable<typeof presented>;
}
