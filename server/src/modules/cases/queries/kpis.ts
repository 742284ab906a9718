import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { kpiCounts } from '../db/cases.repository.js';
import { workdaysBetween } from '../domain/deadlines.js';
import { regionScope } from './root-causes.js';

/**
 * The standard formulas, each documented where it is shown (the console prints `formula` beside the figure).
 * "Due" cases are those whose deadline falls in the period; ratings and handling times belong to the period
 * in which the case was closed.
 */
export const KPI_DEFINITIONS = {
  acceptRate: { zh: '立案率', en: 'Acceptance rate', formula: '立案数 ÷ 受理（上报）数 / accepted ÷ received' },
  dispatchRate: { zh: '派遣率', en: 'Dispatch rate', formula: '派遣数 ÷ 立案数 / dispatched ÷ accepted' },
  closeRate: { zh: '结案率', en: 'Closure rate', formula: '应结案中已结案数 ÷ 应结案数 / closed ÷ due' },
  onTimeRate: { zh: '按期结案率', en: 'On-time closure rate', formula: '按期结案数 ÷ 应结案数 / closed on time ÷ due' },
  reworkRate: { zh: '返工率', en: 'Rework rate', formula: '返工案件数 ÷ 应结案数 / reworked ÷ due' },
  extensionRate: { zh: '延期率', en: 'Extension rate', formula: '延期案件数 ÷ 应结案数 / extended ÷ due' },
  avgCalendarDays: {
    zh: '平均办结时长（自然日）',
    en: 'Average handling time (calendar days)',
    formula: '∑(结案时间 − 立案时间) ÷ 结案数',
  },
  avgWorkdays: {
    zh: '平均办结时长（工作日）',
    en: 'Average handling time (working days)',
    formula: '∑ 立案至结案的工作日数 ÷ 结案数',
  },
  satisfactionRate: {
    zh: '满意率',
    en: 'Satisfaction rate',
    formula: '（满意 + 基本满意）÷ 参评数 / (satisfied + basically satisfied) ÷ rated',
  },
  responseRate: {
    zh: '响应率（12345）',
    en: 'Response rate (12345)',
    formula: '在响应时限内立案数 ÷ 受理数 / accepted within the response limit ÷ received',
  },
  resolutionRate: {
    zh: '解决率（12345）',
    en: 'Resolution rate (12345)',
    formula: '经处置后结案数 ÷ 结案数 / closed after handling ÷ closed',
  },
} as const;

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

export async function computeKpis(
  db: Queryable,
  actor: Actor,
  q: { regionCode?: string; from: Date; to: Date; categoryCode?: string; orgCode?: string },
) {
  const scope = await regionScope(db, actor, q.regionCode);
  const { counts: c, spans } = await kpiCounts(db, {
    scope,
    from: q.from,
    to: q.to,
    categoryCode: q.categoryCode,
    orgCode: q.orgCode,
  });
  const days = spans.map(([a, b]) => (b.getTime() - a.getTime()) / 86_400_000);
  const workdays = spans.map(([a, b]) => workdaysBetween(a, b));
  const avg = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100 : null;
  return {
    counts: c,
    kpis: {
      acceptRate: ratio(c.accepted, c.received),
      dispatchRate: ratio(c.dispatched, c.accepted),
      closeRate: ratio(c.closed, c.due),
      onTimeRate: ratio(c.closedOnTime, c.due),
      reworkRate: ratio(c.reworked, c.due),
      extensionRate: ratio(c.extended, c.due),
      avgCalendarDays: avg(days),
      avgWorkdays: avg(workdays),
      satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.rated),
      responseRate: ratio(c.responded, c.received),
      resolutionRate: ratio(c.resolvedInPeriod, c.closedInPeriod),
    },
    definitions: KPI_DEFINITIONS,
  };
}
