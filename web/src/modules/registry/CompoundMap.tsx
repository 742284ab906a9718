import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import maplibregl, { type GeoJSONSource, type Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { bboxOf } from '../geo/bbox';
import { createConsoleMap } from '../geo/consoleMap';
import type { Compound } from './api';

const SOURCE = 'compounds';
const FIT_PADDING = 40;
const MAX_FIT_ZOOM = 17;

type Outlines = FeatureCollection<Polygon | MultiPolygon, { id: number; name: string }>;

function outlinesOf(compounds: Compound[]): Outlines {
  const features: Feature<Polygon | MultiPolygon, { id: number; name: string }>[] = [];
  for (const c of compounds) {
    if (c.outline) features.push({ type: 'Feature', geometry: c.outline, properties: { id: c.id, name: c.name } });
  }
  return { type: 'FeatureCollection', features };
}

/** Names as HTML markers, so the map needs no glyph server. */
function labelsOn(map: MaplibreMap, outlines: Outlines): maplibregl.Marker[] {
  return outlines.features.flatMap((feature) => {
    const box = bboxOf({ type: 'FeatureCollection', features: [feature] });
    if (!box) return [];
    const element = document.createElement('span');
    element.className = 'sz-label sz-compound-label';
    element.textContent = feature.properties.name;
    return [new maplibregl.Marker({ element }).setLngLat([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2]).addTo(map)];
  });
}

/** The compounds of an area, flat, each as the hull of its buildings; the one chosen in the list is framed. */
export function CompoundMap({ compounds, selected }: { compounds: Compound[]; selected?: number }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = createConsoleMap(container, {
      scale: false,
      onReady: setMap,
      style: {
        version: 8,
        sources: { [SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
          {
            id: 'compound-fill',
            type: 'fill',
            source: SOURCE,
            paint: { 'fill-color': '#5b8ff9', 'fill-opacity': 0.2 },
          },
          { id: 'compound-line', type: 'line', source: SOURCE, paint: { 'line-color': '#2f5fc4', 'line-width': 2 } },
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
    const outlines = outlinesOf(compounds);
    (map.getSource(SOURCE) as GeoJSONSource).setData(outlines);
    const markers = labelsOn(map, outlines);
    const box = bboxOf(outlines);
    if (box) map.fitBounds(box, { padding: FIT_PADDING, maxZoom: MAX_FIT_ZOOM, duration: 0 });
    map.once('idle', () => containerRef.current?.setAttribute('data-ready', '1'));
    return () => {
      for (const marker of markers) marker.remove();
    };
  }, [map, compounds]);

  useEffect(() => {
    const outline = compounds.find((c) => c.id === selected)?.outline;
    const box =
      outline &&
      bboxOf({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: outline, properties: {} }] });
    if (map && box) map.fitBounds(box, { padding: FIT_PADDING, maxZoom: MAX_FIT_ZOOM });
  }, [map, compounds, selected]);

  return <div ref={containerRef} className="sz-compound-map" data-testid="compound-map" />;
}
