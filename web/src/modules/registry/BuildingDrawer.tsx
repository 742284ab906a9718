import { Alert, Descriptions, type DescriptionsProps, Drawer, Skeleton } from 'antd';
import { useT } from '../../core/i18n';
import type { GridCollection } from '../geo/api';
import { type BuildingDetail, fetchBuilding } from './api';
import { useLoad } from './useLoad';

function BuildingFacts({ building, gridName }: { building: BuildingDetail; gridName?: string }) {
  const { t, code } = useT();
  const items: DescriptionsProps['items'] = [
    { key: 'address', label: t('building.address'), children: building.address },
    { key: 'compound', label: t('building.compound'), children: building.compound ?? '—' },
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
      children: (
        <>
          {gridName && `${gridName} `}
          <span className="sz-mono">{building.gridCode}</span>
        </>
      ),
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

interface Props {
  buildingId: number | undefined;
  grids: GridCollection | undefined;
  onClose: () => void;
}

export function BuildingDrawer({ buildingId, grids, onClose }: Props) {
  const { t } = useT();
  const state = useLoad(buildingId, fetchBuilding);
  const gridName = (code: string) => grids?.features.find((g) => g.properties.code === code)?.properties.name;
  // Inside the map frame rather than over the page, like the grid drawer, so the region select stays usable.
  return (
    <Drawer
      open={buildingId !== undefined}
      onClose={onClose}
      title={state.status === 'ready' ? t('building.title', { name: state.value.name }) : ''}
      size={400}
      mask={false}
      getContainer={false}
      data-testid="building-drawer"
    >
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'failed' && <Alert type="error" showIcon title={state.message} />}
      {state.status === 'ready' && <BuildingFacts building={state.value} gridName={gridName(state.value.gridCode)} />}
    </Drawer>
  );
}
