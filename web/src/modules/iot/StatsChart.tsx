import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../core/EChart';
import { useT } from '../../core/i18n';
import type { AreaStats, VenueKindStats } from './api';

const BAR_WIDTH = 48;

// Only what these charts need, so the chunk stays a fraction of the full echarts bundle.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const percent = (v: number | null) => (v === null ? '-' : Math.round(v * 1000) / 10);
const minutes = (v: number | null) => (v === null ? '-' : Math.round(v * 10) / 10);

interface Props {
  areas: AreaStats[];
  names: Record<string, string>;
}

/** Counts as bars and the false-alarm rate as a line on its own axis; the two response times beside them. */
export default function StatsChart({ areas, names }: Props) {
  const { t } = useT();
  const xAxis = useMemo(() => {
    const labels = areas.map((a) => names[a.code] ?? a.code);
    return { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } };
  }, [areas, names]);
  const counts = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis,
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('iot.alarms'),
          type: 'bar',
          barMaxWidth: BAR_WIDTH,
          data: areas.map((a) => a.alarms),
          itemStyle: { color: '#fa8c16' },
        },
        {
          name: t('iot.fireAlarms'),
          type: 'bar',
          barMaxWidth: BAR_WIDTH,
          data: areas.map((a) => a.fireAlarms),
          itemStyle: { color: '#cf1322' },
        },
        {
          name: t('iot.falseAlarmRate'),
          type: 'line',
          yAxisIndex: 1,
          data: areas.map((a) => percent(a.falseAlarmRate)),
          itemStyle: { color: '#595959' },
          tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '-') },
        },
      ],
    }),
    [areas, xAxis, t],
  );
  const times = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis,
      yAxis: { type: 'value' },
      series: [
        {
          name: t('iot.ackMinutes'),
          type: 'bar',
          barMaxWidth: BAR_WIDTH,
          data: areas.map((a) => minutes(a.ackMinutes)),
          itemStyle: { color: '#1677ff' },
        },
        {
          name: t('iot.arriveMinutes'),
          type: 'bar',
          barMaxWidth: BAR_WIDTH,
          data: areas.map((a) => minutes(a.arriveMinutes)),
          itemStyle: { color: '#13c2c2' },
        },
      ],
    }),
    [areas, xAxis, t],
  );
  return (
    <div className="sz-fire-charts">
      <EChart option={counts} testId="fire-stats-chart" className="sz-fire-chart" />
      <EChart option={times} testId="fire-times-chart" className="sz-fire-chart" />
    </div>
  );
}

/** Alarms and false alarms per kind of place, as horizontal bars: the names of the nine small venues are long. */
export function VenueKindChart({ rows, names }: { rows: VenueKindStats[]; names: string[] }) {
  const { t } = useT();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      // echarts draws the first category at the bottom; reversed, the busiest kind stays on top as in the table
      yAxis: { type: 'category', data: names, inverse: true },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('iot.alarms'),
          type: 'bar',
          barMaxWidth: 18,
          data: rows.map((r) => r.alarms),
          itemStyle: { color: '#fa8c16' },
        },
        {
          name: t('iot.falseAlarms'),
          type: 'bar',
          barMaxWidth: 18,
          data: rows.map((r) => r.falseAlarms),
          itemStyle: { color: '#8c8c8c' },
        },
      ],
    }),
    [rows, names, t],
  );
  return <EChart option={option} testId="fire-venue-chart" className="sz-fire-chart" />;
}
