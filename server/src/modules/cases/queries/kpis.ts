import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { childAreas, listDistrictsAndStreets } from '../../geo/index.js';
import { findOrg } from '../../identity/index.js';
import {
  emptyKpiCounts,
  type KpiCounts,
  type KpiFilter,
  type KpiGroupCounts,
  kpiCounts,
} from '../db/cases.repository.js';
import { workdaysBetween } from '../domain/deadlines.js';
import { regionScope } from './root-causes.js';

/**
 * The standard formulas, each documented where it is shown (the console prints `formula` beside the figure).
 * "Due" cases are those whose deadline falls in the period; handling times belong to the period in which the case
 * was closed; ratings and return visits to the period in which they were given.
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
    zh: '满意率（12345）',
    en: 'Satisfaction rate (12345)',
    formula:
      '（满意 + 基本满意）÷ 本期全部评价数（含重办前的评价）/ (satisfied + basically satisfied) ÷ every rating given in the period, those before a reopen included',
  },
  responseRate: {
    zh: '响应率（12345）',
    en: 'Response rate (12345)',
    formula:
      '上报后在响应时限（上报时间 + 类别响应小时数）内立案数 ÷ 本期上报且应响应数（已立案或已超响应时限；不予立案、合并的除外）/ accepted within the response limit (report time + the category’s response hours) ÷ reported in the period and due a response (accepted, or past the limit; rejected and merged reports excepted)',
  },
  resolutionRate: {
    zh: '解决率（12345）',
    en: 'Resolution rate (12345)',
    formula: '回访答“已解决”数 ÷ 本期回访数 / return visits answered “solved” ÷ return visits in the period',
  },
} as const;

export type KpiKey = keyof typeof KPI_DEFINITIONS;

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100 : null);

/** The figures from their counts, each by its formula above. */
export function kpisOf({ counts: c, spans }: KpiGroupCounts): Record<KpiKey, number | null> {
  return {
    acceptRate: ratio(c.accepted, c.received),
    dispatchRate: ratio(c.dispatched, c.accepted),
    closeRate: ratio(c.closed, c.due),
    onTimeRate: ratio(c.closedOnTime, c.due),
    reworkRate: ratio(c.reworked, c.due),
    extensionRate: ratio(c.extended, c.due),
    avgCalendarDays: avg(spans.map(([a, b]) => (b.getTime() - a.getTime()) / 86_400_000)),
    avgWorkdays: avg(spans.map(([a, b]) => workdaysBetween(a, b))),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.rated),
    responseRate: ratio(c.responded, c.responseDue),
    resolutionRate: ratio(c.resolved, c.returnVisits),
  };
}

/** China Standard Time has no daylight saving: a fixed offset turns an instant into its calendar date there. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** Up to about two months the trend goes by week; longer periods by month. */
const WEEKLY_UP_TO_DAYS = 62;
/** A longer period would make a trend of too many months to read, and too many statements to count it. */
const MAX_PERIOD_DAYS = 3 * 366;

/** The calendar date in China of an instant, YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export type TrendUnit = 'week' | 'month';

/**
 * The period cut at China's Mondays or first days of the month, each piece clipped to the period; labelled by the
 * China date the piece starts on (a month by YYYY-MM).
 */
export function trendBuckets(
  from: Date,
  to: Date,
): { unit: TrendUnit; buckets: { label: string; from: Date; to: Date }[] } {
  const unit: TrendUnit = to.getTime() - from.getTime() <= WEEKLY_UP_TO_DAYS * DAY_MS ? 'week' : 'month';
  const buckets: { label: string; from: Date; to: Date }[] = [];
  let start = from;
  while (start < to) {
    // the China calendar as UTC fields: midnight of the next boundary, then back to the instant
    const local = new Date(start.getTime() + CHINA_OFFSET_MS);
    const next =
      unit === 'week'
        ? Date.UTC(
            local.getUTCFullYear(),
            local.getUTCMonth(),
            local.getUTCDate() + (((7 - local.getUTCDay()) % 7) + 1),
          )
        : Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1);
    const end = new Date(Math.min(next - CHINA_OFFSET_MS, to.getTime()));
    const day = chinaDate(start);
    buckets.push({ label: unit === 'week' ? day : day.slice(0, 7), from: start, to: end });
    start = end;
  }
  return { unit, buckets };
}

