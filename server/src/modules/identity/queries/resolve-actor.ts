import type { Actor, Role } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import type { ModuleContext } from '../../../core/module.js';
import { findLiveSession, findUserById, listOrgsForScope, listUsersInScope } from '../db/identity.repository.js';
import { tokenHash } from '../domain/password.js';
import { grantableRoles } from '../domain/user-admin.js';
import { identityErrors } from '../identity.errors.js';
import { presentUser, presentUsersForAdmin } from '../identity.presenter.js';

export async function resolveActor(db: Db, secret: Buffer, token: string): Promise<Actor | undefined> {
  const row = await findLiveSession(db, tokenHash(secret, token));
  if (!row) return undefined;
  const u = row.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopePath: u.scopePath,
    mustChangePassword: u.mustChangePassword,
    orgCode: u.orgCode,
    sessionId: row.sessionId,
  };
}

/** The web shows and hides what this person may do from `abilities`, never from role lists of its own. */
export async function getMe(ctx: Pick<ModuleContext, 'db' | 'access'>, actor: Actor) {
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw identityErrors.userNotFound();
  return { user: presentUser(user), abilities: actor.mustChangePassword ? [] : ctx.access.abilitiesOf(actor) };
}

/** The users inside the caller's scope, a page at a time, with the roles the caller may give them. */
export async function listUsers(
  db: Db,
  actor: Actor,
  opts: { limit: number; offset: number; q?: string; role?: Role },
) {
  const { items, total } = await listUsersInScope(db, actor.scopePath, opts);
  return { items: await presentUsersForAdmin(db, items), total, grantableRoles: [...grantableRoles(actor.role)] };
}

export async function listOrgs(db: Db, actor: Actor) {
  return { items: await listOrgsForScope(db, actor.scopePath) };
}
