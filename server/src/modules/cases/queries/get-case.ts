import type { Actor } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { casesErrors } from '../cases.errors.js';
import { canView } from '../cases.permissions.js';
import { presentCase, presentTimeline } from '../cases.presenter.js';
import { getCase, getCategory, getMedia, listCaseMedia, listTimeline } from '../db/cases.repository.js';

export async function getCaseDetail(ctx: Pick<ModuleContext, 'db' | 'cipher'>, actor: Actor, id: number) {
  const c = await getCase(ctx.db, id);
  if (!c) throw casesErrors.notFound({ field: 'id' });
  if (!canView(actor, c)) throw coreErrors.outOfScope();
  return {
    case: presentCase(actor, c, await getCategory(ctx.db, c.categoryCode), ctx.cipher),
    timeline: presentTimeline(await listTimeline(ctx.db, c.id), await listCaseMedia(ctx.db, c.id)),
  };
}

/** The uploader may always fetch their file; once attached, whoever may see the case may see it. */
export async function readMedia(ctx: Pick<ModuleContext, 'db' | 'files'>, actor: Actor, id: number, thumb: boolean) {
  const m = await getMedia(ctx.db, id);
  if (!m) throw casesErrors.notFound({ field: 'id' });
  if (m.uploadedBy !== actor.id) {
    const c = m.caseId ? await getCase(ctx.db, m.caseId) : undefined;
    if (!c || !canView(actor, c)) throw coreErrors.outOfScope();
  }
  const key = thumb && m.thumbKey ? m.thumbKey : m.fileKey;
  return { bytes: await ctx.files.get(key), mime: thumb && m.thumbKey ? 'image/webp' : m.mime };
}
