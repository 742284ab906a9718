import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { findUserById, revokeOtherSessions, setPassword } from '../db/identity.repository.js';
import { hashPassword, passwordProblem, verifyPassword } from '../domain/password.js';
import { identityErrors, PASSWORD_REASONS } from '../identity.errors.js';

/** Also ends every other session of the user: a changed password should lock out whoever knew the old one. */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: { ip?: string; requestId?: string },
): Promise<void> {
  const user = await findUserById(db, actor.id);
  if (!user) throw identityErrors.userNotFound();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw identityErrors.wrongCurrentPassword({ field: 'currentPassword' });
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem)
    throw identityErrors.weakPassword({ field: 'newPassword', params: { reason: PASSWORD_REASONS[problem] } });
  if (input.newPassword === input.currentPassword) {
    throw identityErrors.weakPassword({
      field: 'newPassword',
      params: { reason: { 'zh-CN': '新密码不能与当前密码相同', en: 'must differ from the current password' } },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await setPassword(tx, user.id, passwordHash, false);
    await revokeOtherSessions(tx, user.id, actor.sessionId);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.password_changed',
      ...meta,
    });
  });
}
