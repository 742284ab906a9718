import { districtOf } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { caseActionEvent, caseAggregate, eventPayload } from '../cases.events.js';
import {
  type CaseRecord,
  categoriesIn,
  getCase,
  insertTimeline,
  openSupervision,
  overdueCases,
  updateCase,
} from '../db/cases.repository.js';
import { type CaseStatus, type Level, levelAbove, unitPath } from '../domain/case-status.js';
import { addWorkdays } from '../domain/deadlines.js';

const LEVEL_NAMES: Record<Level, string> = {
  grid: '网格 / grid',
  community: '社区 / community',
  street: '街道 / street',
  district: '区 / district',
  department: '部门 / department',
};

/**
 * Overdue cases go one level up (grid → community → street → district) and onto the supervision board (督办); a case
 * nobody accepted (立案) within the category's response hours goes onto the board for the community and the street.
 * A case escalated once goes up again only if the upper level also lets the category's time limit pass.
 * Departments and the district have no level above them: their overdue cases go to supervision only.
 */
export async function escalateOverdue(ctx: Pick<ModuleContext, 'db' | 'events'>, now = new Date()): Promise<number> {
  let escalated = 0;
  for (const c of await overdueCases(ctx.db, now)) {
    const [category] = await categoriesIn(ctx.db, districtOf(c.gridPath), c.categoryCode);
    if (c.escalatedAt && now <= addWorkdays(new Date(c.escalatedAt), category?.handleWorkdays ?? 1)) continue;
    if (await escalateOne(ctx, c, now)) escalated++;
  }
  return escalated;
}

async function escalateOne(ctx: Pick<ModuleContext, 'db' | 'events'>, c: CaseRecord, now: Date): Promise<boolean> {
  const up = c.level ? levelAbove(c.level) : null;
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
      note: up
        ? `超期，自动升级至${LEVEL_NAMES[up]} / overdue, escalated`
        : c.status === 'reported'
          ? '超时未受理，列入督办 / not accepted in time, under supervision'
          : '超期，列入督办 / overdue, under supervision',
      detail: { from: c.level, to: up, dueAt: c.status === 'reported' ? c.respondDueAt : c.dueAt },
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
