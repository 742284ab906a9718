import { Alert, Empty, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useT } from '../../core/i18n';
import { RegionSelect } from '../geo/RegionSelect';
import { BuildingDrawer } from './BuildingDrawer';
import { BuildingMap } from './BuildingMap';
import { MapLegend } from './MapLegend';
import { SummaryCard } from './SummaryCard';
import { useRegionBuildings } from './useRegionBuildings';

/** 楼栋与概况: a region's figures beside its buildings in 3D. */
export function BuildingsPanel() {
  const { t } = useT();
  const [regionCode, setRegionCode] = useState<string>();
  const [buildingId, setBuildingId] = useState<number>();
  const state = useRegionBuildings(regionCode);
  const data = 'data' in state ? state.data : undefined;

  // Stable, as RegionSelect requires: it calls this again whenever it changes.
  const chooseRegion = useCallback((code: string | undefined) => {
    setBuildingId(undefined);
    setRegionCode(code);
  }, []);

  return (
    <div className="sz-registry-buildings" data-testid="buildings-panel">
      <div className="sz-registry-bar">
        <RegionSelect
          value={regionCode}
          onChange={chooseRegion}
          testId="registry-region"
          className="sz-registry-region"
        />
        {data && (
          <Typography.Text type="secondary" data-testid="building-count">
            {t('registry.buildingCount', { count: data.buildings.features.length })}
          </Typography.Text>
        )}
      </div>
      {state.status === 'failed' && (
        <Alert type="error" showIcon title={t('registry.loadFailed', { message: state.message })} />
      )}
      {regionCode ? (
        <div className="sz-registry-body">
          <SummaryCard regionCode={regionCode} />
          <div className="sz-map-frame">
            <BuildingMap data={data} onSelect={setBuildingId} />
            <MapLegend />
            {state.status === 'loading' && <Spin className="sz-map-spin" />}
            <BuildingDrawer buildingId={buildingId} grids={data?.grids} onClose={() => setBuildingId(undefined)} />
          </div>
        </div>
      ) : (
        <Empty description={t('registry.chooseRegion')} />
      )}
    </div>
  );
}
