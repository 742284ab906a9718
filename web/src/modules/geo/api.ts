import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { z } from 'zod';
import type {
  chainSchema,
  gridDetail,
  gridTeamBody,
  regionSchema,
} from '../../../../server/src/modules/geo/geo.schemas';
import { api } from '../../core/api';

// regions, chains and grids are the server's response schemas; GeoJSON and the map config have no exact schema
// there (features pass through as PostGIS builds them, the config is written inline in its route), so they are typed
// here
export type Region = z.infer<typeof regionSchema>;
export type RegionLevel = Region['level'];
export type Bbox = NonNullable<Region['bbox']>;
export type LngLat = NonNullable<Region['center']>;
export type ChainLink = z.infer<typeof chainSchema>[number];

export type Area = Polygon | MultiPolygon;

export interface RegionDetail {
  region: Region;
  chain: ChainLink[];
  boundary: Area | null;
}

export interface AreaProps {
  code: string;
  name: string;
  level: RegionLevel;
  gridCount: number;
}

export interface GridProps {
  code: string;
  name: string;
  kind: string;
  communityCode: string;
  communityName: string;
  colorIndex: number;
}

export type AreaCollection = FeatureCollection<Area, AreaProps>;
export type GridCollection = FeatureCollection<Area, GridProps>;

export interface GridDetail {
  grid: z.infer<typeof gridDetail>;
  chain: ChainLink[];
}

export interface MapConfig {
  tileUrl?: string;
  tileCrs: 'wgs84' | 'gcj02';
  attribution?: string;
}

const enc = encodeURIComponent;

export async function fetchMapConfig(): Promise<MapConfig> {
  return (await api<{ map: MapConfig }>('GET', '/api/geo/config')).map;
}

export async function fetchRegions(parent?: string): Promise<Region[]> {
  const query = parent ? `?parent=${enc(parent)}` : '';
  return (await api<{ items: Region[] }>('GET', `/api/geo/regions${query}`)).items;
}

export function fetchRegion(code: string): Promise<RegionDetail> {
  return api('GET', `/api/geo/regions/${enc(code)}`);
}

export function fetchChildBoundaries(code: string): Promise<AreaCollection> {
  return api('GET', `/api/geo/regions/${enc(code)}/children-boundaries`);
}

export function fetchGrids(code: string): Promise<GridCollection> {
  return api('GET', `/api/geo/regions/${enc(code)}/grids`);
}

export function fetchGrid(code: string): Promise<GridDetail> {
  return api('GET', `/api/geo/grids/${enc(code)}`);
}

export type GridTeamMember = GridDetail['grid']['team'][number];
export type GridTeamInput = z.input<typeof gridTeamBody>['members'];

/** The grid's team as a whole (五位一体), without re-importing the grid. */
export function saveGridTeam(code: string, members: GridTeamInput): Promise<{ team: GridTeamMember[] }> {
  return api('PUT', `/api/geo/grids/${enc(code)}/team`, { members });
}

export type GridStation = NonNullable<GridDetail['grid']['station']>;

/** Where the grid's team can be found (网格工作站), shown on the card its QR code opens; null clears it. */
export function saveGridStation(code: string, station: GridStation | null): Promise<{ station: GridStation | null }> {
  return api('PUT', `/api/geo/grids/${enc(code)}/station`, { station });
}