const RANK_BY: readonly KpiKey[] = ['satisfactionRate', 'resolutionRate', 'responseRate'];

/** Best first by satisfaction, then resolution, then response; an area without a figure goes below those with one. */
function byRank<T extends { code: string; kpis: Record<KpiKey, number | null> }>(a: T, b: T): number {
  for (const k of RANK_BY) {
    const x = a.kpis[k];
    const y = b.kpis[k];
    if (x !== y) return (y ?? -1) - (x ?? -1);
  }
  return a.code.localeCompare(b.code);
}

export interface KpiQuery {
  regionCode?: string;
  from: Date;
  to: Date;
  categoryCode?: string;
  orgCode?: string;
}

export async function computeKpis(db: Queryable, actor: Actor, q: KpiQuery, now = new Date()) {
  if (q.to <= q.from) {
    throw coreErrors.invalid({
      field: 'to',
      params: { reason: { 'zh-CN': '结束时间应晚于开始时间', en: 'must be after from' } },
    });
  }
  if (q.to.getTime() - q.from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw coreErrors.invalid({
      field: 'to',
      params: { reason: { 'zh-CN': '统计期间不超过三年', en: 'the period may be at most three years' } },
    });
  }
  const scope = await regionScope(db, actor, q.regionCode);
  const filter: KpiFilter = { scope, from: q.from, to: q.to, categoryCode: q.categoryCode, orgCode: q.orgCode };
  const { unit, buckets } = trendBuckets(q.from, q.to);
  const areas = await areasBelow(db, actor, scope, q.regionCode);
  const split = await kpiCounts(db, filter, now, {
    starts: buckets.map((b) => b.from),
    areaDepth: areas[0] ? areas[0].path.split('.').length : null,
  });
  // the pieces cover the period exactly once, so their counts add up to the period's
  const pieces = buckets.map((_, i) => split.pieces.get(String(i + 1)) ?? noCounts());
  const total = pieces.reduce(addUp, noCounts());
  const points = buckets.map((b, i) => {
    const piece = pieces[i] as KpiGroupCounts;
    return { label: b.label, from: b.from, to: b.to, received: piece.counts.received, kpis: kpisOf(piece) };
  });

  return {
    counts: total.counts,
    kpis: kpisOf(total),
    trend: { unit, points },
    ranking: {
      areas: areas.map((a) => rankRow(a.code, a.name, split.areas.get(a.path) ?? noCounts())).sort(byRank),
      departments: await rankDepartments(db, split.departments),
    },
    definitions: KPI_DEFINITIONS,
  };
}

const noCounts = (): KpiGroupCounts => ({ counts: emptyKpiCounts(), spans: [] });

function addUp(a: KpiGroupCounts, b: KpiGroupCounts): KpiGroupCounts {
  const counts = { ...a.counts };
  for (const k of Object.keys(counts) as (keyof KpiCounts)[]) counts[k] += b.counts[k];
  return { counts, spans: [...a.spans, ...b.spans] };
}

export type KpiRankRow = { code: string; name: string; counts: KpiCounts; kpis: Record<KpiKey, number | null> };

const rankRow = (code: string, name: string, g: KpiGroupCounts): KpiRankRow => ({
  code,
  name,
  counts: g.counts,
  kpis: kpisOf(g),
});

/**
 * The areas one level down from the region asked for, or from the asker's scope — a district's streets, a street's
 * communities; the districts for someone whose scope is everything.
 */
async function areasBelow(db: Queryable, actor: Actor, scope: string, regionCode: string | undefined) {
  const code = regionCode ?? scope.split('.').at(-1);
  if (code) return childAreas(db, code, actor.scopePath);
  return (await listDistrictsAndStreets(db)).filter((r) => r.level === 'district');
}

/** The departments that held cases of the filter, each with its figures, best first. */
async function rankDepartments(db: Queryable, groups: Map<string, KpiGroupCounts>): Promise<KpiRankRow[]> {
  const rows: KpiRankRow[] = [];
  for (const [code, g] of groups) {
    if (!code) continue;
    const org = await findOrg(db, code);
    rows.push(rankRow(code, org?.name ?? code, g));
  }
  return rows.sort(byRank);
}
