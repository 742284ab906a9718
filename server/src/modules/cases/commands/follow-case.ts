import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { casesErrors } from '../cases.errors.js';
import { addFollower, getCase, insertTimeline } from '../db/cases.repository.js';
import { OPEN_STATUSES } from '../domain/case-status.js';

/**
 * 我也遇到: instead of a duplicate report, a resident follows the open case and hears back on it. Following is
 * one timeline row (the staff see how many people the problem touches); a second follow changes nothing.
 */
export async function followCase(ctx: Pick<ModuleContext, 'db'>, actor: Actor, caseId: number): Promise<void> {
  const c = await getCase(ctx.db, caseId);
  if (!c || !OPEN_STATUSES.includes(c.status)) throw casesErrors.notFollowable({ field: 'id' });
  if (c.reporterId === actor.id) return;
  await ctx.db.transaction(async (tx) => {
    if (!(await addFollower(tx, c.id, actor.id))) return;
    await insertTimeline(tx, {
      caseId: c.id,
      actorId: actor.id,
      actorName: '居民',
      actorRole: actor.role,
      action: 'follow',
      fromStatus: c.status,
      toStatus: c.status,
      note: '',
      detail: {},
    });
  });
}
