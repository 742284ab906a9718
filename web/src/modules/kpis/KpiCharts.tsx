import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../core/EChart';
import { useT } from '../../core/i18n';
import { type KpiResult, RATE_KPIS, type RateKpi } from './api';
import { kpiName, NO_DATA } from './kpiText';

// Only what these two charts need, so the chunk stays a fraction of the full echarts bundle.
echarts.use([BarChart, GaugeChart, GridComponent, TooltipComponent, CanvasRenderer]);

const BRAND = '#c0392b';
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

/** The rates side by side, and satisfaction as a gauge. Loaded on its own so only this page pays for echarts. */
export default function KpiCharts({ result }: { result: KpiResult }) {
  return (
    <div className="sz-kpi-charts">
      <RateBars result={result} />
      <SatisfactionGauge result={result} />
    </div>
  );
}
