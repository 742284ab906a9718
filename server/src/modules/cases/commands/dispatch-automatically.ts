import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import type { CaseRecord } from '../db/cases.repository.js';
import { getCase } from '../db/cases.repository.js';
import { transitionCase } from './transition-case.js';

/**
 * A case a system opened where people must go at once (a confirmed fire): accepted and dispatched to the org named,
 * in the system's name, each step its own timeline row and event as if a dispatcher had taken it, so whoever it goes
 * to is told by name. A step the case has already taken is skipped, so a retried delivery finishes what a crash left.
 * Without an org the case stays accepted: its dispatch limit runs and, past it, the community and the street are told.
 */
export async function acceptAndDispatch(
  ctx: Pick<ModuleContext, 'db' | 'events'>,
  actor: Actor,
  caseId: number,
  to: { orgCode: string | null; note: string },
): Promise<CaseRecord | undefined> {
  let c = await getCase(ctx.db, caseId);
  if (c?.status === 'reported') c = await transitionCase(ctx, actor, caseId, { action: 'accept', note: to.note });
  if (c?.status === 'accepted' && to.orgCode) {
    c = await transitionCase(ctx, actor, caseId, {
      action: 'dispatch',
      level: 'department',
      orgCode: to.orgCode,
      note: to.note,
    });
  }
  return c;
}
