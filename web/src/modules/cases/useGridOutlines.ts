import { loadedValue, useLoad } from '../../core/query';
import { fetchGrids, type GridCollection } from '../geo/api';

/** A grid code's first 12 digits are its community's code. */
const COMMUNITY_DIGITS = 12;

/** The grids of the community around a case, for orientation on its map; none if the user may not read them. */
export function useGridOutlines(gridCode: string | undefined): GridCollection | undefined {
  return loadedValue(useLoad(['geo', 'grids'], gridCode?.slice(0, COMMUNITY_DIGITS), fetchGrids));
}
