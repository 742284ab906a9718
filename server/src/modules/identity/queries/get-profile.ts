import type { Actor } from '../../../core/auth.js';
import { maskName, maskPhone } from '../../../core/crypto.js';
import { maskIdNumber } from '../../../core/id-number.js';
import type { ModuleContext } from '../../../core/module.js';
import { findUserById } from '../db/identity.repository.js';
import { sealedPersonal } from '../db/personal.repository.js';
import { identityErrors } from '../identity.errors.js';

/** The caller's own account as their "我的" page shows it: their number and real name masked, whether they chose a password. */
export async function getProfile(ctx: Pick<ModuleContext, 'db' | 'cipher'>, actor: Actor) {
  const [user, sealed] = await Promise.all([findUserById(ctx.db, actor.id), sealedPersonal(ctx.db, actor.id)]);
  if (!user || !sealed) throw identityErrors.userNotFound();
  const open = (enc: string | null) => (enc ? ctx.cipher.decrypt(enc) : null);
  const name = open(sealed.realNameEnc);
  const idNumber = open(sealed.idNumberEnc);
  const phone = open(sealed.phoneEnc);
  return {
    phoneMasked: phone ? maskPhone(phone) : null,
    // staff always sign in with a password; a resident has one only once they chose it
    hasPassword: user.role !== 'resident' || user.passwordChangedAt !== null,
    realName: name && idNumber ? { nameMasked: maskName(name), idNumberMasked: maskIdNumber(idNumber) } : null,
  };
}
