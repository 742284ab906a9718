import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../core/EChart';
import { useT } from '../../core/i18n';
import type { SituationRow } from './api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * Residents and open cases side by side for each child area, each on its own axis: hundreds of people and a handful of
 * cases would otherwise leave the cases flat on the floor. Loaded on its own so only this panel pays for echarts.
 */
export default function SituationChart({ rows }: { rows: SituationRow[] }) {
  const { t } = useT();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
      },
      yAxis: [
        { type: 'value', name: t('summary.people'), minInterval: 1 },
        { type: 'value', name: t('summary.openCases'), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('summary.people'), data: rows.map((r) => r.people), itemStyle: { color: '#5b8ff9' } },
        {
          type: 'bar',
          name: t('summary.openCases'),
          yAxisIndex: 1,
          data: rows.map((r) => r.openCases),
          itemStyle: { color: '#c0392b' },
        },
      ],
    }),
    [rows, t],
  );
  return <EChart option={option} testId="situation-chart" className="sz-situation-chart" />;
}
