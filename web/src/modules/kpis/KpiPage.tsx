import { Layout, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useLoad } from '../../core/query';
import { fetchKpis } from './api';
import { KpiCards } from './KpiCards';
import { KpiFilters, type Period } from './KpiFilters';
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
  const query = {
    regionCode,
    from: period[0].startOf('day').toISOString(),
    to: period[1].endOf('day').toISOString(),
    categoryCode,
  };
  // cases' data: a server event about a case refreshes the figures too; the last figures stay while new ones load
  const state = useLoad(['cases', 'kpis'], query, fetchKpis, { keepPrevious: true });
  const result = loadedValue(state);

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
        <LoadFailed message={t('kpi.loadFailed', { message: state.message })} retry={state.retry} />
      )}
      {result ? (
        <>
          <Suspense fallback={<Skeleton active />}>
            <KpiCharts result={result} />
          </Suspense>
          <KpiCards result={result} />
        </>
      ) : (
        state.status === 'loading' && <Skeleton active />
      )}
    </Layout.Content>
  );
}
