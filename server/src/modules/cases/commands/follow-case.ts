import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import type { Crs, GridLocator } from '../../geo/index.js';
import { casesErrors } from '../cases.errors.js';
import { addFollower, getCase, insertTimeline, isNearCase } from '../db/cases.repository.js';
import { OPEN_STATUSES } from '../domain/case-status.js';

/**
 * 我也遇到: instead of a duplicate report, a resident follows the open case and hears back on it. Following is
 * one timeline row (the staff see how many people the problem touches); a second follow changes nothing.
 *
 * Only neighbours follow: the case must lie within the follow radius of the position the phone sends (the one it
 * asked "nearby" with) or of a problem the resident reported. The position is the phone's word, so following opens
 * no more than the case's public view; the radius keeps a resident from collecting a whole district's cases by id.
 * A case that does not exist, is finished or is too far away is refused in the same words, so the refusal tells
 * nothing about it.
 */
export async function followCase(
  ctx: Pick<ModuleContext, 'db' | 'config'>,
  locator: GridLocator,
  actor: Actor,
  caseId: number,
  at?: { lng: number; lat: number; crs: Crs },
): Promise<void> {
  const metres = ctx.config.cases.followRadiusMetres;
  const refused = () => casesErrors.notFollowable({ field: 'id', params: { metres } });
  const c = await getCase(ctx.db, caseId);
  if (!c) throw refused();
  if (c.reporterId === actor.id) return;
  const position = at ? (locator.findGrid(at.lng, at.lat, at.crs)?.wgs84 ?? null) : null;
  if (!(await isNearCase(ctx.db, c.id, actor.id, position, metres))) throw refused();
  if (!OPEN_STATUSES.includes(c.status)) throw refused();
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
