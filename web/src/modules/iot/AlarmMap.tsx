import maplibregl, { type GeoJSONSource, type Map as MaplibreMap, type Marker } from 'maplibre-gl';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { MapConfig } from '../geo/api';
import { clickableLayer, createConsoleMap } from '../geo/consoleMap';
import { SOURCES } from '../geo/mapStyle';
import type { MapView } from '../geo/mapView';
import { projectionFor } from '../geo/projection';
import { ALARM_LAYER, ALARM_SOURCE, alarmMapStyle } from './alarmMapStyle';
import type { AlarmPoints } from './api';

declare global {
  interface Window {
    /** For browser tests: `project()` a building to click it. */
    __shanzhiFireMap?: MaplibreMap;
  }
}

const FIT_PADDING = 40;

interface Props {
  config: MapConfig;
  view: MapView | undefined;
  points: AlarmPoints | undefined;
  onSelect: (buildingId: number) => void;
}

/** A ring that pulses around a confirmed fire: a CSS animation on a marker, so the map itself need not repaint. */
function pulse(map: MaplibreMap, at: [number, number]): Marker {
  const element = document.createElement('div');
  element.className = 'sz-fire-pulse';
  return new maplibregl.Marker({ element, anchor: 'center' }).setLngLat(at).addTo(map);
}

/** The region as the geo map draws it, with each building that has open alarms as a circle in its worst severity. */
export function AlarmMap({ config, view, points, onSelect }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const projection = useMemo(() => projectionFor(config), [config]);
  const select = useEffectEvent(onSelect);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = createConsoleMap(container, {
      style: alarmMapStyle(config),
      attribution: true,
      onReady: setMap,
    });
    window.__shanzhiFireMap = instance;
    clickableLayer(instance, ALARM_LAYER, (feature) => select(Number(feature.properties.buildingId)));
    return () => {
      setMap(null);
      if (window.__shanzhiFireMap === instance) delete window.__shanzhiFireMap;
      instance.remove();
    };
  }, [config]);

  useEffect(() => {
    if (!map || !view) return;
    (map.getSource(SOURCES.areas) as GeoJSONSource).setData(projection.geojson(view.areas));
    (map.getSource(SOURCES.frame) as GeoJSONSource).setData(projection.geojson(view.frame));
    (map.getSource(SOURCES.grids) as GeoJSONSource).setData(projection.geojson(view.grids));
    if (view.bbox) {
      const [minLng, minLat, maxLng, maxLat] = projection.bbox(view.bbox);
      map.fitBounds([minLng, minLat, maxLng, maxLat], { padding: FIT_PADDING, duration: 0 });
    }
  }, [map, view, projection]);

  useEffect(() => {
    if (!map || !points) return;
    const shown = projection.geojson(points);
    (map.getSource(ALARM_SOURCE) as GeoJSONSource).setData(shown);
    const rings = shown.features
      .filter((f) => f.properties.confirmed)
      .map((f) => pulse(map, f.geometry.coordinates as [number, number]));
    return () => {
      for (const ring of rings) ring.remove();
    };
  }, [map, points, projection]);

  useEffect(() => {
    if (!map || !view || !points) return;
    delete document.body.dataset.fireMapReady;
    let current = true;
    map.once('idle', () => {
      if (current) document.body.dataset.fireMapReady = '1';
    });
    return () => {
      current = false;
    };
  }, [map, view, points]);

  return <div ref={containerRef} className="sz-map" data-testid="fire-map" />;
}
