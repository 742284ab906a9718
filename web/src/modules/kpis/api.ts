import { api } from '../../core/api';

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
] as const;
export const DAY_KPIS = ['avgCalendarDays', 'avgWorkdays'] as const;
export type RateKpi = (typeof RATE_KPIS)[number];
export type KpiKey = RateKpi | (typeof DAY_KPIS)[number];

export type KpiCount =
  | 'received'
  | 'accepted'
  | 'dispatched'
  | 'responded'
  | 'due'
  | 'closed'
  | 'closedOnTime'
  | 'reworked'
  | 'extended'
  | 'closedInPeriod'
  | 'resolvedInPeriod'
  | 'rated'
  | 'satisfied'
  | 'basicallySatisfied';

export interface KpiDefinition {
  zh: string;
  en: string;
  formula: string;
}

export interface KpiResult {
  counts: Record<KpiCount, number>;
  /** null: nothing to divide by in the period (no data), not zero. */
  kpis: Record<KpiKey, number | null>;
  definitions: Record<KpiKey, KpiDefinition>;
}

export interface KpiQuery {
  /** Absent: the whole of the user's scope. */
  regionCode?: string;
  from: string;
  to: string;
  categoryCode?: string;
}

export function fetchKpis(q: KpiQuery): Promise<KpiResult> {
  const params = new URLSearchParams({ from: q.from, to: q.to });
  if (q.regionCode) params.set('regionCode', q.regionCode);
  if (q.categoryCode) params.set('categoryCode', q.categoryCode);
  return api('GET', `/api/cases/kpis?${params}`);
}
