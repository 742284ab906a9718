import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { MapConfig } from '../geo/api';
import { baseStyle } from '../geo/mapStyle';
import { SEVERITY_COLOUR } from './alarmText';

export const ALARM_SOURCE = 'alarms';
export const ALARM_LAYER = 'alarm-buildings';

const severityColour = [
  'match',
  ['get', 'severity'],
  ...Object.entries(SEVERITY_COLOUR).flat(),
  '#888888',
] as unknown as ExpressionSpecification;

/**
 * The geo map's own style (its tiles when configured, else none; the region's outline, its areas and grids) with the
 * buildings that have open alarms on top, a confirmed fire drawn larger than the rest.
 */
export function alarmMapStyle(config: MapConfig): StyleSpecification {
  const style = baseStyle(config);
  style.sources[ALARM_SOURCE] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
  style.layers.push({
    id: ALARM_LAYER,
    type: 'circle',
    source: ALARM_SOURCE,
    paint: {
      'circle-color': severityColour,
      'circle-radius': ['case', ['get', 'confirmed'], 11, 7],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  return style;
}
