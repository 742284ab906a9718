import { Alert, Spin } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue } from '../../core/query';
import { useMapView } from '../geo/mapView';
import { useMapConfig } from '../geo/useMapConfig';
import { AlarmMap } from './AlarmMap';
import type { Alarm, Catalogue } from './api';
import { BuildingAlarms } from './BuildingAlarms';
import { MapLegend } from './MapLegend';
import type { AlarmBoard } from './useAlarmBoard';

interface Props {
  regionCode: string | undefined;
  board: AlarmBoard;
  catalogue: Catalogue | undefined;
  onOpen: (alarm: Alarm) => void;
}

/** 告警地图: the region framed as on the geo map, the buildings with open alarms on it, refreshed with the board. */
export function MapPanel({ regionCode, board, catalogue, onOpen }: Props) {
  const { t } = useT();
  const { config, error: configError } = useMapConfig();
  const viewState = useMapView(regionCode ?? null);
  const [buildingId, setBuildingId] = useState<number | null>(null);
  return (
    <div className="sz-fire-map" data-testid="fire-map-panel">
      {configError && <Alert type="warning" showIcon title={t('geo.loadFailed', { message: configError })} />}
      {viewState.status === 'failed' && (
        <LoadFailed message={t('geo.loadFailed', { message: viewState.message })} retry={viewState.retry} />
      )}
      <div className="sz-map-frame">
        {config && (
          <AlarmMap config={config} view={loadedValue(viewState)} points={board.points} onSelect={setBuildingId} />
        )}
        <MapLegend points={board.points} />
        {(!config || viewState.status === 'loading') && <Spin className="sz-map-spin" />}
        {buildingId !== null && (
          <BuildingAlarms
            key={buildingId}
            buildingId={buildingId}
            catalogue={catalogue}
            onOpen={onOpen}
            onClose={() => setBuildingId(null)}
          />
        )}
      </div>
    </div>
  );
}
