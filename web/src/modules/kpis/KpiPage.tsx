import { Alert, Layout, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../core/i18n';
import { KpiCards } from './KpiCards';
import { KpiFilters, type Period } from './KpiFilters';
import { useKpis } from './useKpis';
import './kpis.css';

// echarts is the largest library on this page and is needed nowhere else in the console.
const KpiCharts = lazy(() => import('./KpiCharts'));

const thisMonth = (): Period => [dayjs().startOf('month'), dayjs().endOf('month')];

/** 统计: the assessment KPIs of a region for a period, optionally one category. */
export function KpiPage() {
  const { t } = useT();
  const [regionCode, setRegionCode] = useState<string>();
  const [period, setPeriod] = useState<Period>(thisMonth);
  const [categoryCode, setCategoryCode] = useState<string>();
  const state = useKpis({
    regionCode,
    from: period[0].startOf('day').toISOString(),
    to: period[1].endOf('day').toISOString(),
    categoryCode,
  });

  return (
    <Layout.Content className="sz-kpis" data-testid="kpi-page">
      <div className="sz-kpi-bar">
        <Typography.Title level={4} className="sz-kpi-title">
          {t('kpi.title')}
        </Typography.Title>
        <KpiFilters
          regionCode={regionCode}
          onRegion={setRegionCode}
          period={period}
          onPeriod={setPeriod}
          categoryCode={categoryCode}
          onCategory={setCategoryCode}
        />
      </div>
      {state.status === 'failed' && (
        <Alert type="error" showIcon title={t('kpi.loadFailed', { message: state.message })} />
      )}
      {state.result ? (
        <>
          <Suspense fallback={<Skeleton active />}>
            <KpiCharts result={state.result} />
          </Suspense>
          <KpiCards result={state.result} />
        </>
      ) : (
        state.status === 'loading' && <Skeleton active />
      )}
    </Layout.Content>
  );
}
