import { chinaClock } from '../../../core/i18n.js';
import type { ModuleContext } from '../../../core/module.js';
import { displayNames, findOrg } from '../../identity/index.js';
import { caseAggregate, REPORT_IN_MISSED } from '../cases.events.js';
import {
  type CaseRecord,
  getCase,
  insertTimeline,
  type MissedReportIn,
  markReportInEscalated,
  missedReportIns,
  openSupervision,
} from '../db/cases.repository.js';

/**
 * 吹哨报到 has a deadline: a department whistled onto a case that has not reported in by it is written on the case's
 * timeline by name, the case goes onto the supervision board (督办) for it, and the department, whoever blew the
 * whistle and the district's supervisors hear of it. Once per department per whistle: a department that then reports
 * in late still may, and its report-in is marked late.
 */
export async function escalateMissedReportIns(
  ctx: Pick<ModuleContext, 'db' | 'events'>,
  now = new Date(),
): Promise<number> {
  let escalated = 0;
  for (const m of await missedReportIns(ctx.db, now)) {
    if (await escalateOne(ctx, m, now)) escalated++;
  }
  return escalated;
}

async function escalateOne(ctx: Pick<ModuleContext, 'db' | 'events'>, m: MissedReportIn, now: Date): Promise<boolean> {
  const [org, callers] = await Promise.all([findOrg(ctx.db, m.org), displayNames(ctx.db, [m.calledBy])]);
  const orgName = org?.name ?? m.org;
  const due = chinaClock(m.reportInDueAt);
  return ctx.db.transaction(async (tx) => {
    // the department's own row is the condition, not the case's version: people keep working the case meanwhile
    if (!(await markReportInEscalated(tx, m, now))) return false;
    const c = (await getCase(tx, m.caseId)) as CaseRecord;
    await insertTimeline(tx, {
      caseId: c.id,
      actorId: null,
      actorName: '系统',
      actorRole: 'system',
      action: 'report_in_overdue',
      fromStatus: c.status,
      toStatus: c.status,
      note: `${orgName}超时未报到（报到时限 ${due}），列入督办 / ${orgName} did not report in by ${due}, under supervision`,
      detail: { org: m.org, orgName, reportInDueAt: new Date(m.reportInDueAt).toISOString() },
    });
    await openSupervision(tx, c.id, 'report_in_overdue', null);
    await ctx.events.publish(
      tx,
      REPORT_IN_MISSED,
      {
        caseId: c.id,
        number: c.number,
        gridPath: c.gridPath,
        org: m.org,
        orgName,
        reportInDueAt: new Date(m.reportInDueAt).toISOString(),
        calledBy: m.calledBy,
        calledByName: callers.get(m.calledBy) ?? '',
      },
      { aggregate: caseAggregate(c.id) },
    );
    return true;
  });
}
