import { Layout, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useLoad } from '../../core/query';
import { casePath } from '../cases/caseRoute';
import { categoryName, formatTime } from '../cases/caseText';
import { useAllCategories } from '../cases/useCategories';
import { useMapView } from '../geo/mapView';
import { AreaName } from '../geo/useAreaNames';
import {
  type CauseCount,
  fetchRootCauses,
  type Hotspot,
  type KpiQuery,
  type MayRecurCase,
  type Recurring,
} from './api';
import { HotspotMap } from './HotspotMap';
import { KpiFilters, type Period } from './KpiFilters';
import './kpis.css';

// root causes show once cases have been closed with a summary: a quarter gives a month's hotspots their context
const lastQuarter = (): Period => [dayjs().subtract(3, 'month').startOf('day'), dayjs().endOf('day')];

/** A category code in the reader's language, from the categories every page shares. */
function useCategoryName(): (code: string) => string {
  const { lang } = useT();
  const categories = loadedValue(useAllCategories());
  return useMemo(() => {
    const byCode = new Map((categories ?? []).map((c) => [c.code, c]));
    return (code: string) => {
      const c = byCode.get(code);
      return c ? categoryName(c, lang) : code;
    };
  }, [categories, lang]);
}

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="sz-kpi-rank">
      <div className="sz-kpi-section-title">
        {title}
        {hint && (
          <Typography.Text type="secondary" className="sz-kpi-rank-hint">
            {hint}
          </Typography.Text>
        )}
      </div>
      {children}
    </div>
  );
}

function CauseTable({ rows }: { rows: CauseCount[] }) {
  const { t, code } = useT();
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const columns: ColumnsType<CauseCount> = [
    { key: 'cause', title: t('summary.rootCause'), render: (_, r) => code('rootCause', r.rootCause) },
    { key: 'count', title: t('rootCauses.closed'), dataIndex: 'count', align: 'right' },
    {
      key: 'share',
      title: t('rootCauses.share'),
      align: 'right',
      render: (_, r) => (total ? `${((r.count / total) * 100).toFixed(1)}%` : '—'),
    },
    { key: 'mayRecur', title: code('mayRecur', 'yes'), dataIndex: 'mayRecur', align: 'right' },
  ];
  return (
    <Section title={t('rootCauses.byCause')} hint={t('rootCauses.byCauseHint', { total })}>
      <Table<CauseCount>
        size="small"
        rowKey="rootCause"
        columns={columns}
        dataSource={rows}
        pagination={false}
        data-testid="root-cause-counts"
      />
    </Section>
  );
}

function MayRecurTable({ rows, category }: { rows: MayRecurCase[]; category: (code: string) => string }) {
  const { t, code, lang } = useT();
  const columns: ColumnsType<MayRecurCase> = [
    { key: 'number', title: t('rootCauses.case'), render: (_, r) => <Link to={casePath(r.id)}>{r.number}</Link> },
    { key: 'area', title: t('rootCauses.area'), dataIndex: 'areaName' },
    { key: 'category', title: t('cases.category'), render: (_, r) => category(r.categoryCode) },
    {
      key: 'cause',
      title: t('summary.rootCause'),
      render: (_, r) => (
        <>
          <Tag>{code('rootCause', r.rootCause)}</Tag>
          {r.rootCauseNote}
        </>
      ),
    },
    { key: 'measures', title: t('summary.measures'), dataIndex: 'measures', ellipsis: true },
    { key: 'closedAt', title: t('case.closedAt'), render: (_, r) => formatTime(r.closedAt, lang) },
  ];
  return (
    <Section title={t('rootCauses.mayRecur')} hint={t('rootCauses.mayRecurHint')}>
      <Table<MayRecurCase>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('rootCauses.noneMayRecur') }}
        data-testid="root-cause-may-recur"
      />
    </Section>
  );
}

function RecurringTable({ rows, category }: { rows: Recurring[]; category: (code: string) => string }) {
  const { t, lang } = useT();
  const columns: ColumnsType<Recurring> = [
    { key: 'grid', title: t('cases.grid'), render: (_, r) => <AreaName code={r.gridCode} /> },
    { key: 'category', title: t('cases.category'), render: (_, r) => category(r.categoryCode) },
    { key: 'count', title: t('rootCauses.reports'), dataIndex: 'count', align: 'right' },
    { key: 'last', title: t('rootCauses.lastReported'), render: (_, r) => formatTime(r.lastReportedAt, lang) },
  ];
  return (
    <Section title={t('rootCauses.recurring')} hint={t('rootCauses.recurringHint')}>
      <Table<Recurring>
        size="small"
        rowKey={(r) => `${r.gridCode}-${r.categoryCode}`}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('rootCauses.noneRecurring') }}
        data-testid="root-cause-recurring"
      />
    </Section>
  );
}

function HotspotList({ rows, category }: { rows: Hotspot[]; category: (code: string) => string }) {
  const { t } = useT();
  if (rows.length === 0) return <Typography.Text type="secondary">{t('rootCauses.noHotspots')}</Typography.Text>;
  return (
    <ul className="sz-hotspot-list" data-testid="root-cause-hotspots">
      {rows.slice(0, 8).map((h) => (
        <li key={`${h.categoryCode}-${h.center.join(',')}`}>
          {t('rootCauses.hotspot', { category: category(h.categoryCode), count: h.count })}
        </li>
      ))}
    </ul>
  );
}

/** 问题溯源: where the same problem keeps coming back, why closed cases say it arose, and which may come back. */
export function RootCausePage() {
  const { t } = useT();
  const [regionCode, setRegionCode] = useState<string>();
  const [period, setPeriod] = useState<Period>(lastQuarter);
  const [categoryCode, setCategoryCode] = useState<string>();
  const query: KpiQuery = {
    regionCode,
    from: period[0].startOf('day').toISOString(),
    to: period[1].endOf('day').toISOString(),
    categoryCode,
  };
  const state = useLoad(['cases', 'root-causes'], query, fetchRootCauses, { keepPrevious: true });
  const result = loadedValue(state);
  const view = loadedValue(useMapView(regionCode ?? null));
  const category = useCategoryName();

  return (
    <Layout.Content className="sz-kpis" data-testid="root-cause-page">
      <div className="sz-kpi-bar">
        <Typography.Title level={4} className="sz-kpi-title">
          {t('rootCauses.title')}
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
        <LoadFailed message={t('rootCauses.loadFailed', { message: state.message })} retry={state.retry} />
      )}
      {result ? (
        <>
          <div className="sz-kpi-charts">
            <div className="sz-hotspot-frame">
              <HotspotMap areas={view?.areas} hotspots={result.hotspots} />
            </div>
            <Section title={t('rootCauses.hotspots')} hint={t('rootCauses.hotspotsHint')}>
              <HotspotList rows={result.hotspots} category={category} />
            </Section>
          </div>
          <div className="sz-kpi-ranks">
            <CauseTable rows={result.causes} />
            <RecurringTable rows={result.recurring} category={category} />
          </div>
          <MayRecurTable rows={result.mayRecur} category={category} />
        </>
      ) : (
        state.status === 'loading' && <Skeleton active />
      )}
    </Layout.Content>
  );
}
