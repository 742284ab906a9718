import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useT } from '../../core/i18n';
import type { KpiRankRow, KpiResult, RateKpi } from './api';
import { formatRate, kpiName } from './kpiText';

const RANKED: readonly RateKpi[] = ['satisfactionRate', 'resolutionRate', 'responseRate', 'onTimeRate'];

function RankTable({
  title,
  rows,
  empty,
  result,
  testId,
}: {
  title: string;
  rows: KpiRankRow[];
  empty: string;
  result: KpiResult;
  testId: string;
}) {
  const { t, lang } = useT();
  const columns: ColumnsType<KpiRankRow> = [
    { key: 'rank', title: t('kpi.rank'), width: 64, render: (_, __, i) => i + 1 },
    { key: 'name', title: t('kpi.name'), dataIndex: 'name' },
    { key: 'received', title: t('kpi.received'), align: 'right', render: (_, r) => r.counts.received },
    ...RANKED.map((k) => ({
      key: k,
      title: kpiName(result.definitions[k], lang),
      align: 'right' as const,
      render: (_: unknown, r: KpiRankRow) => formatRate(r.kpis[k]),
    })),
  ];
  return (
    <div className="sz-kpi-rank" data-testid={testId}>
      <div className="sz-kpi-section-title">
        {title}
        <Typography.Text type="secondary" className="sz-kpi-rank-hint">
          {t('kpi.rankHint')}
        </Typography.Text>
      </div>
      <Table<KpiRankRow>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={rows}
        pagination={false}
        // a district has dozens of communities: the best stay in view, the rest scroll under the header
        scroll={{ y: 360 }}
        locale={{ emptyText: empty }}
      />
    </div>
  );
}

/** The areas one level down and the departments, best first, so a weak one stands out. */
export function KpiRanking({ result }: { result: KpiResult }) {
  const { t } = useT();
  return (
    <div className="sz-kpi-ranks">
      <RankTable
        title={t('kpi.rankAreas')}
        rows={result.ranking.areas}
        empty={t('kpi.noAreas')}
        result={result}
        testId="kpi-rank-areas"
      />
      <RankTable
        title={t('kpi.rankDepartments')}
        rows={result.ranking.departments}
        empty={t('kpi.noDepartments')}
        result={result}
        testId="kpi-rank-departments"
      />
    </div>
  );
}
