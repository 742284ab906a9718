import { Card, Table, type TableColumnsType, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useT } from '../../core/i18n';
import { LoadFailed, useLoad } from '../../core/query';
import { fetchSituation, type RegistrySummary, type SituationRow } from './api';

const SituationChart = lazy(() => import('./SituationChart'));

const FIGURES = [
  ['people', 'summary.people'],
  ['floating', 'summary.floating'],
  ['households', 'summary.households'],
  ['buildings', 'summary.buildings'],
  ['venues', 'summary.venues'],
  ['facilities', 'summary.facilities'],
  ['openCases', 'summary.openCases'],
] as const;

/** 情 by area: one row per street, community or grid under the chosen region, the region's total last. */
export function SituationPanel({ regionCode }: { regionCode: string }) {
  const { t } = useT();
  const state = useLoad(['registry', 'situation'], regionCode, fetchSituation);
  const situation = state.status === 'ready' ? state.value : undefined;
  const columns: TableColumnsType<SituationRow> = [
    { key: 'name', title: t('situation.area'), dataIndex: 'name', fixed: 'left' },
    ...FIGURES.map(([key, label]) => ({
      key,
      title: t(label),
      dataIndex: key,
      align: 'right' as const,
      sorter: (a: SituationRow, b: SituationRow) => a[key] - b[key],
    })),
  ];
  // pinned under the scrolling rows, so the region's total stays in view however many areas it has
  const total = (sum: RegistrySummary) => (
    <Table.Summary fixed>
      <Table.Summary.Row className="sz-situation-total" data-testid="situation-total">
        <Table.Summary.Cell index={0}>{t('situation.total')}</Table.Summary.Cell>
        {FIGURES.map(([key], i) => (
          <Table.Summary.Cell key={key} index={i + 1} align="right">
            {sum[key]}
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );
  // areas with nobody registered and nothing open would only crowd the chart's axis; the table still lists them
  const charted = situation?.rows.filter((r) => r.people > 0 || r.openCases > 0) ?? [];
  return (
    <Card size="small" title={t('situation.title')} className="sz-situation" data-testid="situation-panel">
      {state.status === 'failed' && (
        <LoadFailed type="warning" message={t('situation.failed', { message: state.message })} retry={state.retry} />
      )}
      <div className="sz-situation-body">
        <Table<SituationRow>
          size="small"
          rowKey="code"
          data-testid="situation-table"
          loading={state.status === 'loading'}
          dataSource={situation?.rows ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content', y: 190 }}
          locale={{ emptyText: t('situation.empty') }}
          summary={() => situation && total(situation.total)}
          sticky
        />
        {charted.length > 0 && (
          <div className="sz-situation-chart-frame">
            <Typography.Text type="secondary">{t('situation.chartTitle')}</Typography.Text>
            <Suspense fallback={null}>
              <SituationChart rows={charted} />
            </Suspense>
          </div>
        )}
      </div>
    </Card>
  );
}
