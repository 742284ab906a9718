import { useEffect, useState } from 'react';
import { fetchGrids, type GridCollection } from '../geo/api';

/** A grid code's first 12 digits are its community's code. */
const COMMUNITY_DIGITS = 12;

/** The grids of the community around a case, for orientation on its map; none if the user may not read them. */
export function useGridOutlines(gridCode: string | undefined): GridCollection | undefined {
  const community = gridCode?.slice(0, COMMUNITY_DIGITS);
  const [grids, setGrids] = useState<GridCollection>();
  useEffect(() => {
    setGrids(undefined);
    if (!community) return;
    let live = true;
    fetchGrids(community).then(
      (collection) => live && setGrids(collection),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [community]);
  return grids;
}
