import type { Db } from '../../../core/db.js';
import { allGridsForIndex, type ChainLink, chainOf } from '../db/geo.repository.js';
import { type Crs, toWgs84 } from '../domain/coords.js';
import { GridIndex } from '../domain/grid-index.js';

export const GRIDS_CHANGED_CHANNEL = 'geo_grids_changed';

export interface LocateResult {
  grid: { code: string; name: string; mergedInto: string | null } | null;
  chain: ChainLink[];
  wgs84: [number, number];
}

/**
 * Holds the in-memory index and keeps it equal to geo_grids: rebuilt at start, after every committed grid
 * change in this process, and on a NOTIFY from any other instance sharing the database.
 */
export class GridLocator {
  private index = new GridIndex([]);
  private loaded = false;
  private stopListening?: () => Promise<void>;
  private database?: Db;

  /** The locator exists from the module's creation, so other modules can hold it; it reads grids once started. */
  async start(db: Db): Promise<void> {
    this.database = db;
    this.stopListening = await db.listen(GRIDS_CHANGED_CHANNEL, () => void this.reload());
    await this.reload();
  }

  private get db(): Db {
    if (!this.database) throw new Error('the grid locator has not started');
    return this.database;
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
  }

  get ready(): boolean {
    return this.loaded;
  }

  get size(): number {
    return this.index.size;
  }

  async reload(): Promise<void> {
    this.index = new GridIndex(await allGridsForIndex(this.db));
    this.loaded = true;
  }

  /** Rebuilds here and tells the other instances to do the same. */
  async changed(): Promise<void> {
    await this.reload();
    await this.db.notify(GRIDS_CHANGED_CHANNEL, String(Date.now()));
  }

  /** The hot path: no database round trip. */
  locateCode(lng: number, lat: number, crs: Crs = 'wgs84'): string | undefined {
    const [x, y] = toWgs84(lng, lat, crs);
    return this.index.locate(x, y)?.code;
  }

  /** For other modules that file something under a grid: its code and scope path, and the point in WGS84. */
  findGrid(lng: number, lat: number, crs: Crs): { code: string; path: string; wgs84: [number, number] } | undefined {
    const wgs84 = toWgs84(lng, lat, crs);
    const hit = this.index.locate(wgs84[0], wgs84[1]);
    return hit && { code: hit.code, path: hit.path, wgs84 };
  }

  /**
   * Where work at a point goes: the grid whose team answers for it, which for a grid merged into another (多格合一)
   * is the absorbing grid, so its worker sees and handles what is reported there.
   */
  findHandlingGrid(
    lng: number,
    lat: number,
    crs: Crs,
  ): { code: string; path: string; wgs84: [number, number] } | undefined {
    const wgs84 = toWgs84(lng, lat, crs);
    const hit = this.index.locate(wgs84[0], wgs84[1]);
    if (!hit) return undefined;
    const handling = this.index.handling(hit);
    return { code: handling.code, path: handling.path, wgs84 };
  }

  async locate(lng: number, lat: number, crs: Crs): Promise<LocateResult> {
    const wgs84 = toWgs84(lng, lat, crs);
    const hit = this.index.locate(wgs84[0], wgs84[1]);
    if (!hit) return { grid: null, chain: [], wgs84 };
    return {
      grid: { code: hit.code, name: hit.name, mergedInto: hit.mergedInto },
      chain: await chainOf(this.db, hit.path),
      wgs84,
    };
  }
}
