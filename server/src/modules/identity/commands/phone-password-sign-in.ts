import { maskPhone } from '../../../core/crypto.js';
import type { ModuleContext } from '../../../core/module.js';
import { findUserByPhone } from '../db/phone-codes.repository.js';
import { accountKey } from '../domain/throttle.js';
import { identityErrors } from '../identity.errors.js';
import { phoneHashes } from './phone-sign-in.js';
import { signInWithPassword } from './sign-in.js';

type Ctx = Pick<ModuleContext, 'db' | 'config' | 'cipher'>;

/**
 * A resident who chose a password signs in with their number and it instead of a code, under the staff sign-in's
 * throttle. An unknown number, staff, a disabled account and a resident who never chose a password all take as long
 * and answer the same as a wrong password, so the answer says nothing about who is registered.
 */
export async function signInByPhonePassword(
  ctx: Ctx,
  input: { phone: string; password: string; kind: 'cookie' | 'bearer' },
  meta: { ip: string; requestId?: string },
) {
  const hashes = phoneHashes(ctx, input.phone);
  const found = await findUserByPhone(ctx.db, hashes);
  const user = found?.role === 'resident' && !found.disabled && found.passwordChangedAt ? found : undefined;
  return signInWithPassword(
    ctx.db,
    ctx.config,
    { user, account: user ? accountKey(user.id) : `phone:${hashes[0]}`, subject: maskPhone(input.phone) },
    { password: input.password, kind: input.kind, method: 'phone_password' },
    meta,
    (minutes) => identityErrors.badPhoneCredentials({ field: 'password', params: { minutes } }),
  );
}
