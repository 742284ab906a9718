import gcoord from 'gcoord';
import type { Bbox, LngLat, MapConfig } from './api';

/**
 * Our geometries are WGS84. Chinese tile providers draw in GCJ-02, so over such tiles every
 * coordinate must be shifted the same way or boundaries land a few hundred metres off.
 */
export interface Projection {
  point: (p: LngLat) => LngLat;
  bbox: (b: Bbox) => Bbox;
  /** Returns a converted deep copy; the input (possibly cached) is left untouched. */
  geojson: <T extends object>(value: T) => T;
}

const identity: Projection = { point: (p) => p, bbox: (b) => b, geojson: (v) => v };

const gcj02: Projection = {
  point: (p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as LngLat,
  bbox: ([minLng, minLat, maxLng, maxLat]) => {
    const [x1, y1] = gcj02.point([minLng, minLat]);
    const [x2, y2] = gcj02.point([maxLng, maxLat]);
    return [x1, y1, x2, y2];
  },
  geojson: (value) => gcoord.transform(structuredClone(value) as never, gcoord.WGS84, gcoord.GCJ02) as typeof value,
};

export function projectionFor(config: MapConfig): Projection {
  return config.tileUrl && config.tileCrs === 'gcj02' ? gcj02 : identity;
}
