import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { type Employment, findUserById, type OrgRecord, type UserRecord } from '../db/identity.repository.js';
import { setMemberFlags, setMembership } from '../db/orgs.repository.js';
import { identityErrors } from '../identity.errors.js';
import { presentUserForAdmin } from '../identity.presenter.js';
import { loadManageableOrg } from './manage-orgs.js';
import { loadManageable } from './manage-users.js';

type Meta = { ip?: string; requestId?: string };

async function loadMember(db: Db, org: OrgRecord, id: number): Promise<UserRecord> {
  const user = await findUserById(db, id);
  if (!user) throw identityErrors.userNotFound({ field: 'id' });
  if (user.orgCode !== org.code)
    throw identityErrors.notAMember({ field: 'id', params: { name: user.displayName, org: org.name } });
  return user;
}

/**
 * Brings an existing account into the org (from another one, or from none): an account the administrator manages
 * (inside their scope, of a role they could give), never a resident's. Moving ends the duty kept for the old org.
 */
export async function addMember(
  db: Db,
  actor: Actor,
  orgCode: string,
  id: number,
  input: { employment?: Employment },
  meta: Meta,
) {
  const org = await loadManageableOrg(db, actor, orgCode);
  const before = await loadManageable(db, actor, id);
  if (before.role === 'resident') throw identityErrors.notMemberRole({ field: 'userId' });
  const user = await db.transaction(async (tx) => {
    const u = await setMembership(tx, id, org.code, input.employment);
    if (!u) throw identityErrors.userNotFound({ field: 'userId' });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.org_member_added',
      subject: `user:${id}`,
      detail: { orgCode: org.code, fromOrgCode: before.orgCode, employment: u.employment },
      ...meta,
    });
    return u;
  });
  return { member: await presentUserForAdmin(db, user) };
}

/** Full-time or part-time, on duty or not: the team's administrator keeps the roster of who answers now. */
export async function changeMember(
  db: Db,
  actor: Actor,
  orgCode: string,
  id: number,
  patch: { employment?: Employment; onDuty?: boolean },
  meta: Meta,
) {
  const org = await loadManageableOrg(db, actor, orgCode);
  const before = await loadMember(db, org, id);
  const user = await db.transaction(async (tx) => {
    const u = await setMemberFlags(tx, id, patch);
    if (!u) throw identityErrors.userNotFound({ field: 'id' });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.org_member_changed',
      subject: `user:${id}`,
      detail: {
        orgCode: org.code,
        before: { employment: before.employment, onDuty: before.onDuty },
        after: { employment: u.employment, onDuty: u.onDuty },
      },
      ...meta,
    });
    return u;
  });
  return { member: await presentUserForAdmin(db, user) };
}

/**
 * Takes the account out of the org (its org_code cleared, off duty). Department staff act for a department or team
 * by definition, so they are moved or given another role under 用户管理 instead of being left with none.
 */
export async function removeMember(db: Db, actor: Actor, orgCode: string, id: number, meta: Meta) {
  const org = await loadManageableOrg(db, actor, orgCode);
  const before = await loadMember(db, org, id);
  if (before.role === 'department_staff')
    throw identityErrors.memberNeedsOrg({ field: 'id', params: { name: before.displayName } });
  await db.transaction(async (tx) => {
    await setMembership(tx, id, null);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.org_member_removed',
      subject: `user:${id}`,
      detail: { orgCode: org.code, employment: before.employment, onDuty: before.onDuty },
      ...meta,
    });
  });
}
