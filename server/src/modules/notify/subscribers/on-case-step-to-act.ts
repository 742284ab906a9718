import type { DomainEvent } from '../../../core/events.js';
import { chinaClock } from '../../../core/i18n.js';
import type { ModuleContext } from '../../../core/module.js';
import { CASE_REPORTED, type CaseEventPayload, type CaseEventType, caseActionEvent } from '../../cases/index.js';
import { reach, type StepToReach, type Target } from '../commands/reach.js';
import type { NotifyService } from '../notify.service.js';

type Wording = (n: string, due: string, to: string, p: CaseEventPayload) => { zh: string; en: string };

const when = (iso: string | null): string => (iso ? chinaClock(iso) : '');

const byDue = (zhDue: string, enDue: string) => (due: string) =>
  due ? { zh: zhDue.replace('{due}', due), en: enDue.replace('{due}', due) } : { zh: '', en: '' };

const handleBy = byDue('，请于 {due} 前办结', '; handle it by {due}');

/** Whoever holds the case after a step: a department by its code, or a unit of the grid's chain. */
function holder(p: CaseEventPayload): Target | undefined {
  if (p.level === 'department') return p.assigneeOrg ? { org: p.assigneeOrg } : undefined;
  return p.level ? { unit: p.level } : undefined;
}

interface Rule {
  step: string;
  targets: (p: CaseEventPayload) => { target: Target; due: string | null }[];
  wording: Wording;
}

/** The steps that give somebody work to do, and who that is. */
const RULES = new Map<CaseEventType, Rule>([
  [
    CASE_REPORTED,
    {
      step: 'new_report',
      targets: () => [{ target: { unit: 'grid' }, due: null }],
      wording: (n, _d, to) => ({
        zh: `${to}有新的群众反映 ${n}，请及时核实处置`,
        en: `New report ${n} in ${to}: please check it`,
      }),
    },
  ],
  [
    caseActionEvent('dispatch'),
    {
      step: 'dispatched',
      targets: (p) => withHolder(p),
      wording: (n, due, to) => {
        const d = handleBy(due);
        return { zh: `问题 ${n} 已派遣给${to}${d.zh}`, en: `Case ${n} was assigned to ${to}${d.en}` };
      },
    },
  ],
  [
    caseActionEvent('whistle'),
    {
      step: 'whistled',
      targets: (p) => p.awaitingReportIn.map((w) => ({ target: { org: w.org }, due: w.dueAt })),
      wording: (n, due, to) => {
        const d = byDue('，请于 {due} 前报到', '; report in by {due}')(due);
        return { zh: `街道吹哨：问题 ${n} 召集${to}${d.zh}`, en: `Whistle: ${to} is called in on case ${n}${d.en}` };
      },
    },
  ],
  [
    caseActionEvent('handle'),
    {
      step: 'verify',
      targets: () => [{ target: { unit: 'grid' }, due: null }],
      wording: (n, _d, to) => ({
        zh: `问题 ${n} 已处理完毕，请${to}网格员到现场核查`,
        en: `Case ${n} was handled: ${to}'s grid worker please check it on site`,
      }),
    },
  ],
  [
    caseActionEvent('fail_verification'),
    {
      step: 'rework',
      targets: (p) => withHolder(p),
      wording: (n, due, to) => {
        const d = handleBy(due);
        return {
          zh: `问题 ${n} 现场核查未通过，请${to}重新处理${d.zh}`,
          en: `Case ${n} failed its check: ${to} please rework it${d.en}`,
        };
      },
    },
  ],
  [
    caseActionEvent('escalate'),
    {
      step: 'escalated',
      // nobody accepted it, or nobody dispatched it once accepted: those who accept and dispatch (the community) and
      // the level above them (the street) hear of it
      targets: (p) =>
        p.status === 'reported' || p.status === 'accepted'
          ? [
              { target: { unit: 'community' as const }, due: null },
              { target: { unit: 'street' as const }, due: null },
            ]
          : withHolder(p),
      // the case's status says which step was late: 立案, 派遣, or the handling itself
      wording: (n, due, to, p) => {
        if (p.status === 'accepted')
          return {
            zh: `问题 ${n} 超时未派遣，已列入督办，请${to}尽快派遣`,
            en: `Case ${n} was not dispatched in time and is under supervision: ${to} please dispatch it`,
          };
        if (p.status === 'reported')
          return {
            zh: `问题 ${n} 超时未受理，已列入督办，请${to}尽快受理`,
            en: `Case ${n} was not accepted in time and is under supervision: ${to} please accept it`,
          };
        const d = handleBy(due);
        return {
          zh: `问题 ${n} 超期未办结，已升级至${to}督办${d.zh}`,
          en: `Case ${n} is overdue and was escalated to ${to}${d.en}`,
        };
      },
    },
  ],
  [
    caseActionEvent('return'),
    {
      step: 'returned',
      targets: () => [{ target: { unit: 'community' }, due: null }],
      wording: (n, _d, to) => ({
        zh: `问题 ${n} 被承办单位退回，请${to}重新派遣`,
        en: `Case ${n} was sent back by its handler: ${to} please dispatch it again`,
      }),
    },
  ],
]);

/** 紧急 work says so first, so it is read before everything else on a phone's lock screen. */
function urgent(p: CaseEventPayload, words: { zh: string; en: string }) {
  return p.priority === 'urgent' ? { zh: `【紧急】${words.zh}`, en: `[Urgent] ${words.en}` } : words;
}

function withHolder(p: CaseEventPayload) {
  const target = holder(p);
  return target ? [{ target, due: p.dueAt }] : [];
}

/**
 * Every step that gives somebody work reaches them by name: a new report the grid's workers, a dispatch the unit or
 * department it went to, a whistle each department called in (with its report-in deadline), a handled case the grid
 * worker who checks it on site. Whom each step reached is recorded; nobody to reach is raised (see reach.ts).
 */
export function subscribeToCaseWork(ctx: Pick<ModuleContext, 'events' | 'db' | 'log'>, notify: NotifyService): void {
  const types = [...RULES.keys()];
  ctx.events.subscribe('notify.case_work', types, async (event: DomainEvent<CaseEventType>) => {
    const rule = RULES.get(event.type) as Rule;
    const p = event.payload;
    for (const { target, due } of rule.targets(p)) {
      const step: StepToReach = {
        eventId: event.id,
        subject: `case:${p.caseId}`,
        step: rule.step,
        kind: `case_work.${rule.step}`,
        target,
        gridPath: p.gridPath,
        actorId: event.actorId ?? null,
        title: (to) => urgent(p, rule.wording(p.number, when(due), to, p)),
      };
      await reach(ctx.db, notify, ctx.log, step);
    }
  });
}
