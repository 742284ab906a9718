import type { UserRecord } from './db/identity.repository.js';

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

export function presentUserForAdmin(u: UserRecord) {
  return {
    ...presentUser(u),
    disabled: u.disabled,
    locked: Boolean(u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now()),
    createdAt: new Date(u.createdAt).toISOString(),
    lastSignInAt: u.lastSignInAt ? new Date(u.lastSignInAt).toISOString() : null,
  };
}
