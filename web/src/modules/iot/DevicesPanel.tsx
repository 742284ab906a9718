import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Badge,
  Button,
  Popconfirm,
  Progress,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useAbility } from '../../core/abilities';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useInvalidate, useLoad } from '../../core/query';
import { clockTime, nameIn, relativeTime } from './alarmText';
import {
  type Catalogue,
  type Credential,
  DEVICE_KINDS,
  type Device,
  type DeviceKind,
  fetchDevices,
  rotateSecret,
  setDeviceEnabled,
} from './api';
import { ImportDrawer } from './ImportDrawer';
import { RegisterDrawer } from './RegisterDrawer';
import { SecretModal } from './SecretModal';
import { useFloorText } from './useFloorText';
import { venueKindName } from './venueText';

const PAGE_SIZE = 20;

/**
 * The rules' preset low-battery level (RULE_PRESETS.lowBatteryPercent, whose module also parses device payloads and
 * so stays on the server); a district's own setting would cost a request to /rules for a bar's colour.
 */
const LOW_BATTERY = 20;

type Reach = 'all' | 'online' | 'offline';

function StateBadge({ device }: { device: Device }) {
  const { t } = useT();
  if (!device.enabled) return <Badge status="default" text={t('iot.disabled')} />;
  if (device.online === null) return <Badge status="default" text={t('iot.stateUnknown')} />;
  return device.online ? (
    <Badge status="success" text={t('iot.online')} />
  ) : (
    <Badge status="error" text={t('iot.offline')} />
  );
}

function Battery({ percent }: { percent: number | null }) {
  if (percent === null) return null;
  return (
    <Progress
      percent={percent}
      size="small"
      className="sz-fire-battery"
      status={percent < LOW_BATTERY ? 'exception' : 'normal'}
      format={(p) => `${p}%`}
    />
  );
}

interface ActionsProps {
  device: Device;
  onChanged: () => void;
  onSecret: (credential: Credential) => void;
}

