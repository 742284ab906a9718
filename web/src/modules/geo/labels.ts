import type { Position } from 'geojson';
import maplibregl, { type Map as MaplibreMap, type Marker } from 'maplibre-gl';
import type { Area, LngLat } from './api';

export interface Label {
  at: LngLat;
  text: string;
  kind: 'region' | 'grid';
  onClick?: () => void;
}

/**
 * Labels are HTML markers rather than a symbol layer: symbol text needs a glyphs URL, which would
 * make the map depend on a font server.
 */
export function placeLabels(map: MaplibreMap, labels: Label[]): Marker[] {
  return labels.map(({ at, text, kind, onClick }) => {
    const element = document.createElement('div');
    element.className = `sz-label sz-label--${kind}`;
    element.textContent = text;
    if (onClick) {
      element.classList.add('sz-label--clickable');
      element.addEventListener('click', (event) => {
        event.stopPropagation();
        onClick();
      });
    }
    return new maplibregl.Marker({ element, anchor: 'center' }).setLngLat(at).addTo(map);
  });
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}

function ringCentroid(ring: Position[]): LngLat {
  const area = ringArea(ring);
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    const cross = xj * yi - xi * yj;
    cx += (xi + xj) * cross;
    cy += (yi + yj) * cross;
  }
  return [cx / (6 * area), cy / (6 * area)];
}

/** Centroid of the largest outer ring: good enough for the compact shapes grids have. */
export function labelPoint(area: Area): LngLat | null {
  const outers = area.type === 'Polygon' ? [area.coordinates[0]] : area.coordinates.map((p) => p[0]);
  let best: Position[] | undefined;
  for (const ring of outers) {
    if (ring && ring.length >= 4 && (!best || Math.abs(ringArea(ring)) > Math.abs(ringArea(best)))) best = ring;
  }
  return best && ringArea(best) !== 0 ? ringCentroid(best) : null;
}
