import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { casesErrors } from '../cases.errors.js';
import { isDispatcher } from '../cases.permissions.js';
import { getCase, setCasePublic } from '../db/cases.repository.js';

/**
 * Staff over the case's area decide whether its followers may read what was reported (the description and the
 * photos, never who reported it): a broken street light may be, a family's trouble may not. Audited either way.
 */
export async function setPublic(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  caseId: number,
  value: boolean,
  meta: { ip: string; id: string },
): Promise<void> {
  const c = await getCase(ctx.db, caseId);
  if (!c) throw casesErrors.notFound({ field: 'id' });
  if (!isDispatcher(actor, c)) throw coreErrors.outOfScope({ field: 'id' });
  if (c.public === value) return;
  await ctx.db.transaction(async (tx) => {
    await setCasePublic(tx, c.id, value);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: value ? 'cases.case_made_public' : 'cases.case_made_private',
      subject: `case:${c.id}`,
      detail: { number: c.number },
      ip: meta.ip,
      requestId: meta.id,
    });
  });
}
