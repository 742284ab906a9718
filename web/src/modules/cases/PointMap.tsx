import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { bboxOf } from '../geo/bbox';
import { createConsoleMap } from '../geo/consoleMap';

export type LngLat = [number, number];

interface Props {
  /** Outlines drawn for orientation; the one whose `code` property equals `highlight` is drawn stronger. */
  areas?: FeatureCollection;
  highlight?: string;
  point: LngLat | null;
  /** Makes the map a picker: a click moves the point there. */
  onPick?: (point: LngLat) => void;
  testId: string;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const POINT_ZOOM = 15;

function pointCollection(point: LngLat | null): FeatureCollection {
  if (!point) return EMPTY;
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: {} }],
  };
}

/**
 * A small map of one place: a plain background, optional outlines and the point. It needs no tile server, so it
 * works in any deployment; the outlines give the point its context.
 */
export function PointMap({ areas, highlight, point, onPick, testId }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const pick = useEffectEvent((p: LngLat) => onPick?.(p));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = createConsoleMap(container, {
      zoom: 3,
      scale: false,
      onReady: setMap,
      style: {
        version: 8,
        sources: { areas: { type: 'geojson', data: EMPTY }, point: { type: 'geojson', data: EMPTY } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
          { id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': '#34495e', 'fill-opacity': 0.06 } },
          { id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#7f8c8d', 'line-width': 1 } },
          {
            id: 'highlight',
            type: 'line',
            source: 'areas',
            filter: ['==', ['get', 'code'], ''],
            paint: { 'line-color': '#2c3e50', 'line-width': 3 },
          },
          {
            id: 'point',
            type: 'circle',
            source: 'point',
            paint: {
              'circle-radius': 7,
              'circle-color': '#c0392b',
              'circle-stroke-color': '#fff',
              'circle-stroke-width': 2,
            },
          },
        ],
      },
    });
    instance.on('click', (event) => pick([event.lngLat.lng, event.lngLat.lat]));
    return () => {
      setMap(null);
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (!map) return;
    const collection = areas ?? EMPTY;
    (map.getSource('areas') as GeoJSONSource).setData(collection);
    const box = bboxOf(collection);
    if (box) map.fitBounds(box, { padding: 24, duration: 0 });
  }, [map, areas]);

  useEffect(() => {
    map?.setFilter('highlight', ['==', ['get', 'code'], highlight ?? '']);
  }, [map, highlight]);

  useEffect(() => {
    if (!map) return;
    (map.getSource('point') as GeoJSONSource).setData(pointCollection(point));
    if (!point) return;
    // Keep the view when the point is already visible, so picking does not make the map jump under the cursor.
    if (!map.getBounds().contains(point) || map.getZoom() < 5) map.jumpTo({ center: point, zoom: POINT_ZOOM });
  }, [map, point]);

  return (
    <div
      ref={containerRef}
      className={onPick ? 'sz-point-map sz-point-map--pick' : 'sz-point-map'}
      data-testid={testId}
    />
  );
}
