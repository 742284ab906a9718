import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope, type Role } from '../../../core/auth.js';
import { maskPhone } from '../../../core/crypto.js';
import type { Db } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { areaNames, scopePathOf } from '../../geo/index.js';
import {
  type Employment,
  findOrg,
  findUserById,
  findUserByUsername,
  insertUser,
  lockEnabledAdministrators,
  revokeOtherSessions,
  setPassword,
  setWorkPhone,
  updateUser,
} from '../db/identity.repository.js';
import { unlockAccount } from '../db/sign-in-failures.repository.js';
import { hashPassword, oneTimePassword } from '../domain/password.js';
import { grantableRoles, ROLE_NAMES, removesAdministrator, selfLockoutField } from '../domain/user-admin.js';
import { identityErrors } from '../identity.errors.js';
import { presentUserForAdmin } from '../identity.presenter.js';

type Meta = { ip?: string; requestId?: string };
type Ctx = Pick<ModuleContext, 'db' | 'cipher'>;

/** A work phone is for staff: a resident's own number is theirs, given at sign-up, and never published. */
function sealWorkPhone(ctx: Ctx, role: Role, phone: string | null) {
  if (phone === null) return null;
  if (role === 'resident') throw identityErrors.workPhoneStaffOnly({ field: 'workPhone' });
  return { enc: ctx.cipher.encrypt(phone), masked: maskPhone(phone) };
}

const WHOLE_DEPLOYMENT = { 'zh-CN': '全部区域', en: 'the whole deployment' };

/** A role beyond those the administrator may give (domain/user-admin.ts) is refused, naming the field. */
function assertGrantable(actor: Actor, role: Role): void {
  if (!grantableRoles(actor.role).includes(role))
    throw identityErrors.roleNotGrantable({ field: 'role', params: { role: ROLE_NAMES[role] } });
}

/**
 * A scope is given as a region or grid code ('' for everything) and must lie inside the administrator's own: a street
 * administrator gives their street or an area in it, never another street or the district above.
 */
async function resolveScope(db: Db, actor: Actor, scopeCode: string): Promise<string> {
  const path = scopeCode === '' ? '' : await scopePathOf(db, scopeCode);
  if (path === undefined) throw identityErrors.unknownScope({ field: 'scopeCode', params: { code: scopeCode } });
  if (!inScope(actor, path)) {
    const area = scopeCode === '' ? WHOLE_DEPLOYMENT : ((await areaNames(db, [scopeCode])).get(scopeCode) ?? scopeCode);
    throw identityErrors.scopeNotGrantable({ field: 'scopeCode', params: { area } });
  }
  return path;
}

async function assertOrg(db: Db, actor: Actor, orgCode: string): Promise<void> {
  const org = await findOrg(db, orgCode);
  if (!org) throw identityErrors.unknownOrg({ field: 'orgCode', params: { code: orgCode } });
  if (!inScope(actor, org.regionPath)) throw coreErrors.outOfScope({ field: 'orgCode' });
}

/** An account the administrator may touch: inside their scope, and of a role they could have given. */
export async function loadManageable(db: Db, actor: Actor, id: number) {
  const user = await findUserById(db, id);
  if (!user) throw identityErrors.userNotFound({ field: 'id' });
  if (!inScope(actor, user.scopePath)) throw coreErrors.outOfScope();
  if (!grantableRoles(actor.role).includes(user.role))
    throw identityErrors.userNotManageable({ params: { role: ROLE_NAMES[user.role] } });
  return user;
}

/** The new user gets a one-time password, shown once to the admin, to be changed at first sign-in. */
export async function createUser(
  ctx: Ctx,
  actor: Actor,
  input: {
    username: string;
    displayName: string;
    role: Role;
    scopeCode: string;
    orgCode?: string;
    employment?: Employment;
    workPhone?: string;
  },
  meta: Meta,
) {
  const { db } = ctx;
  assertGrantable(actor, input.role);
  const workPhone = sealWorkPhone(ctx, input.role, input.workPhone ?? null);
  const scopePath = await resolveScope(db, actor, input.scopeCode);
  if (input.role === 'department_staff' && !input.orgCode) throw identityErrors.orgRequired({ field: 'orgCode' });
  if (input.orgCode) await assertOrg(db, actor, input.orgCode);
  if (await findUserByUsername(db, input.username)) {
    throw identityErrors.usernameTaken({ field: 'username', params: { username: input.username } });
  }
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    const inserted = await insertUser(tx, { ...input, scopePath, passwordHash, mustChangePassword: true });
    if (workPhone) await setWorkPhone(tx, inserted.id, workPhone);
    const u = workPhone ? { ...inserted, workPhoneMasked: workPhone.masked } : inserted;
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.user_created',
      subject: `user:${u.id}`,
      detail: {
        username: u.username,
        role: u.role,
        scopePath,
        ...(u.orgCode ? { orgCode: u.orgCode } : {}),
        ...(workPhone ? { workPhone: workPhone.masked } : {}),
      },
      ...meta,
    });
    return u;
  });
  return { user: await presentUserForAdmin(db, user), oneTimePassword: password };
}

