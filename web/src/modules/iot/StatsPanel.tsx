import { Alert, Card, Segmented, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useT } from '../../core/i18n';
import { type AreaStats, fetchStats } from './api';
import { useAreaNames } from './useAreaNames';
import { useLoaded } from './useLoaded';

// echarts is loaded only when the statistics are opened, as on the KPI page.
const StatsChart = lazy(() => import('./StatsChart'));

const PERIODS = [7, 30, 90] as const;

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const minutes = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** 告警统计 by the areas one level down: counts, false-alarm rate, minutes to acknowledge and to arrive. */
export function StatsPanel({ regionCode }: { regionCode: string | undefined }) {
  const { t } = useT();
  const [days, setDays] = useState<number>(30);
  const state = useLoaded(useCallback(() => fetchStats(regionCode, days), [regionCode, days]));
  const areas = state.value?.areas ?? [];
  const names = useAreaNames(areas.map((a) => a.code));
  const columns: TableColumnsType<AreaStats> = [
    { key: 'area', title: t('iot.area'), render: (_, a) => names[a.code] ?? a.code },
    { key: 'alarms', title: t('iot.alarms'), dataIndex: 'alarms', align: 'right' },
    { key: 'fireAlarms', title: t('iot.fireAlarms'), dataIndex: 'fireAlarms', align: 'right' },
    { key: 'realFires', title: t('iot.realFires'), dataIndex: 'realFires', align: 'right' },
    { key: 'falseAlarms', title: t('iot.falseAlarms'), dataIndex: 'falseAlarms', align: 'right' },
    { key: 'rate', title: t('iot.falseAlarmRate'), align: 'right', render: (_, a) => percent(a.falseAlarmRate) },
    { key: 'ack', title: t('iot.ackMinutes'), align: 'right', render: (_, a) => minutes(a.ackMinutes) },
    { key: 'arrive', title: t('iot.arriveMinutes'), align: 'right', render: (_, a) => minutes(a.arriveMinutes) },
  ];
  return (
    <div className="sz-fire-stats" data-testid="fire-stats">
      <div className="sz-fire-bar">
        <Segmented<number>
          value={days}
          onChange={setDays}
          options={PERIODS.map((d) => ({ value: d, label: t('iot.days', { days: d }) }))}
          data-testid="fire-stats-days"
        />
        <Typography.Text type="secondary">{t('iot.statsHint')}</Typography.Text>
      </div>
      {state.status === 'failed' && (
        <Alert type="error" showIcon title={t('iot.statsFailed', { message: state.message })} />
      )}
      {areas.length > 0 && (
        <Suspense fallback={<Skeleton active />}>
          <StatsChart areas={areas} names={names} />
        </Suspense>
      )}
      <Card size="small">
        <Table<AreaStats>
          size="small"
          rowKey="area"
          data-testid="fire-stats-table"
          loading={state.status === 'loading'}
          columns={columns}
          dataSource={areas}
          pagination={false}
          locale={{ emptyText: t('iot.statsEmpty') }}
        />
      </Card>
    </div>
  );
}
