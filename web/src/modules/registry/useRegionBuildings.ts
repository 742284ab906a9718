import { type Load, useLoad } from '../../core/query';
import { fetchGrids, type GridCollection } from '../geo/api';
import { type BuildingCollection, fetchBuildings } from './api';

export interface RegionBuildings {
  buildings: BuildingCollection;
  /** The region's grids, drawn under the buildings and naming the grid a building is in. */
  grids: GridCollection;
}

async function loadRegionBuildings(regionCode: string): Promise<RegionBuildings> {
  const [buildings, grids] = await Promise.all([fetchBuildings(regionCode), fetchGrids(regionCode)]);
  return { buildings, grids };
}

/** A region's buildings and grids; the previous region's stay on the map while the next ones load. */
export function useRegionBuildings(regionCode: string | undefined): Load<RegionBuildings> {
  return useLoad(['registry', 'buildings'], regionCode, loadRegionBuildings, { keepPrevious: true });
}
