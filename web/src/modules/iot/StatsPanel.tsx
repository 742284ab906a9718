import { Card, Segmented, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useLoad } from '../../core/query';
import { useAreaNames } from '../geo/useAreaNames';
import { type AreaStats, fetchStats, type VenueKindStats } from './api';
import { venueKindName } from './venueText';

// echarts is loaded only when the statistics are opened, as on the KPI page.
const StatsChart = lazy(() => import('./StatsChart'));
const VenueKindChart = lazy(() => import('./StatsChart').then((m) => ({ default: m.VenueKindChart })));

const PERIODS = [7, 30, 90] as const;

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const minutes = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** 按场所类型: where the alarms come from (homes, small restaurants, shops…) and how often they are false there. */
function VenueKindStatsCard({ rows, loading }: { rows: VenueKindStats[]; loading: boolean }) {
  const translator = useT();
  const { t } = translator;
  const names = rows.map((r) => venueKindName(r.venueKind, translator));
  const columns: TableColumnsType<VenueKindStats> = [
    { key: 'kind', title: t('iot.venueKind'), render: (_, r) => venueKindName(r.venueKind, translator) },
    { key: 'alarms', title: t('iot.alarms'), dataIndex: 'alarms', align: 'right' },
    { key: 'classified', title: t('iot.classified'), dataIndex: 'classified', align: 'right' },
    { key: 'falseAlarms', title: t('iot.falseAlarms'), dataIndex: 'falseAlarms', align: 'right' },
    { key: 'rate', title: t('iot.falseAlarmRate'), align: 'right', render: (_, r) => percent(r.falseAlarmRate) },
    { key: 'ack', title: t('iot.ackMinutes'), align: 'right', render: (_, r) => minutes(r.ackMinutes) },
  ];
  const table = (
    <Table<VenueKindStats>
      size="small"
      rowKey="venueKind"
      data-testid="fire-venue-table"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('iot.statsEmpty') }}
    />
  );
  return (
    <Card size="small" title={t('iot.byVenueKind')} data-testid="fire-venue-stats">
      {rows.length > 0 ? (
        <div className="sz-fire-venue">
          <Suspense fallback={<Skeleton active />}>
            <VenueKindChart rows={rows} names={names} />
          </Suspense>
          {table}
        </div>
      ) : (
        table
      )}
    </Card>
  );
}

/** 告警统计 by the areas one level down: counts, false-alarm rate, minutes to acknowledge and to arrive. */
export function StatsPanel({ regionCode }: { regionCode: string | undefined }) {
  const { t } = useT();
  const [days, setDays] = useState<number>(30);
  const state = useLoad(['iot', 'stats'], { regionCode, days }, (q) => fetchStats(q.regionCode, q.days), {
    keepPrevious: true,
  });
  const stats = loadedValue(state);
  const areas = stats?.areas ?? [];
  const names = useAreaNames(areas.map((a) => a.code));
  const columns: TableColumnsType<AreaStats> = [
    { key: 'area', title: t('iot.area'), render: (_, a) => names[a.code] ?? a.code },
    { key: 'alarms', title: t('iot.alarms'), dataIndex: 'alarms', align: 'right' },
    { key: 'fireAlarms', title: t('iot.fireAlarms'), dataIndex: 'fireAlarms', align: 'right' },
    { key: 'fires', title: t('iot.fires'), dataIndex: 'fires', align: 'right' },
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
        <LoadFailed message={t('iot.statsFailed', { message: state.message })} retry={state.retry} />
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
      <VenueKindStatsCard rows={stats?.byVenueKind ?? []} loading={state.status === 'loading'} />
    </div>
  );
}
