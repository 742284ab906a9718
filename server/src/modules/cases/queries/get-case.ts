import type { Actor } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { casesErrors } from '../cases.errors.js';
import { canView } from '../cases.permissions.js';
import { presentCase, presentTimeline } from '../cases.presenter.js';
import { getCase, getCategory, listTimeline } from '../db/cases.repository.js';

export async function getCaseDetail(ctx: Pick<ModuleContext, 'db' | 'cipher'>, actor: Actor, id: number) {
  const c = await getCase(ctx.db, id);
  if (!c) throw casesErrors.notFound({ field: 'id' });
  if (!canView(actor, c)) throw coreErrors.outOfScope();
  return {
    case: presentCase(actor, c, await getCategory(ctx.db, c.categoryCode), ctx.cipher),
    timeline: presentTimeline(await listTimeline(ctx.db, c.id)),
  };
}
