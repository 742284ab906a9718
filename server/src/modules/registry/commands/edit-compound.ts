import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { updateCompound } from '../db/compounds.repository.js';
import { compoundDetail, compoundInScope } from '../queries/households.js';

/** A compound's own facts are the community's to keep: editing needs a scope that covers the whole community. */
export async function editCompound(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  id: number,
  change: { address?: string | null; propertyCompany?: string | null },
) {
  const c = await compoundInScope(ctx, actor, id);
  if (!inScope(actor, c.communityPath)) throw coreErrors.outOfScope();
  await ctx.db.transaction(async (tx) => {
    await updateCompound(tx, id, change);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.compound_edited',
      subject: `compound:${id}`,
      detail: change,
    });
  });
  return compoundDetail(ctx, actor, id);
}
