import { BarChartOutlined } from '@ant-design/icons';
import { Checkbox, Empty, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useLoad } from '../../core/query';
import { RegionSelect } from '../geo/RegionSelect';
import { fetchSummary, type ThingLayer } from './api';
import { BuildingDrawer } from './BuildingDrawer';
import { BuildingMap } from './BuildingMap';
import { ExportPeopleButton } from './ExportPeopleButton';
import { MapLegend } from './MapLegend';
import { areaPath } from './registryRoute';
import { SituationPanel } from './SituationPanel';
import { SummaryCard } from './SummaryCard';
import { useRegionBuildings } from './useRegionBuildings';
import { type RegionThings, useRegionThings } from './useRegionThings';

/** 楼栋与概况: a region's figures beside its buildings in 3D, its venues and facilities on top, its areas below. */
const NO_THINGS: RegionThings = {};

export function BuildingsPanel() {
  const { t } = useT();
  const [regionCode, setRegionCode] = useState<string>();
  const [buildingId, setBuildingId] = useState<number>();
  const [layers, setLayers] = useState<ThingLayer[]>([]);
  const state = useRegionBuildings(regionCode);
  const data = loadedValue(state);
  const points = useRegionThings(regionCode, layers);
  const summary = useLoad(['registry', 'summary'], regionCode, fetchSummary);

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
        <span className="sz-registry-layers">
          <Typography.Text type="secondary">{t('registry.layers')}</Typography.Text>
          <Checkbox.Group<ThingLayer>
            value={layers}
            onChange={setLayers}
            data-testid="registry-layers"
            options={[
              { value: 'venues', label: t('things.venues') },
              { value: 'facilities', label: t('things.facilities') },
            ]}
          />
        </span>
        {regionCode && (
          <Link to={areaPath(regionCode)} data-testid="open-area">
            <BarChartOutlined /> {t('area.open')}
          </Link>
        )}
        {regionCode && <ExportPeopleButton regionCode={regionCode} />}
      </div>
      {state.status === 'failed' && (
        <LoadFailed type="error" message={t('registry.loadFailed', { message: state.message })} retry={state.retry} />
      )}
      {points.status === 'failed' && (
        <LoadFailed message={t('things.failed', { message: points.message })} retry={points.retry} />
      )}
      {regionCode ? (
        <div className="sz-registry-body">
          <SummaryCard state={summary} />
          <div className="sz-map-frame">
            <BuildingMap data={data} things={loadedValue(points) ?? NO_THINGS} onSelect={setBuildingId} />
            <MapLegend layers={layers} />
            {state.status === 'loading' && <Spin className="sz-map-spin" />}
            <BuildingDrawer buildingId={buildingId} inFrame onClose={() => setBuildingId(undefined)} />
          </div>
        </div>
      ) : (
        <Empty description={t('registry.chooseRegion')} />
      )}
      {regionCode && <SituationPanel regionCode={regionCode} />}
    </div>
  );
}
