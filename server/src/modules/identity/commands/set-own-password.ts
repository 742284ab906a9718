import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { findUserById, revokeOtherSessions, setPassword } from '../db/identity.repository.js';
import { sealedPersonal } from '../db/personal.repository.js';
import { spendCode } from '../db/phone-codes.repository.js';
import { countFailures, markShut, recordFailure } from '../db/sign-in-failures.repository.js';
import { hashPassword, passwordProblem, verifyPassword } from '../domain/password.js';
import { accountKey, shutBy, shutsAccountAfterFailure } from '../domain/throttle.js';
import { identityErrors, PASSWORD_REASONS } from '../identity.errors.js';
import { matchCode, phoneHashes, sendPhoneCode } from './phone-sign-in.js';

type Ctx = Pick<ModuleContext, 'db' | 'config' | 'cipher' | 'sms' | 'log'>;
type Meta = { ip: string; requestId?: string };

async function ownPhone(ctx: Ctx, actor: Actor): Promise<string> {
  const sealed = await sealedPersonal(ctx.db, actor.id);
  if (!sealed?.phoneEnc) throw identityErrors.noPhone();
  return ctx.cipher.decrypt(sealed.phoneEnc);
}

/** Texts a code to the account's own number, never to one the caller names, under the same limits as sign-in. */
export async function sendOwnCode(ctx: Ctx, actor: Actor, meta: Meta) {
  return sendPhoneCode(ctx, await ownPhone(ctx, actor), meta);
}

/**
 * A resident chooses a password, or changes it. The first one needs a fresh code texted to their number: whoever has
 * only a stolen session must not be able to set a password and lock the owner out. Later, the current password
 * or a fresh code (for one who forgot it). Every other session ends, as with any password change.
 */
export async function setOwnPassword(
  ctx: Ctx,
  actor: Actor,
  input: { newPassword: string; code?: string; currentPassword?: string },
  meta: Meta,
): Promise<void> {
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw identityErrors.userNotFound();
  const hadPassword = user.passwordChangedAt !== null;

  const problem = passwordProblem(input.newPassword, user.username);
  if (problem)
    throw identityErrors.weakPassword({ field: 'newPassword', params: { reason: PASSWORD_REASONS[problem] } });

  let codeId: number | undefined;
  if (input.code) {
    const live = await matchCode(ctx, phoneHashes(ctx, await ownPhone(ctx, actor)), input.code);
    if (!live) throw identityErrors.badCode({ field: 'code' });
    codeId = live.id;
  } else if (!hadPassword) {
    throw identityErrors.codeRequired({ field: 'code' });
  } else if (!input.currentPassword) {
    throw identityErrors.proofRequired({ field: 'currentPassword' });
  } else {
    // guessing the current password from a session is held to the sign-in's throttle; a code still works meanwhile
    const lockout = ctx.config.identity.lockout;
    const account = accountKey(user.id);
    const right = await verifyPassword(user.passwordHash, input.currentPassword);
    const counts = await countFailures(ctx.db, {
      account,
      address: meta.ip,
      minutes: lockout.minutes,
      userId: user.id,
    });
    const shut = shutBy(counts, lockout);
    if (shut || !right) {
      await recordFailure(ctx.db, { account, address: meta.ip, checked: !shut, minutes: lockout.minutes });
      const shuts = !shut && shutsAccountAfterFailure(counts, lockout);
      if (shuts) await markShut(ctx.db, user.id, lockout.minutes);
      if (shut || shuts)
        throw identityErrors.locked({ field: 'currentPassword', params: { minutes: lockout.minutes } });
      throw identityErrors.wrongCurrentPassword({ field: 'currentPassword' });
    }
  }

  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    if (codeId !== undefined && !(await spendCode(tx, codeId))) throw identityErrors.badCode({ field: 'code' });
    await setPassword(tx, user.id, passwordHash, false);
    await revokeOtherSessions(tx, user.id, actor.sessionId);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: hadPassword ? 'identity.password_changed' : 'identity.password_set',
      detail: { method: codeId !== undefined ? 'code' : 'password' },
      ...meta,
    });
  });
}
