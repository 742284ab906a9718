import { type Load, useLoad } from '../../core/query';
import {
  type AreaCollection,
  type Bbox,
  type ChainLink,
  fetchChildBoundaries,
  fetchGrids,
  fetchRegion,
  fetchRegions,
  type GridCollection,
  type Region,
  type RegionDetail,
} from './api';

/** Everything the map draws for one drill level, still in WGS84. */
export interface MapView {
  /** null is the overview of every top-level region the user may see. */
  regionCode: string | null;
  region: Region | null;
  chain: ChainLink[];
  /** The current region's own outline. */
  frame: AreaCollection;
  /** The regions one level down; clicking one drills into it. */
  areas: AreaCollection;
  grids: GridCollection;
  /** Where the names of `areas` go. */
  labels: Region[];
  bbox: Bbox | null;
}

const emptyAreas = (): AreaCollection => ({ type: 'FeatureCollection', features: [] });

function outline(detail: RegionDetail): AreaCollection {
  const { region, boundary } = detail;
  if (!boundary) return emptyAreas();
  const properties = { code: region.code, name: region.name, level: region.level, gridCount: region.gridCount };
  return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: boundary, properties }] };
}

function unionBbox(boxes: (Bbox | null)[]): Bbox | null {
  const present = boxes.filter((b): b is Bbox => b !== null);
  if (present.length === 0) return null;
  return [
    Math.min(...present.map((b) => b[0])),
    Math.min(...present.map((b) => b[1])),
    Math.max(...present.map((b) => b[2])),
    Math.max(...present.map((b) => b[3])),
  ];
}

async function loadOverview(): Promise<MapView> {
  const regions = await fetchRegions();
  // The list carries no geometry; each top-level boundary comes with the region's detail.
  const details = await Promise.all(regions.map((r) => fetchRegion(r.code)));
  return {
    regionCode: null,
    region: null,
    chain: [],
    frame: emptyAreas(),
    areas: { type: 'FeatureCollection', features: details.flatMap((d) => outline(d).features) },
    grids: { type: 'FeatureCollection', features: [] },
    labels: regions,
    bbox: unionBbox(regions.map((r) => r.bbox)),
  };
}

async function loadRegion(code: string): Promise<MapView> {
  const [detail, areas, grids, children] = await Promise.all([
    fetchRegion(code),
    fetchChildBoundaries(code),
    fetchGrids(code),
    fetchRegions(code),
  ]);
  return {
    regionCode: code,
    region: detail.region,
    chain: detail.chain,
    frame: outline(detail),
    areas,
    grids,
    labels: children,
    bbox: detail.region.bbox,
  };
}

/** Loads the view for a drill level; the previous view stays visible while the next one loads. */
export function useMapView(regionCode: string | null): Load<MapView> {
  // '' is the overview: a query key needs a value
  return useLoad(['geo', 'view'], regionCode ?? '', (code) => (code ? loadRegion(code) : loadOverview()), {
    keepPrevious: true,
  });
}
