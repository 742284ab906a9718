import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Layout, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useLoad } from '../../core/query';
import { downloadKpis, fetchKpis, type KpiQuery } from './api';
import { KpiCards } from './KpiCards';
import { KpiFilters, type Period } from './KpiFilters';
import { KpiRanking } from './KpiRanking';
import './kpis.css';

// echarts is the largest library on this page and is needed nowhere else in the console.
const KpiCharts = lazy(() => import('./KpiCharts'));

const thisMonth = (): Period => [dayjs().startOf('month'), dayjs().endOf('month')];

/** 导出 Excel: the page's figures with their formulas, the trend and both rankings, for the filters shown. */
function ExportButton({ query, period }: { query: KpiQuery; period: Period }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function exportKpis() {
    setBusy(true);
    try {
      const parts = [t('kpi.title'), query.regionCode, period[0].format('YYYYMMDD'), period[1].format('YYYYMMDD')];
      await downloadKpis(query, `${parts.filter(Boolean).join('-')}.xlsx`);
    } catch (err) {
      void message.error(t('kpi.exportFailed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={exportKpis} data-testid="kpi-export">
      {t('kpi.export')}
    </Button>
  );
}

/** 统计: the assessment KPIs of a region for a period, optionally one category. */
export function KpiPage() {
  const { t } = useT();
  const [regionCode, setRegionCode] = useState<string>();
  const [period, setPeriod] = useState<Period>(thisMonth);
  const [categoryCode, setCategoryCode] = useState<string>();
  const query: KpiQuery = {
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
        <div className="sz-kpi-actions">
          <KpiFilters
            regionCode={regionCode}
            onRegion={setRegionCode}
            period={period}
            onPeriod={setPeriod}
            categoryCode={categoryCode}
            onCategory={setCategoryCode}
          />
          <ExportButton query={query} period={period} />
        </div>
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
          <KpiRanking result={result} />
        </>
      ) : (
        state.status === 'loading' && <Skeleton active />
      )}
    </Layout.Content>
  );
}
