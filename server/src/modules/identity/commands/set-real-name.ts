import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import { ID_NUMBER_REASONS, idNumberProblem } from '../../../core/id-number.js';
import type { ModuleContext } from '../../../core/module.js';
import { otherHolderOfIdNumber, setRealName } from '../db/personal.repository.js';
import { identityErrors } from '../identity.errors.js';

type Ctx = Pick<ModuleContext, 'db' | 'cipher'>;
type Meta = { ip: string; requestId?: string };

/** PostgreSQL's unique_violation: a parallel request bound the same ID number first. */
const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === '23505';

/**
 * A resident gives their real name: name and ID number, the number checked by GB 11643 and bound to one account
 * only. Both are sealed with the data key like the registry's people; only the number's keyed hash is searchable.
 * The audit row says that it happened, never what was given.
 */
export async function giveRealName(ctx: Ctx, actor: Actor, input: { name: string; idNumber: string }, meta: Meta) {
  const idNumber = input.idNumber.trim().toUpperCase();
  const problem = idNumberProblem(idNumber);
  if (problem) throw identityErrors.badIdNumber({ field: 'idNumber', params: { reason: ID_NUMBER_REASONS[problem] } });
  const taken = () => identityErrors.idNumberTaken({ field: 'idNumber' });
  if (
    await otherHolderOfIdNumber(ctx.db, actor.id, [
      ctx.cipher.searchHash(idNumber),
      ...ctx.cipher.retiredHashes(idNumber),
    ])
  )
    throw taken();
  try {
    await ctx.db.transaction(async (tx) => {
      await setRealName(tx, actor.id, {
        realNameEnc: ctx.cipher.encrypt(input.name),
        idNumberEnc: ctx.cipher.encrypt(idNumber),
        idNumberHash: ctx.cipher.searchHash(idNumber),
      });
      await writeAudit(tx, { actorId: actor.id, actorName: actor.username, action: 'identity.real_name_set', ...meta });
    });
  } catch (err) {
    throw isUniqueViolation(err) ? taken() : err;
  }
}

/** Removes the real name altogether: nothing of it stays behind, not even the hash. */
export async function removeRealName(ctx: Ctx, actor: Actor, meta: Meta): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await setRealName(tx, actor.id, null);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.real_name_removed',
      ...meta,
    });
  });
}
