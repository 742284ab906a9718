import type { Lang, Translator } from '../../core/i18n';
import { DAY_KPIS, type KpiCount, type KpiDefinition, type KpiKey, RATE_KPIS } from './api';

/** The rates as the server lists them, then the handling times. */
export const KPI_ORDER: readonly KpiKey[] = [...RATE_KPIS, ...DAY_KPIS];

/** The counts each figure is made of, as its formula names them, so the figure can be checked by hand. */
export const KPI_COUNTS: Record<KpiKey, readonly KpiCount[]> = {
  acceptRate: ['accepted', 'received'],
  dispatchRate: ['dispatched', 'accepted'],
  closeRate: ['closed', 'due'],
  onTimeRate: ['closedOnTime', 'due'],
  reworkRate: ['reworked', 'due'],
  extensionRate: ['extended', 'due'],
  avgCalendarDays: ['closedInPeriod'],
  avgWorkdays: ['closedInPeriod'],
  satisfactionRate: ['satisfied', 'basicallySatisfied', 'rated'],
  responseRate: ['responded', 'responseDue'],
  resolutionRate: ['resolved', 'returnVisits'],
};

export const NO_DATA = '—';

export function isRate(key: KpiKey): boolean {
  return (RATE_KPIS as readonly KpiKey[]).includes(key);
}

export function kpiName(definition: KpiDefinition, lang: Lang): string {
  return lang === 'en' ? definition.en : definition.zh;
}

/** A rate as a percentage with one decimal, or the no-data mark. */
export function formatRate(value: number | null): string {
  return value === null ? NO_DATA : `${(value * 100).toFixed(1)}%`;
}

/** A rate as a percentage, a duration in days; null means no case to measure in the period. */
export function formatKpi(key: KpiKey, value: number | null, { t }: Translator): string {
  if (value === null) return NO_DATA;
  return isRate(key) ? formatRate(value) : t('kpi.days', { days: value.toFixed(1) });
}
