import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { casesErrors } from '../cases.errors.js';
import { caseView } from '../cases.permissions.js';
import { presentCase, presentTimeline } from '../cases.presenter.js';
import { getCase, getCategory, getMedia, listCaseMedia, listTimeline } from '../db/cases.repository.js';
import { communityNames } from './area-names.js';

/** Whoever may not see a case is told it is not there, so ids tried one by one tell nothing. */
const unseen = () => casesErrors.notFound({ field: 'id' });

export async function getCaseDetail(ctx: Pick<ModuleContext, 'db' | 'cipher'>, actor: Actor, id: number) {
  const c = await getCase(ctx.db, id);
  if (!c) throw casesErrors.notFound({ field: 'id' });
  if (!caseView(actor, c)) throw unseen();
  const area = await communityNames(ctx.db, [c.gridPath]);
  return {
    case: presentCase(actor, c, await getCategory(ctx.db, c.categoryCode), ctx.cipher, area(c.gridPath)),
    timeline: presentTimeline(actor, c, await listTimeline(ctx.db, c.id), await listCaseMedia(ctx.db, c.id)),
  };
}

/**
 * The uploader may always fetch their file; once attached, whoever sees the case whole may see it, and a follower
 * those its public view shows.
 */
export async function readMedia(ctx: Pick<ModuleContext, 'db' | 'files'>, actor: Actor, id: number, thumb: boolean) {
  const m = await getMedia(ctx.db, id);
  if (!m) throw casesErrors.notFound({ field: 'id' });
  if (m.uploadedBy !== actor.id) {
    const c = m.caseId ? await getCase(ctx.db, m.caseId) : undefined;
    const view = c && caseView(actor, c);
    if (!c || !view) throw unseen();
    if (view === 'public') {
      const shown = presentTimeline(actor, c, await listTimeline(ctx.db, c.id), await listCaseMedia(ctx.db, c.id));
      if (!shown.some((r) => r.media.some((x) => x.id === m.id))) throw unseen();
    }
  }
  const key = thumb && m.thumbKey ? m.thumbKey : m.fileKey;
  return { bytes: await ctx.files.get(key), mime: thumb && m.thumbKey ? 'image/webp' : m.mime };
}
