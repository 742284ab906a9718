import { districtOf } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { caseActionEvent, caseAggregate, eventPayload } from '../cases.events.js';
import {
  type CaseRecord,
  type CategoryRecord,
  categoriesIn,
  getCase,
  insertTimeline,
  openSupervision,
  overdueCases,
  updateCase,
} from '../db/cases.repository.js';
import { type CaseStatus, type Level, levelAbove, unitPath } from '../domain/case-status.js';
import { addWorkdays } from '../domain/deadlines.js';
import { limitsFor } from '../domain/priority.js';

const LEVEL_NAMES: Record<Level, string> = {
  grid: '网格 / grid',
  community: '社区 / community',
  street: '街道 / street',
  district: '区 / district',
  department: '部门 / department',
};

/**
 * Overdue cases go one level up (grid → community → street → district) and onto the supervision board (督办); a case
 * nobody accepted (立案) within its response limit, or accepted and not dispatched (派遣) within its dispatch limit,
 * goes onto the board for the community and the street. A case escalated once goes up again only if the upper level
 * also lets the time limit of the step pass, for the case's priority.
 * Departments and the district have no level above them: their overdue cases go to supervision only.
 */
export async function escalateOverdue(ctx: Pick<ModuleContext, 'db' | 'events'>, now = new Date()): Promise<number> {
  let escalated = 0;
  for (const c of await overdueCases(ctx.db, now)) {
    const [category] = await categoriesIn(ctx.db, districtOf(c.gridPath), c.categoryCode);
    // the case's category exists (a foreign key holds it)
    const limits = limitsFor(category as CategoryRecord, c.priority);
    if (c.escalatedAt) {
      const since = new Date(c.escalatedAt);
      const again =
        c.status === 'accepted'
          ? new Date(since.getTime() + limits.dispatchMinutes * 60_000)
          : addWorkdays(since, limits.handleWorkdays);
      if (now <= again) continue;
    }
    if (await escalateOne(ctx, c, now)) escalated++;
  }
  return escalated;
}

/** What the timeline says of a late step, and the deadline it missed. */
function lateStep(c: CaseRecord): { note: string; dueAt: Date | null } {
  if (c.status === 'reported')
    return { note: '超时未受理，列入督办 / not accepted in time, under supervision', dueAt: c.respondDueAt };
  if (c.status === 'accepted')
    return { note: '超时未派遣，列入督办 / not dispatched in time, under supervision', dueAt: c.dispatchDueAt };
  return { note: '超期，列入督办 / overdue, under supervision', dueAt: c.dueAt };
}

async function escalateOne(ctx: Pick<ModuleContext, 'db' | 'events'>, c: CaseRecord, now: Date): Promise<boolean> {
  // an accepted case waits for its dispatcher, not a unit: there is no level to raise it to
  const up = c.level && c.status !== 'accepted' ? levelAbove(c.level) : null;
  const late = lateStep(c);
  const to: CaseStatus = up ? 'dispatched' : c.status;
  const done = await ctx.db.transaction(async (tx) => {
    const moved = await updateCase(tx, c.id, c.version, {
      status: to,
      escalatedAt: now,
      escalationCount: c.escalationCount + 1,
      ...(up && up !== 'department' ? { level: up, assigneePath: unitPath(c.gridPath, up), dispatchedAt: now } : {}),
    });
    if (!moved) return false; // another instance, or a person, changed the case first
    await insertTimeline(tx, {
      caseId: c.id,
      actorId: null,
      actorName: '系统',
      actorRole: 'system',
      action: 'escalate',
      fromStatus: c.status,
      toStatus: to,
      note: up ? `超期，自动升级至${LEVEL_NAMES[up]} / overdue, escalated` : late.note,
      detail: { from: c.level, to: up, dueAt: late.dueAt },
    });
    await openSupervision(tx, c.id, 'overdue', null);
    const escalatedCase = (await getCase(tx, c.id)) as CaseRecord;
    await ctx.events.publish(tx, caseActionEvent('escalate'), eventPayload(escalatedCase), {
      aggregate: caseAggregate(c.id),
    });
    return true;
  });
  return done;
}
