import type { GeoJSONSource, Map as MaplibreMap, Marker } from 'maplibre-gl';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { MapConfig } from './api';
import { createConsoleMap } from './consoleMap';
import { type Label, labelPoint, placeLabels } from './labels';
import { baseStyle, LAYERS, SOURCES, selectedGridFilter } from './mapStyle';
import type { MapView } from './mapView';
import { type Projection, projectionFor } from './projection';

declare global {
  interface Window {
    /** For browser tests: wait for `loaded()`, query rendered features. */
    __shanzhiMap?: MaplibreMap;
  }
}

/** Beyond this many grids their names would cover the map, so they are not placed at all. */
const GRID_LABEL_LIMIT = 300;
/** With more grids than this, their names only fit once zoomed in to GRID_LABEL_MIN_ZOOM. */
const GRID_LABEL_ALWAYS = 50;
const GRID_LABEL_MIN_ZOOM = 14;
const FIT_PADDING = 40;

interface Props {
  config: MapConfig;
  view: MapView | undefined;
  loading: boolean;
  selectedGrid: string | null;
  onSelectRegion: (code: string) => void;
  onSelectGrid: (code: string) => void;
}

function buildLabels(view: MapView, projection: Projection, onSelectRegion: (code: string) => void): Label[] {
  const labels: Label[] = [];
  for (const region of view.labels) {
    if (region.center) {
      labels.push({
        at: projection.point(region.center),
        text: region.name,
        kind: 'region',
        onClick: () => onSelectRegion(region.code),
      });
    }
  }
  if (view.grids.features.length <= GRID_LABEL_LIMIT) {
    for (const grid of view.grids.features) {
      const at = labelPoint(grid.geometry);
      if (at) labels.push({ at: projection.point(at), text: grid.properties.name, kind: 'grid' });
    }
  }
  return labels;
}

export function GeoMap({ config, view, loading, selectedGrid, onSelectRegion, onSelectGrid }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const projection = useMemo(() => projectionFor(config), [config]);
  const selectRegion = useEffectEvent(onSelectRegion);
  const selectGrid = useEffectEvent(onSelectGrid);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = createConsoleMap(container, { style: baseStyle(config), attribution: true, onReady: setMap });
    window.__shanzhiMap = instance;

    let hovered: string | number | undefined;
    const setHover = (id: string | number | undefined) => {
      if (hovered !== undefined) instance.setFeatureState({ source: SOURCES.areas, id: hovered }, { hover: false });
      hovered = id;
      if (id !== undefined) instance.setFeatureState({ source: SOURCES.areas, id }, { hover: true });
    };

    // A grid wins over the region under it: a click inside a grid means that grid.
    instance.on('click', (event) => {
      const grid = instance.queryRenderedFeatures(event.point, { layers: [LAYERS.gridsFill] })[0];
      if (grid) return selectGrid(String(grid.properties.code));
      const area = instance.queryRenderedFeatures(event.point, { layers: [LAYERS.areasFill] })[0];
      if (area) selectRegion(String(area.properties.code));
    });
    instance.on('mousemove', (event) => {
      const hits = instance.queryRenderedFeatures(event.point, { layers: [LAYERS.gridsFill, LAYERS.areasFill] });
      instance.getCanvas().style.cursor = hits.length > 0 ? 'pointer' : '';
      setHover(hits.find((f) => f.layer.id === LAYERS.areasFill)?.id);
    });
    instance.on('mouseout', () => setHover(undefined));

    return () => {
      setMap(null);
      if (window.__shanzhiMap === instance) delete window.__shanzhiMap;
      instance.remove();
    };
  }, [config]);

  useEffect(() => {
    if (loading) delete document.body.dataset.mapReady;
  }, [loading]);

  const markers = useRef<Marker[]>([]);
  useEffect(() => {
    if (!map || !view) return;
    delete document.body.dataset.mapReady;
    (map.getSource(SOURCES.areas) as GeoJSONSource).setData(projection.geojson(view.areas));
    (map.getSource(SOURCES.frame) as GeoJSONSource).setData(projection.geojson(view.frame));
    (map.getSource(SOURCES.grids) as GeoJSONSource).setData(projection.geojson(view.grids));
    for (const marker of markers.current) marker.remove();
    markers.current = placeLabels(
      map,
      buildLabels(view, projection, (code) => selectRegion(code)),
    );
    if (view.bbox) {
      const [minLng, minLat, maxLng, maxLat] = projection.bbox(view.bbox);
      map.fitBounds([minLng, minLat, maxLng, maxLat], { padding: FIT_PADDING, duration: 400 });
    }

    let current = true;
    map.once('idle', () => {
      if (current) document.body.dataset.mapReady = '1';
    });
    return () => {
      current = false;
    };
  }, [map, view, projection]);

  useEffect(() => {
    if (!map || !view) return;
    const container = map.getContainer();
    const few = view.grids.features.length <= GRID_LABEL_ALWAYS;
    const update = () => container.classList.toggle('sz-map--grid-labels', few || map.getZoom() >= GRID_LABEL_MIN_ZOOM);
    update();
    map.on('zoom', update);
    return () => {
      map.off('zoom', update);
    };
  }, [map, view]);

  useEffect(() => {
    map?.setFilter(LAYERS.gridSelected, selectedGridFilter(selectedGrid));
  }, [map, selectedGrid]);

  return <div ref={containerRef} className="sz-map" data-testid="map" />;
}