/** 停用 stops the device's messages from being handled, and 重置密钥 locks the old secret out: both ask first. */
function DeviceActions({ device, onChanged, onSecret }: ActionsProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      void message.error(t('iot.actionFailed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  };
  const setEnabled = (enabled: boolean) =>
    run(async () => {
      await setDeviceEnabled(device.id, enabled);
      onChanged();
    });
  return (
    <Space size={4} wrap>
      {device.enabled ? (
        <Popconfirm title={t('iot.disableConfirm')} onConfirm={() => setEnabled(false)}>
          <Button size="small" disabled={busy} data-testid="fire-device-disable">
            {t('iot.disable')}
          </Button>
        </Popconfirm>
      ) : (
        <Button size="small" disabled={busy} data-testid="fire-device-enable" onClick={() => void setEnabled(true)}>
          {t('iot.enable')}
        </Button>
      )}
      <Popconfirm
        title={t('iot.rotateConfirm')}
        onConfirm={() => run(async () => onSecret(await rotateSecret(device.id)))}
      >
        <Button size="small" disabled={busy} data-testid="fire-device-rotate">
          {t('iot.rotateSecret')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/**
 * 设备管理: the devices of the region, by kind and whether they are heard from. Those who may manage them register,
 * import, disable and re-key them here; everyone else reads the list.
 */
export function DevicesPanel({
  regionCode,
  catalogue,
}: {
  regionCode: string | undefined;
  catalogue: Catalogue | undefined;
}) {
  const translator = useT();
  const { t, lang } = translator;
  // Everyone else on /fire only reads the list.
  const manage = useAbility('iot.manage');
  const floorText = useFloorText();
  const [kind, setKind] = useState<DeviceKind>();
  const [reach, setReach] = useState<Reach>('all');
  // a page number belongs to the region it was chosen in: another region starts at its first page
  const [paging, setPaging] = useState<{ regionCode?: string; page: number }>({ page: 1 });
  const page = paging.regionCode === regionCode ? paging.page : 1;
  const setPage = (next: number) => setPaging({ regionCode, page: next });
  const invalidate = useInvalidate();
  const [drawer, setDrawer] = useState<'register' | 'import'>();
  const [credential, setCredential] = useState<Credential>();

  const query = {
    regionCode,
    kind,
    online: reach === 'all' ? undefined : reach === 'online',
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const state = useLoad(['iot', 'devices'], query, fetchDevices, { keepPrevious: true });
  // after a change the page is asked for again with the same filters
  const reload = useCallback(() => void invalidate(['iot', 'devices']), [invalidate]);
  const now = Date.now();

  const columns: TableColumnsType<Device> = [
    { key: 'code', title: t('iot.colDevice'), render: (_, d) => <span className="sz-mono">{d.code}</span> },
    {
      key: 'kind',
      title: t('iot.deviceKind'),
      render: (_, d) => (
        <>
          {nameIn(catalogue?.deviceKinds[d.kind], lang, d.kind)}
          {d.heatClass && <Tag className="sz-fire-heat-class">{`${d.heatClass}${d.heatMode ?? ''}`}</Tag>}
        </>
      ),
    },
    {
      key: 'place',
      title: t('iot.colPlace'),
      render: (_, d) => (
        <>
          <div>{d.address}</div>
          <Typography.Text type="secondary">
            {[floorText(d.floor), d.room, d.venueKind && venueKindName(d.venueKind, translator)]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </>
      ),
    },
    { key: 'owner', title: t('iot.owner'), dataIndex: 'ownerName' },
    { key: 'contact', title: t('iot.contact'), render: (_, d) => <span className="sz-mono">{d.contactMasked}</span> },
    { key: 'battery', title: t('iot.battery'), width: 140, render: (_, d) => <Battery percent={d.battery} /> },
    { key: 'state', title: t('iot.colStatus'), width: 110, render: (_, d) => <StateBadge device={d} /> },
    {
      key: 'lastSeen',
      title: t('iot.lastSeen'),
      width: 130,
      render: (_, d) =>
        d.lastSeenAt ? (
          <span title={clockTime(d.lastSeenAt, lang)}>{relativeTime(d.lastSeenAt, lang, now)}</span>
        ) : (
          <Typography.Text type="secondary">{t('iot.never')}</Typography.Text>
        ),
    },
    ...(manage
      ? [
          {
            key: 'actions',
            title: t('iot.colActions'),
            width: 190,
            render: (_: unknown, d: Device) => <DeviceActions device={d} onChanged={reload} onSecret={setCredential} />,
          },
        ]
      : []),
  ];

  const result = loadedValue(state);
  return (
    <div className="sz-fire-devices" data-testid="fire-devices">
      <div className="sz-fire-bar">
        <Select<DeviceKind>
          allowClear
          value={kind}
          onChange={(value) => {
            setKind(value);
            setPage(1);
          }}
          placeholder={t('iot.anyKind')}
          className="sz-fire-kind"
          data-testid="fire-devices-kind"
          options={DEVICE_KINDS.map((k) => ({ value: k, label: nameIn(catalogue?.deviceKinds[k], lang, k) }))}
        />
        <Segmented<Reach>
          value={reach}
          onChange={(value) => {
            setReach(value);
            setPage(1);
          }}
          data-testid="fire-devices-reach"
          options={[
            { value: 'all', label: t('iot.all') },
            { value: 'online', label: t('iot.online') },
            { value: 'offline', label: t('iot.offline') },
          ]}
        />
        {manage ? (
          <Space className="sz-fire-bar-end">
            <Button icon={<ImportOutlined />} onClick={() => setDrawer('import')} data-testid="fire-devices-import">
              {t('iot.import')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer('register')}
              data-testid="fire-devices-register"
            >
              {t('iot.register')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary" className="sz-fire-bar-end" data-testid="fire-devices-read-only">
            {t('iot.readOnly')}
          </Typography.Text>
        )}
      </div>
      {state.status === 'failed' && (
        <LoadFailed message={t('iot.devicesFailed', { message: state.message })} retry={state.retry} />
      )}
      <Table<Device>
        size="middle"
        rowKey="id"
        data-testid="fire-devices-table"
        loading={state.status === 'loading'}
        columns={columns}
        dataSource={result?.items ?? []}
        locale={{ emptyText: t('iot.noDevices') }}
        onRow={(d) => ({ 'data-device-code': d.code }) as never}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          showTotal: (count) => t('iot.devicesTotal', { count }),
          onChange: setPage,
        }}
      />
      {manage && (
        <>
          <RegisterDrawer
            open={drawer === 'register'}
            catalogue={catalogue}
            onClose={() => setDrawer(undefined)}
            onRegistered={(registered) => {
              setDrawer(undefined);
              setCredential(registered);
              reload();
            }}
          />
          <ImportDrawer open={drawer === 'import'} onClose={() => setDrawer(undefined)} onImported={reload} />
        </>
      )}
      <SecretModal credential={credential} onClose={() => setCredential(undefined)} />
    </div>
  );
}
