import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { api } from '../../core/api';

export type LngLat = [number, number];
export type Bbox = [number, number, number, number];
export type RegionLevel = 'district' | 'street' | 'community';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  kind: 'district' | 'street' | 'town' | 'community' | 'village';
  parentCode: string | null;
  path: string;
  childCount: number;
  gridCount: number;
  bbox: Bbox | null;
  center: LngLat | null;
}

export interface ChainLink {
  code: string;
  name: string;
  level: RegionLevel;
}

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
  grid: {
    code: string;
    name: string;
    kind: string;
    boundsText: string;
    communityCode: string;
    communityName: string;
    streetCode: string;
    streetName: string;
    districtCode: string;
    districtName: string;
    mergedInto: string | null;
    areaKm2: number;
    centroid: LngLat;
    team: { role: string; name: string }[];
  };
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
