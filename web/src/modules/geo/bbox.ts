import type { FeatureCollection } from 'geojson';
import type { Bbox } from './api';

/** The box around every coordinate of a collection, or null when it has none. */
export function bboxOf(collection: FeatureCollection): Bbox | null {
  let box: Bbox | null = null;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [x, y] = value as number[];
      if (x === undefined || y === undefined) return;
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
      return;
    }
    for (const item of value) visit(item);
  };
  for (const feature of collection.features) {
    if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  }
  return box;
}
