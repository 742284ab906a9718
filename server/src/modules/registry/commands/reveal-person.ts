import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { erasePerson, getPerson, getSealed } from '../db/people.repository.js';
import { registryErrors } from '../registry.errors.js';

type Meta = { ip?: string; requestId?: string };

/** One field of one person, in the clear, for a stated reason — and a row in the audit log saying so. */
export async function revealPerson(
  ctx: Pick<ModuleContext, 'db' | 'cipher'>,
  actor: Actor,
  id: number,
  field: 'idNumber' | 'phone',
  reason: string,
  meta: Meta,
) {
  const sealed = await getSealed(ctx.db, id);
  if (!sealed) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, sealed.gridPath)) throw coreErrors.outOfScope();
  const stored = field === 'idNumber' ? sealed.idNumberEnc : sealed.phoneEnc;
  if (!stored) throw registryErrors.notFound({ field });
  await writeAudit(ctx.db, {
    actorId: actor.id,
    actorName: actor.username,
    action: 'registry.person_revealed',
    subject: `person:${id}`,
    detail: { field, reason },
    ...meta,
  });
  return { field, value: ctx.cipher.decrypt(stored) };
}

/** A person's own record, everything in the clear, for a request under PIPL art. 45; audited like a reveal. */
export async function exportPerson(ctx: Pick<ModuleContext, 'db' | 'cipher'>, actor: Actor, id: number, meta: Meta) {
  const person = await getPerson(ctx.db, id);
  const sealed = await getSealed(ctx.db, id);
  if (!person || !sealed) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, sealed.gridPath)) throw coreErrors.outOfScope();
  await writeAudit(ctx.db, {
    actorId: actor.id,
    actorName: actor.username,
    action: 'registry.person_exported',
    subject: `person:${id}`,
    ...meta,
  });
  const { idNumberMasked: _i, phoneMasked: _p, gridPath: _g, ...rest } = person;
  return {
    ...rest,
    idNumber: ctx.cipher.decrypt(sealed.idNumberEnc),
    phone: sealed.phoneEnc ? ctx.cipher.decrypt(sealed.phoneEnc) : null,
  };
}

export async function erase(ctx: Pick<ModuleContext, 'db'>, actor: Actor, id: number, reason: string, meta: Meta) {
  const sealed = await getSealed(ctx.db, id);
  if (!sealed) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, sealed.gridPath)) throw coreErrors.outOfScope();
  await ctx.db.transaction(async (tx) => {
    await erasePerson(tx, id);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.person_erased',
      subject: `person:${id}`,
      detail: { reason },
      ...meta,
    });
  });
}
