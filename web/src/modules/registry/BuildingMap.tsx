import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { bboxOf } from '../geo/bbox';
import { clickableLayer, createConsoleMap } from '../geo/consoleMap';
import type { ThingCollection, ThingLayer } from './api';
import { BUILDING_SOURCE, BUILDINGS_LAYER, buildingMapStyle, GRID_SOURCE, THING_LAYERS } from './buildingStyle';
import type { RegionBuildings } from './useRegionBuildings';

declare global {
  interface Window {
    /** For browser tests: wait for `loaded()`, `project()` a building to click it. */
    __shanzhiRegistryMap?: MaplibreMap;
  }
}

const PITCH = 55;
const BEARING = -20;
/** Closer than this a single building fills the screen and loses its surroundings. */
const MAX_FIT_ZOOM = 17;
const FIT_PADDING = 60;

const NONE = { type: 'FeatureCollection' as const, features: [] };

interface Props {
  data: RegionBuildings | undefined;
  /** Venues and facilities as points, for the layers switched on. */
  things: Partial<Record<ThingLayer, ThingCollection>>;
  onSelect: (buildingId: number) => void;
}

/** The region's buildings extruded to their height over its grids, tilted so their height shows. */
export function BuildingMap({ data, things, onSelect }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const select = useEffectEvent(onSelect);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = createConsoleMap(container, {
      style: buildingMapStyle(),
      tilt: { pitch: PITCH, bearing: BEARING, maxPitch: 70 },
      onReady: setMap,
    });
    window.__shanzhiRegistryMap = instance;
    clickableLayer(instance, BUILDINGS_LAYER, (feature) => select(Number(feature.properties.id)));
    return () => {
      setMap(null);
      if (window.__shanzhiRegistryMap === instance) delete window.__shanzhiRegistryMap;
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (!map || !data) return;
    delete document.body.dataset.registryMapReady;
    (map.getSource(GRID_SOURCE) as GeoJSONSource).setData(data.grids);
    (map.getSource(BUILDING_SOURCE) as GeoJSONSource).setData(data.buildings);
    // Frame the buildings when there are any; an area without any yet is framed by its grids.
    const box = bboxOf(data.buildings) ?? bboxOf(data.grids);
    if (box) {
      map.fitBounds(box, { padding: FIT_PADDING, maxZoom: MAX_FIT_ZOOM, pitch: PITCH, bearing: BEARING, duration: 0 });
    }
    let current = true;
    map.once('idle', () => {
      if (current) document.body.dataset.registryMapReady = '1';
    });
    return () => {
      current = false;
    };
  }, [map, data]);

  useEffect(() => {
    if (!map) return;
    for (const layer of THING_LAYERS) (map.getSource(layer) as GeoJSONSource).setData(things[layer] ?? NONE);
  }, [map, things]);

  return <div ref={containerRef} className="sz-map" data-testid="registry-map" />;
}
