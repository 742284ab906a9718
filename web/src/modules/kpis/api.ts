import type { computeKpis } from '../../../../server/src/modules/cases/queries/kpis';
import type { rootCauses } from '../../../../server/src/modules/cases/queries/root-causes';
import { api, download, type Wire } from '../../core/api';

// The answer's shape is the server's own computation's (its response schema is written inline in the route, with
// loose records), as it arrives over JSON.
type Kpis = Awaited<ReturnType<typeof computeKpis>>;
export type KpiResult = Wire<Kpis>;
export type KpiKey = keyof Kpis['kpis'];
export type KpiCount = keyof Kpis['counts'];
export type KpiDefinition = KpiResult['definitions'][KpiKey];
export type KpiTrendPoint = KpiResult['trend']['points'][number];
export type KpiRankRow = KpiResult['ranking']['areas'][number];

/** The order the page shows them in: rates, then handling times. */
export const RATE_KPIS = [
  'acceptRate',
  'dispatchRate',
  'closeRate',
  'onTimeRate',
  'reworkRate',
  'extensionRate',
  'satisfactionRate',
  'responseRate',
  'resolutionRate',
] as const satisfies readonly KpiKey[];
export const DAY_KPIS = ['avgCalendarDays', 'avgWorkdays'] as const satisfies readonly KpiKey[];
export type RateKpi = (typeof RATE_KPIS)[number];

export interface KpiQuery {
  /** Absent: the whole of the user's scope. */
  regionCode?: string;
  from: string;
  to: string;
  categoryCode?: string;
}

function kpiParams(q: KpiQuery): URLSearchParams {
  const params = new URLSearchParams({ from: q.from, to: q.to });
  if (q.regionCode) params.set('regionCode', q.regionCode);
  if (q.categoryCode) params.set('categoryCode', q.categoryCode);
  return params;
}

export function fetchKpis(q: KpiQuery): Promise<KpiResult> {
  return api('GET', `/api/cases/kpis?${kpiParams(q)}`);
}

/** The same figures, trend and rankings as a workbook, named after the region and the period's first day. */
export function downloadKpis(q: KpiQuery, filename: string): Promise<void> {
  return download(`/api/cases/kpis.xlsx?${kpiParams(q)}`, filename);
}

/** 问题溯源: hotspots, recurring problems, counts by root cause and the closed cases that may recur. */
export type RootCauses = Wire<Awaited<ReturnType<typeof rootCauses>>>;
export type Hotspot = RootCauses['hotspots'][number];
export type Recurring = RootCauses['recurring'][number];
export type CauseCount = RootCauses['causes'][number];
export type MayRecurCase = RootCauses['mayRecur'][number];

export function fetchRootCauses(q: KpiQuery): Promise<RootCauses> {
  return api('GET', `/api/cases/root-causes?${kpiParams(q)}`);
}
