import { Descriptions, type DescriptionsProps, Drawer, Skeleton, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { LoadFailed, useLoad } from '../../core/query';
import { AreaName } from '../geo/useAreaNames';
import { type BuildingDetail, fetchBuilding } from './api';
import { BuildingCases } from './BuildingCases';
import { BuildingFacilities } from './BuildingFacilities';
import { BuildingUnits } from './BuildingUnits';
import { CompoundFacts } from './CompoundFacts';

function BuildingFacts({ building }: { building: BuildingDetail }) {
  const { t, code } = useT();
  const items: DescriptionsProps['items'] = [
    { key: 'address', label: t('building.address'), children: building.address },
    { key: 'floors', label: t('building.floors'), children: t('building.floorsValue', { floors: building.floors }) },
    { key: 'height', label: t('building.height'), children: t('building.heightValue', { height: building.heightM }) },
    {
      key: 'type',
      label: t('building.type'),
      children: building.affordableType ? code('affordable', building.affordableType) : t('registry.ordinary'),
    },
    {
      key: 'households',
      label: t('building.households'),
      children: t('building.householdsValue', { count: building.households }),
    },
    { key: 'people', label: t('building.people'), children: t('building.peopleValue', { count: building.people }) },
    {
      key: 'grid',
      label: t('building.grid'),
      children: <AreaName code={building.gridCode} />,
    },
  ];
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={items}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      data-testid="building-facts"
    />
  );
}

function BuildingBody({ building }: { building: BuildingDetail }) {
  const { t } = useT();
  return (
    <>
      <BuildingFacts building={building} />
      <Typography.Title level={5} className="sz-section-title">
        {t('compound.title')}
      </Typography.Title>
      {building.compoundId === null ? (
        <Typography.Text type="secondary">{t('compound.none')}</Typography.Text>
      ) : (
        <CompoundFacts compoundId={building.compoundId} />
      )}
      <BuildingFacilities building={building} />
      <BuildingCases buildingId={building.id} />
      <BuildingUnits buildingId={building.id} />
    </>
  );
}

interface Props {
  buildingId: number | undefined;
  /** Inside the map frame on the map tab, so the region select stays usable; over the page elsewhere. */
  inFrame?: boolean;
  onClose: () => void;
}

export function BuildingDrawer({ buildingId, inFrame = false, onClose }: Props) {
  const { t } = useT();
  const state = useLoad(['registry', 'building'], buildingId, fetchBuilding);
  return (
    <Drawer
      open={buildingId !== undefined}
      onClose={onClose}
      title={state.status === 'ready' ? t('building.title', { name: state.value.name }) : ''}
      size={520}
      mask={!inFrame}
      getContainer={inFrame ? false : undefined}
      data-testid="building-drawer"
    >
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && <LoadFailed type="error" message={state.message} retry={state.retry} />}
      {state.status === 'ready' && <BuildingBody building={state.value} />}
    </Drawer>
  );
}
