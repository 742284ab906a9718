import { writeAudit } from '../../../core/audit.js';
import { maskPhone } from '../../../core/crypto.js';
import type { ModuleContext } from '../../../core/module.js';
import { findUserByPhone } from '../db/phone-codes.repository.js';
import { verifyAgainstNothing } from '../domain/password.js';
import { identityErrors } from '../identity.errors.js';
import { phoneHashes } from './phone-sign-in.js';
import { signInWithPassword } from './sign-in.js';

type Ctx = Pick<ModuleContext, 'db' | 'config' | 'cipher'>;

/**
 * A resident who chose a password signs in with their number and it instead of a code, under the staff sign-in's
 * lockout. An unknown number, staff, a disabled account and a resident who never chose a password all take as long
 * and answer the same as a wrong password, so the answer says nothing about who is registered.
 */
export async function signInByPhonePassword(
  ctx: Ctx,
  input: { phone: string; password: string; kind: 'cookie' | 'bearer' },
  meta: { ip: string; requestId?: string },
) {
  const user = await findUserByPhone(ctx.db, phoneHashes(ctx, input.phone));
  if (user?.role !== 'resident' || user.disabled || !user.passwordChangedAt) {
    await verifyAgainstNothing(input.password);
    await writeAudit(ctx.db, {
      action: 'identity.sign_in_failed',
      subject: maskPhone(input.phone),
      detail: { method: 'phone_password', reason: 'no_password_account' },
      ...meta,
    });
    throw identityErrors.badPhoneCredentials({ field: 'password' });
  }
  return signInWithPassword(
    ctx.db,
    ctx.config,
    user,
    { password: input.password, kind: input.kind, method: 'phone_password' },
    meta,
    () => identityErrors.badPhoneCredentials({ field: 'password' }),
  );
}
