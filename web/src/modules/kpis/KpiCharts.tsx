import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../core/EChart';
import { useT } from '../../core/i18n';
import { type KpiResult, RATE_KPIS, type RateKpi } from './api';
import { kpiName, NO_DATA } from './kpiText';

// Only what these charts need, so the chunk stays a fraction of the full echarts bundle.
echarts.use([BarChart, GaugeChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const BRAND = '#c0392b';
/** The 12345 三率 drawn over time, each in its own colour. */
const TREND_KPIS: readonly RateKpi[] = ['responseRate', 'resolutionRate', 'satisfactionRate'];
const TREND_COLOURS = [BRAND, '#1677ff', '#52c41a'];
const BAR_KPIS: readonly RateKpi[] = RATE_KPIS.filter((k) => k !== 'satisfactionRate');

const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

function RateBars({ result }: { result: KpiResult }) {
  const { lang } = useT();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : NO_DATA) },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: BAR_KPIS.map((k) => kpiName(result.definitions[k], lang)), inverse: true },
      series: [
        {
          type: 'bar',
          data: BAR_KPIS.map((k) => percent(result.kpis[k]) ?? '-'),
          itemStyle: { color: BRAND },
          label: { show: true, position: 'right', formatter: '{c}%' },
          barMaxWidth: 18,
        },
      ],
    }),
    [result, lang],
  );
  return <EChart option={option} testId="kpi-rate-chart" className="sz-kpi-chart" />;
}

function SatisfactionGauge({ result }: { result: KpiResult }) {
  const { lang } = useT();
  const option = useMemo(() => {
    const value = percent(result.kpis.satisfactionRate);
    return {
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          progress: { show: true, width: 14, itemStyle: { color: BRAND } },
          axisLine: { lineStyle: { width: 14 } },
          axisTick: { show: false },
          splitLine: { length: 8 },
          axisLabel: { distance: 18 },
          pointer: { show: value !== null },
          title: { offsetCenter: [0, '75%'], fontSize: 13 },
          detail: {
            offsetCenter: [0, '40%'],
            fontSize: 22,
            formatter: () => (value === null ? NO_DATA : `${value}%`),
          },
          data: [{ value: value ?? 0, name: kpiName(result.definitions.satisfactionRate, lang) }],
        },
      ],
    };
  }, [result, lang]);
  return <EChart option={option} testId="kpi-satisfaction-chart" className="sz-kpi-chart" />;
}

/** The three rates per week or month of the period, with the cases received as bars behind them. */
function Trend({ result }: { result: KpiResult }) {
  const { t, lang } = useT();
  const option = useMemo(() => {
    const labels = result.trend.points.map((p) => p.label);
    return {
      color: TREND_COLOURS,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        ...TREND_KPIS.map((k) => ({
          name: kpiName(result.definitions[k], lang),
          type: 'line',
          connectNulls: false,
          data: result.trend.points.map((p) => percent(p.kpis[k]) ?? '-'),
          tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : NO_DATA) },
        })),
        {
          name: t('kpi.received'),
          type: 'bar',
          yAxisIndex: 1,
          data: result.trend.points.map((p) => p.received),
          itemStyle: { color: '#d9d9d9' },
          barMaxWidth: 24,
        },
      ],
    };
  }, [result, lang, t]);
  return (
    <div className="sz-kpi-trend">
      <div className="sz-kpi-section-title">{t(result.trend.unit === 'week' ? 'kpi.trendWeek' : 'kpi.trendMonth')}</div>
      <EChart option={option} testId="kpi-trend-chart" className="sz-kpi-chart" />
    </div>
  );
}

/**
 * The rates side by side, satisfaction as a gauge, the trend below. Loaded on its own so only this page pays for
 * echarts.
 */
export default function KpiCharts({ result }: { result: KpiResult }) {
  return (
    <>
      <div className="sz-kpi-charts">
        <RateBars result={result} />
        <SatisfactionGauge result={result} />
      </div>
      <Trend result={result} />
    </>
  );
}
