import { Card, Progress, Statistic, Table, type TableColumnsType, Tag } from 'antd';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useLoad } from '../../core/query';
import { clockTime, nameIn } from './alarmText';
import { type Catalogue, type Device, fetchHealth } from './api';
import { useFloorText } from './useFloorText';

/** Below this share of devices online a district cannot count on hearing its fires. */
const GOOD_RATE = 0.95;

function OfflineTable({ devices, catalogue }: { devices: Device[]; catalogue: Catalogue | undefined }) {
  const { t, lang } = useT();
  const floorText = useFloorText();
  const columns: TableColumnsType<Device> = [
    { key: 'code', title: t('iot.colDevice'), render: (_, d) => <span className="sz-mono">{d.code}</span> },
    { key: 'kind', title: t('iot.deviceKind'), render: (_, d) => nameIn(catalogue?.deviceKinds[d.kind], lang, d.kind) },
    { key: 'place', title: t('iot.colPlace'), render: (_, d) => `${d.address} ${floorText(d.floor)}` },
    { key: 'owner', title: t('iot.owner'), dataIndex: 'ownerName' },
    { key: 'contact', title: t('iot.contact'), render: (_, d) => <span className="sz-mono">{d.contactMasked}</span> },
    {
      key: 'battery',
      title: t('iot.battery'),
      align: 'right',
      render: (_, d) => (d.battery === null ? '' : `${d.battery}%`),
    },
    {
      key: 'lastSeen',
      title: t('iot.lastSeen'),
      render: (_, d) => (d.lastSeenAt ? clockTime(d.lastSeenAt, lang) : <Tag>{t('iot.never')}</Tag>),
    },
  ];
  return (
    <Table<Device>
      size="small"
      rowKey="id"
      data-testid="fire-offline-table"
      columns={columns}
      dataSource={devices}
      pagination={false}
      locale={{ emptyText: t('iot.noOffline') }}
    />
  );
}

/** 设备健康: how many devices can be heard from, and which ones cannot. */
export function HealthPanel({
  regionCode,
  catalogue,
}: {
  regionCode: string | undefined;
  catalogue: Catalogue | undefined;
}) {
  const { t } = useT();
  // '' is the whole scope: a query key needs a value
  const state = useLoad(['iot', 'health'], regionCode ?? '', (code) => fetchHealth(code || undefined), {
    keepPrevious: true,
  });
  const health = loadedValue(state);
  const rate = health?.onlineRate ?? null;
  return (
    <div className="sz-fire-health" data-testid="fire-health">
      {state.status === 'failed' && (
        <LoadFailed message={t('iot.healthFailed', { message: state.message })} retry={state.retry} />
      )}
      <div className="sz-fire-health-cards">
        <Card size="small" loading={!health}>
          <Statistic title={t('iot.devices')} value={health?.devices ?? 0} data-testid="fire-health-devices" />
        </Card>
        <Card size="small" loading={!health} className="sz-fire-rate">
          <Progress
            type="circle"
            size={88}
            percent={rate === null ? 0 : Math.round(rate * 1000) / 10}
            format={() => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)}
            status={rate !== null && rate < GOOD_RATE ? 'exception' : 'normal'}
            data-testid="fire-health-rate"
          />
          <span>{t('iot.onlineRate')}</span>
        </Card>
        <Card size="small" loading={!health}>
          <Statistic title={t('iot.offline')} value={health?.offline ?? 0} data-testid="fire-health-offline" />
        </Card>
        <Card size="small" loading={!health}>
          <Statistic title={t('iot.lowBattery')} value={health?.lowBattery ?? 0} data-testid="fire-health-low" />
        </Card>
        <Card size="small" loading={!health}>
          <Statistic title={t('iot.disabled')} value={health?.disabled ?? 0} />
        </Card>
      </div>
      <Card size="small" title={t('iot.offlineDevices')}>
        <OfflineTable devices={health?.offlineDevices ?? []} catalogue={catalogue} />
      </Card>
    </div>
  );
}
