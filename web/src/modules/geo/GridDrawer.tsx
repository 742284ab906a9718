import { BarChartOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, type DescriptionsProps, Drawer, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'wouter';
import { useAbility } from '../../core/abilities';
import { useT } from '../../core/i18n';
import { type Load, LoadFailed } from '../../core/query';
import { areaPath } from '../registry/registryRoute';
import type { GridDetail } from './api';
import { GridStationEditor } from './GridStationEditor';
import { GridTeamEditor } from './GridTeamEditor';
import { AreaName } from './useAreaNames';

function GridFacts({ grid }: { grid: GridDetail['grid'] }) {
  const { t, code, lang } = useT();
  const items: DescriptionsProps['items'] = [
    {
      key: 'code',
      label: t('grid.code'),
      children: (
        <Typography.Text copyable={{ text: grid.code }}>
          <span className="sz-mono" data-testid="grid-code">
            {grid.code}
          </span>
        </Typography.Text>
      ),
    },
    { key: 'name', label: t('grid.name'), children: grid.name },
    { key: 'kind', label: t('grid.kind'), children: code('gridKind', grid.kind) },
    { key: 'bounds', label: t('grid.bounds'), children: grid.boundsText },
    { key: 'community', label: t('grid.community'), children: grid.communityName },
    ...(grid.compoundName ? [{ key: 'compound', label: t('grid.compound'), children: grid.compoundName }] : []),
    { key: 'street', label: t('grid.street'), children: grid.streetName },
    { key: 'district', label: t('grid.district'), children: grid.districtName },
    {
      key: 'area',
      label: t('grid.area'),
      children: t('grid.areaValue', { value: grid.areaKm2.toLocaleString(lang, { maximumFractionDigits: 3 }) }),
    },
  ];
  if (grid.mergedInto) {
    items.push({
      key: 'merged',
      label: t('grid.mergedInto'),
      children: <AreaName code={grid.mergedInto} />,
    });
  }
  return <Descriptions column={1} size="small" bordered items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />;
}

function GridTeam({ team }: { team: GridDetail['grid']['team'] }) {
  const { t, code } = useT();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(member) => `${member.role}:${member.name}:${member.userId ?? ''}`}
      dataSource={team}
      locale={{ emptyText: t('grid.teamEmpty') }}
      columns={[
        { key: 'role', title: t('grid.teamRole'), dataIndex: 'role', render: (role: string) => code('teamRole', role) },
        { key: 'name', title: t('grid.teamName'), dataIndex: 'name' },
        ...(team.some((m) => m.userId !== null)
          ? [
              {
                key: 'user',
                title: t('grid.teamUserId'),
                dataIndex: 'userId',
                render: (id: number | null) => (id === null ? '—' : <span className="sz-mono">{id}</span>),
              },
            ]
          : []),
      ]}
      data-testid="grid-team"
    />
  );
}

/** For those who may read the registry: the grid's people, compounds, buildings and visiting progress. */
function GridOverviewLink({ code }: { code: string }) {
  const { t } = useT();
  const mayReadRegistry = useAbility('registry.view');
  if (!mayReadRegistry) return null;
  return (
    <Link to={areaPath(code)} className="sz-grid-overview" data-testid="grid-overview">
      <BarChartOutlined /> {t('grid.overview')}
    </Link>
  );
}

export function GridDrawer({ state, onClose }: { state: Load<GridDetail>; onClose: () => void }) {
  const { t } = useT();
  const mayEditTeam = useAbility('geo.grid.team.manage');
  const [editing, setEditing] = useState<string>();
  const title = state.status === 'ready' ? `${t('grid.title')} · ${state.value.grid.name}` : t('grid.title');
  // Rendered inside the map frame rather than over the page, so the header and breadcrumb stay usable.
  return (
    <Drawer
      open={state.status !== 'none'}
      onClose={onClose}
      title={title}
      size={420}
      mask={false}
      getContainer={false}
      data-testid="grid-drawer"
    >
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && <LoadFailed message={state.message} retry={state.retry} />}
      {state.status === 'ready' && (
        <>
          <GridOverviewLink code={state.value.grid.code} />
          <GridFacts grid={state.value.grid} />
          <div className="sz-grid-team-title">
            <Typography.Title level={5} className="sz-section-title">
              {t('grid.team')}
            </Typography.Title>
            {mayEditTeam && editing !== state.value.grid.code && (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(state.value.grid.code)}
                data-testid="grid-team-edit"
              >
                {t('grid.teamEdit')}
              </Button>
            )}
          </div>
          {editing === state.value.grid.code ? (
            <GridTeamEditor
              key={state.value.grid.code}
              code={state.value.grid.code}
              team={state.value.grid.team}
              onDone={() => setEditing(undefined)}
            />
          ) : (
            <GridTeam team={state.value.grid.team} />
          )}
          <div className="sz-grid-team-title">
            <Typography.Title level={5} className="sz-section-title">
              {t('grid.station')}
            </Typography.Title>
            {mayEditTeam && editing !== `station:${state.value.grid.code}` && (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(`station:${state.value.grid.code}`)}
                data-testid="grid-station-edit"
              >
                {t('grid.teamEdit')}
              </Button>
            )}
          </div>
          {editing === `station:${state.value.grid.code}` ? (
            <GridStationEditor
              key={state.value.grid.code}
              code={state.value.grid.code}
              station={state.value.grid.station}
              onDone={() => setEditing(undefined)}
            />
          ) : state.value.grid.station ? (
            <Descriptions size="small" column={1} data-testid="grid-station">
              <Descriptions.Item label={t('grid.stationName')}>{state.value.grid.station.name}</Descriptions.Item>
              <Descriptions.Item label={t('grid.stationAddress')}>
                {state.value.grid.station.address || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('grid.stationHours')}>
                {state.value.grid.station.hours || '—'}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Text type="secondary">{t('grid.stationNone')}</Typography.Text>
          )}
        </>
      )}
    </Drawer>
  );
}
