import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';

export interface IndexEntry {
  code: string;
  name: string;
  path: string;
  mergedInto: string | null;
  geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
}

/**
 * Point → grid for the hot path (every report, every sensor alarm): a packed R-tree over grid bounding boxes,
 * then an exact point-in-polygon test on the few candidates. Immutable: a change to the grids builds a new one.
 */
export class GridIndex {
  private readonly tree: Flatbush | null;
  private readonly byCode: Map<string, IndexEntry>;
  constructor(private readonly entries: IndexEntry[]) {
    this.byCode = new Map(entries.map((e) => [e.code, e]));
    if (!entries.length) {
      this.tree = null;
      return;
    }
    this.tree = new Flatbush(entries.length);
    for (const e of entries) {
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const poly of e.geometry.coordinates)
        for (const [x, y] of poly[0] ?? []) {
          if (x < minX) minX = x;
          if (y < minY) minY = y;
          if (x > maxX) maxX = x;
          if (y > maxY) maxY = y;
        }
      this.tree.add(minX, minY, maxX, maxY);
    }
    this.tree.finish();
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The grid whose team answers for a grid: itself, or the grid it was merged into (多格合一), followed to the end of
   * a chain of merges; a loop of merges answers for itself rather than hang.
   */
  handling(entry: IndexEntry): IndexEntry {
    const seen = new Set([entry.code]);
    let current = entry;
    while (current.mergedInto) {
      const next = this.byCode.get(current.mergedInto);
      if (!next || seen.has(next.code)) break;
      seen.add(next.code);
      current = next;
    }
    return current;
  }

  /** A point on a shared edge belongs to both grids; the lower code wins, as in the PostGIS query. */
  locate(lng: number, lat: number): IndexEntry | undefined {
    if (!this.tree) return undefined;
    let found: IndexEntry | undefined;
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const e = this.entries[i] as IndexEntry;
      if ((!found || e.code < found.code) && booleanPointInPolygon([lng, lat], e.geometry)) found = e;
    }
    return found;
  }
}
