import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../core/EChart';
import { useT } from '../../core/i18n';
import { PERSON_TAGS, type RegistrySummary } from './api';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/**
 * People by tag as bars, in the managed order with the first at the top, so the same group is always in the same
 * place. Loaded on its own so only the area page pays for echarts.
 */
export default function TagChart({ byTag }: { byTag: RegistrySummary['byTag'] }) {
  const { t, code } = useT();
  const option = useMemo(() => {
    const tags = PERSON_TAGS.filter((tag) => (byTag[tag] ?? 0) > 0).reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: tags.map((tag) => code('personTag', tag)) },
      series: [
        {
          type: 'bar',
          name: t('summary.people'),
          data: tags.map((tag) => byTag[tag] ?? 0),
          itemStyle: { color: '#5b8ff9' },
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
        },
      ],
    };
  }, [byTag, t, code]);
  return <EChart option={option} testId="tag-chart" className="sz-tag-chart" />;
}
