import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { AreaCollection } from '../geo/api';
import { bboxOf } from '../geo/bbox';
import { createConsoleMap } from '../geo/consoleMap';
import type { Hotspot } from './api';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function hotspotCollection(hotspots: Hotspot[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: hotspots.map((h) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: h.center },
      properties: { count: h.count, label: String(h.count) },
    })),
  };
}

/**
 * Each hotspot as a circle at its centre, larger for more reports, over the outlines of the areas shown. Like the
 * case's map it needs no tile server: the outlines give the circles their place.
 */
export function HotspotMap({ areas, hotspots }: { areas: AreaCollection | undefined; hotspots: Hotspot[] }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = createConsoleMap(container, {
      zoom: 3,
      onReady: setMap,
      style: {
        version: 8,
        sources: { areas: { type: 'geojson', data: EMPTY }, hotspots: { type: 'geojson', data: EMPTY } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
          { id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': '#34495e', 'fill-opacity': 0.05 } },
          { id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#7f8c8d', 'line-width': 1 } },
          {
            id: 'hotspots',
            type: 'circle',
            source: 'hotspots',
            paint: {
              'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 2, 8, 20, 24],
              'circle-color': '#c0392b',
              'circle-opacity': 0.7,
              'circle-stroke-color': '#fff',
              'circle-stroke-width': 2,
            },
          },
        ],
      },
    });
    return () => {
      setMap(null);
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (!map) return;
    const outlines = areas ?? EMPTY;
    const points = hotspotCollection(hotspots);
    (map.getSource('areas') as GeoJSONSource).setData(outlines);
    (map.getSource('hotspots') as GeoJSONSource).setData(points);
    // the hotspots when there are some, else the areas they would lie in
    const box = bboxOf(points.features.length ? points : outlines);
    if (box) map.fitBounds(box, { padding: 48, maxZoom: 14, duration: 0 });
  }, [map, areas, hotspots]);

  return <div ref={containerRef} className="sz-map" data-testid="root-cause-map" />;
}
