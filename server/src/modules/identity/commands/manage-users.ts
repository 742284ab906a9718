import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope, type Role } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { scopePathOf } from '../../geo/index.js';
import {
  findOrg,
  findUserById,
  findUserByUsername,
  insertUser,
  revokeOtherSessions,
  setPassword,
  updateUser,
} from '../db/identity.repository.js';
import { hashPassword, oneTimePassword } from '../domain/password.js';
import { identityErrors } from '../identity.errors.js';
import { presentUserForAdmin } from '../identity.presenter.js';

type Meta = { ip?: string; requestId?: string };

/** A scope is given as a region or grid code ('' for everything) and must lie inside the admin's own scope. */
async function resolveScope(db: Db, actor: Actor, scopeCode: string): Promise<string> {
  const path = scopeCode === '' ? '' : await scopePathOf(db, scopeCode);
  if (path === undefined) throw identityErrors.unknownScope({ field: 'scopeCode', params: { code: scopeCode } });
  if (!inScope(actor, path) || (path === '' && actor.scopePath !== ''))
    throw coreErrors.outOfScope({ field: 'scopeCode' });
  return path;
}

async function loadManageable(db: Db, actor: Actor, id: number) {
  const user = await findUserById(db, id);
  if (!user) throw identityErrors.userNotFound({ field: 'id' });
  if (!inScope(actor, user.scopePath) || (user.scopePath === '' && actor.scopePath !== ''))
    throw coreErrors.outOfScope();
  return user;
}

/** The new user gets a one-time password, shown once to the admin, to be changed at first sign-in. */
export async function createUser(
  db: Db,
  actor: Actor,
  input: { username: string; displayName: string; role: Role; scopeCode: string; orgCode?: string },
  meta: Meta,
) {
  const scopePath = await resolveScope(db, actor, input.scopeCode);
  if (input.role === 'department_staff' && !input.orgCode) throw identityErrors.orgRequired({ field: 'orgCode' });
  if (input.orgCode) {
    const org = await findOrg(db, input.orgCode);
    if (!org) throw identityErrors.unknownOrg({ field: 'orgCode', params: { code: input.orgCode } });
    if (!inScope(actor, org.regionPath)) throw coreErrors.outOfScope({ field: 'orgCode' });
  }
  if (await findUserByUsername(db, input.username)) {
    throw identityErrors.usernameTaken({ field: 'username', params: { username: input.username } });
  }
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    const u = await insertUser(tx, { ...input, scopePath, passwordHash, mustChangePassword: true });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.user_created',
      subject: `user:${u.id}`,
      detail: { username: u.username, role: u.role, scopePath },
      ...meta,
    });
    return u;
  });
  return { user: presentUserForAdmin(user), oneTimePassword: password };
}

export async function changeUser(
  db: Db,
  actor: Actor,
  id: number,
  patch: { displayName?: string; role?: Role; scopeCode?: string; disabled?: boolean },
  meta: Meta,
) {
  const before = await loadManageable(db, actor, id);
  if (id === actor.id && (patch.disabled || patch.role || patch.scopeCode !== undefined)) throw coreErrors.forbidden();
  const scopePath = patch.scopeCode === undefined ? undefined : await resolveScope(db, actor, patch.scopeCode);
  const user = await db.transaction(async (tx) => {
    const u = await updateUser(tx, id, {
      displayName: patch.displayName,
      role: patch.role,
      scopePath,
      disabled: patch.disabled,
    });
    if (patch.disabled) await revokeOtherSessions(tx, id, null);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.user_changed',
      subject: `user:${id}`,
      detail: {
        before: { role: before.role, scopePath: before.scopePath, disabled: before.disabled },
        after: { role: u?.role, scopePath: u?.scopePath, disabled: u?.disabled },
      },
      ...meta,
    });
    return u;
  });
  if (!user) throw identityErrors.userNotFound({ field: 'id' });
  return { user: presentUserForAdmin(user) };
}

/** Also lifts a lockout: the admin has checked who is asking. */
export async function resetPassword(db: Db, actor: Actor, id: number, meta: Meta) {
  await loadManageable(db, actor, id);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await setPassword(tx, id, passwordHash, true);
    await revokeOtherSessions(tx, id, null);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.password_reset',
      subject: `user:${id}`,
      ...meta,
    });
  });
  return { oneTimePassword: password };
}
