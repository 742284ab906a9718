import type { Queryable } from '../../../core/db.js';
import { areaNames } from '../../geo/index.js';

/** The community a grid lies in: the path's fifth label (province.city.district.street.community…), however deep the grid hangs. */
const communityOf = (gridPath: string) => gridPath.split('.')[4] ?? '';

/**
 * Where a case is, in words anyone may read: its community's name, by grid path. A follower learns the
 * neighbourhood, not the doorstep.
 */
export async function communityNames(db: Queryable, gridPaths: string[]): Promise<(path: string) => string> {
  const names = await areaNames(db, [...new Set(gridPaths.map(communityOf))]);
  return (path) => names.get(communityOf(path)) ?? '';
}