/**
 * Name, role, scope, organisation, work phone, disabled. Nobody disables themselves or changes their own role or scope, and the
 * last enabled district administrator is neither disabled nor demoted, checked against locked rows so that two
 * administrators disabling each other at once cannot leave nobody. Disabling ends every session of the user.
 */
export async function changeUser(
  ctx: Ctx,
  actor: Actor,
  id: number,
  patch: {
    displayName?: string;
    role?: Role;
    scopeCode?: string;
    orgCode?: string | null;
    disabled?: boolean;
    workPhone?: string | null;
  },
  meta: Meta,
) {
  const { db } = ctx;
  const before = await loadManageable(db, actor, id);
  const role = patch.role ?? before.role;
  const workPhone = patch.workPhone === undefined ? undefined : sealWorkPhone(ctx, role, patch.workPhone);
  if (role === 'resident' && before.workPhoneMasked && workPhone === undefined)
    throw identityErrors.workPhoneStaffOnly({ field: 'workPhone' });
  if (patch.role !== undefined) assertGrantable(actor, patch.role);
  const scopePath = patch.scopeCode === undefined ? undefined : await resolveScope(db, actor, patch.scopeCode);
  if (patch.orgCode) await assertOrg(db, actor, patch.orgCode);
  const orgCode = patch.orgCode === undefined ? before.orgCode : patch.orgCode;
  if ((patch.role ?? before.role) === 'department_staff' && !orgCode)
    throw identityErrors.orgRequired({ field: 'orgCode' });
  const change = { role: patch.role, scopePath, disabled: patch.disabled };

  const user = await db.transaction(async (tx) => {
    const removed = removesAdministrator(before, change);
    if (removed && !(await lockEnabledAdministrators(tx)).some((other) => other !== id))
      throw identityErrors.lastAdministrator({ field: removed, params: { username: before.username } });
    const own = id === actor.id ? selfLockoutField(before, change) : undefined;
    if (own) throw identityErrors.selfLockout({ field: own });
    const updated = await updateUser(tx, id, { displayName: patch.displayName, orgCode: patch.orgCode, ...change });
    if (!updated) throw identityErrors.userNotFound({ field: 'id' });
    if (workPhone !== undefined) await setWorkPhone(tx, id, workPhone);
    const u = workPhone === undefined ? updated : { ...updated, workPhoneMasked: workPhone?.masked ?? null };
    if (patch.disabled) await revokeOtherSessions(tx, id, null);
    const state = (x: typeof before) => ({
      displayName: x.displayName,
      role: x.role,
      scopePath: x.scopePath,
      orgCode: x.orgCode,
      disabled: x.disabled,
      workPhone: x.workPhoneMasked,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.user_changed',
      subject: `user:${id}`,
      detail: { before: state(before), after: state(u) },
      ...meta,
    });
    return u;
  });
  return { user: await presentUserForAdmin(db, user) };
}

/**
 * Lets every address back into an account (throttle.ts) after the administrator has checked who is asking, keeping
 * the password; an administrator's own account is unlocked by another administrator or from the command line.
 */
export async function unlockUser(db: Db, actor: Actor, id: number, meta: Meta): Promise<void> {
  await loadManageable(db, actor, id);
  await db.transaction(async (tx) => {
    await unlockAccount(tx, id);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.user_unlocked',
      subject: `user:${id}`,
      ...meta,
    });
  });
}

/** Also lifts a lockout: the admin has checked who is asking. Their own password an administrator changes instead. */
export async function resetPassword(db: Db, actor: Actor, id: number, meta: Meta) {
  await loadManageable(db, actor, id);
  if (id === actor.id) throw identityErrors.selfReset({ field: 'id' });
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await setPassword(tx, id, passwordHash, true);
    await unlockAccount(tx, id);
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
