import { chinaClock } from '../../../core/i18n.js';
import type { ModuleContext } from '../../../core/module.js';
import { REPORT_IN_MISSED, type ReportInMissedPayload } from '../../cases/index.js';
import { reach, type Target } from '../commands/reach.js';
import type { NotifyService } from '../notify.service.js';

type Wording = (p: ReportInMissedPayload, due: string, to: string) => { zh: string; en: string };

/** Who hears that a whistled department did not report in, and what each is asked to do about it. */
const RECIPIENTS: { target: (p: ReportInMissedPayload) => Target; wording: Wording }[] = [
  {
    // the department itself: it is late and must come now
    target: (p) => ({ org: p.org }),
    wording: (p, due, to) => ({
      zh: `问题 ${p.number}：${to}未在 ${due} 前报到，已列入督办，请立即报到`,
      en: `Case ${p.number}: ${to} did not report in by ${due} and is under supervision: report in now`,
    }),
  },
  {
    // whoever blew the whistle, by name; if they are gone, the street over the case
    target: (p) => ({
      named: { target: `user:${p.calledBy}`, name: p.calledByName, userIds: [p.calledBy] },
      raiseTo: 'street',
    }),
    wording: (p, due, to) => ({
      zh: `${to}：您吹哨召集的${p.orgName}未在 ${due} 前报到问题 ${p.number}，已列入督办`,
      en: `${to}: ${p.orgName}, whom you whistled in on case ${p.number}, did not report in by ${due}; it is under supervision`,
    }),
  },
  {
    // the district's supervisors (its administrators and command centre), who follow the board
    target: () => ({ unit: 'district' }),
    wording: (p, due, to) => ({
      zh: `督办：问题 ${p.number} 的${p.orgName}未在 ${due} 前报到，请${to}督促`,
      en: `Supervision: ${p.orgName} did not report in on case ${p.number} by ${due}; ${to} please follow it up`,
    }),
  },
];

/**
 * A department whistled onto a case that let its report-in deadline pass: the department, whoever whistled it in and
 * the district's supervisors are each told by name; nobody to tell is raised as every step is (reach.ts).
 */
export function subscribeToMissedReportIns(
  ctx: Pick<ModuleContext, 'events' | 'db' | 'log'>,
  notify: NotifyService,
): void {
  ctx.events.subscribe('notify.report_in_missed', [REPORT_IN_MISSED], async (event) => {
    const p = event.payload;
    const due = chinaClock(p.reportInDueAt);
    for (const r of RECIPIENTS) {
      await reach(ctx.db, notify, ctx.log, {
        eventId: event.id,
        subject: `case:${p.caseId}`,
        step: 'report_in_missed',
        kind: 'case_work.report_in_missed',
        target: r.target(p),
        gridPath: p.gridPath,
        actorId: null,
        title: (to) => r.wording(p, due, to),
      });
    }
  });
}
