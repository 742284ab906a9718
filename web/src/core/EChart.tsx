import type * as echarts from 'echarts/core';
import { init } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * An echarts instance on a div, sized with it and disposed with it. Callers register the charts and components
 * they draw with `echarts.use`, so each page's chunk carries only those.
 */
export function EChart({
  option,
  testId,
  className,
}: {
  option: echarts.EChartsCoreOption;
  testId: string;
  className: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = init(el.current);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className={className} data-testid={testId} />;
}
