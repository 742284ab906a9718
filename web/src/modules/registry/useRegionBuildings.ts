import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { fetchGrids, type GridCollection } from '../geo/api';
import { type BuildingCollection, fetchBuildings } from './api';

export interface RegionBuildings {
  buildings: BuildingCollection;
  /** The region's grids, drawn under the buildings and naming the grid a building is in. */
  grids: GridCollection;
}

export type RegionBuildingsState =
  | { status: 'none' }
  | { status: 'loading'; data?: RegionBuildings }
  | { status: 'ready'; data: RegionBuildings }
  | { status: 'failed'; message: string; data?: RegionBuildings };

/** A region's buildings and grids; the previous region's stay on the map while the next ones load. */
export function useRegionBuildings(regionCode: string | undefined): RegionBuildingsState {
  const [state, setState] = useState<RegionBuildingsState>({ status: 'none' });
  useEffect(() => {
    if (!regionCode) {
      setState({ status: 'none' });
      return;
    }
    let live = true;
    setState((prev) => ({ status: 'loading', data: 'data' in prev ? prev.data : undefined }));
    Promise.all([fetchBuildings(regionCode), fetchGrids(regionCode)]).then(
      ([buildings, grids]) => live && setState({ status: 'ready', data: { buildings, grids } }),
      (err: unknown) =>
        live &&
        setState((prev) => ({
          status: 'failed',
          message: errorMessage(err),
          data: 'data' in prev ? prev.data : undefined,
        })),
    );
    return () => {
      live = false;
    };
  }, [regionCode]);
  return state;
}
