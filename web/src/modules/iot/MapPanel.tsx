import { Alert, Spin } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue } from '../../core/query';
import { useMapView } from '../geo/mapView';
import { useMapConfig } from '../geo/useMapConfig';
import { useSession } from '../identity/session';
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

/** The district (its 6-digit code) of a scope path (province.city.district…) or of a grid's code. */
const districtOfPath = (path: string) => path.split('.')[2];
const districtOfCode = (code: string) => (code.length >= 6 ? code.slice(0, 6) : undefined);

/**
 * 告警地图: the region chosen, else the viewer's own district, else for someone who sees the whole deployment the
 * district of the most urgent fire, framed as on the geo map, the buildings with open alarms on it, refreshed with
 * the board. Never the overview of every region: a deployment spanning provinces would show a fire as a dot.
 */
export function MapPanel({ regionCode, board, catalogue, onOpen }: Props) {
  const { t } = useT();
  const { user } = useSession();
  const { config, error: configError } = useMapConfig();
  const urgent = board.incidents?.[0]?.gridCode ?? board.alarms?.[0]?.gridCode;
  const shown = regionCode ?? districtOfPath(user.scopePath) ?? (urgent ? districtOfCode(urgent) : undefined);
  const viewState = useMapView(shown ?? null);
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
