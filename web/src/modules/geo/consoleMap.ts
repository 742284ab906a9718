import maplibregl, { type MapGeoJSONFeature, type Map as MaplibreMap, type StyleSpecification } from 'maplibre-gl';
import { TILE_SOURCE } from './mapStyle';
import 'maplibre-gl/dist/maplibre-gl.css';
// After maplibre's own rules, so a console map's `.sz-map` (absolute, filling its frame) wins over `.maplibregl-map`.
import './consoleMap.css';

export interface ConsoleMapOptions {
  style: StyleSpecification;
  /** Flat maps keep north up: no rotation by mouse or touch, no compass. Tilted ones show pitch on the compass. */
  tilt?: { pitch: number; bearing: number; maxPitch: number };
  zoom?: number;
  attribution?: boolean;
  scale?: boolean;
  onReady: (map: MaplibreMap) => void;
}

/** Every console map starts the same way, so each component only says what differs. */
export function createConsoleMap(container: HTMLElement, o: ConsoleMapOptions): MaplibreMap {
  const map = new maplibregl.Map({
    container,
    style: o.style,
    center: [116.4, 39.9],
    zoom: o.zoom ?? 9,
    ...(o.tilt ?? { dragRotate: false, pitchWithRotate: false }),
    attributionControl: o.attribution ? { compact: true } : false,
  });
  if (!o.tilt) map.touchZoomRotate.disableRotation();
  map.addControl(
    new maplibregl.NavigationControl(o.tilt ? { visualizePitch: true } : { showCompass: false }),
    'top-right',
  );
  if (o.scale !== false) map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  // 'style.load', not 'load': 'load' also waits for the base tiles, which may be slow or unreachable.
  map.on('style.load', () => o.onReady(map));
  // A failed base tile triggers no repaint, so 'idle' would never come; the tiles are optional anyway.
  map.on('error', (event) => {
    if ('sourceId' in event && event.sourceId === TILE_SOURCE) map.triggerRepaint();
    else console.error(event.error);
  });
  return map;
}

/** A layer whose features are picked by a click, with the pointer cursor over them. */
export function clickableLayer(map: MaplibreMap, layer: string, onPick: (feature: MapGeoJSONFeature) => void) {
  map.on('click', layer, (event) => {
    const feature = event.features?.[0];
    if (feature) onPick(feature);
  });
  map.on('mouseenter', layer, () => {
    map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', layer, () => {
    map.getCanvas().style.cursor = '';
  });
}
