import type { Permissions } from '../../core/access.js';
import { type Actor, inScope, isAncestorOfScope, STAFF_ROLES } from '../../core/auth.js';
import { coreErrors } from '../../core/errors.js';

/** Staff read the map of their area; residents locate themselves when they report (only the grid's public name). */
export const geoPermissions = {
  'region.view': { roles: STAFF_ROLES, scope: 'area' },
  'grid.view': { roles: STAFF_ROLES, scope: 'area' },
  'grid.import': { roles: ['district_admin'], scope: 'area' },
  // a grid's name is printed on its poster and in its neighbours' 四至: the street or district that draws grids names them
  'grid.rename': { roles: ['district_admin', 'street_staff'], scope: 'area' },
  // the grid's team (五位一体) without re-importing the grid: those who answer for the grid's area
  'grid.team.manage': { roles: ['district_admin', 'street_staff', 'community_staff'], scope: 'area' },
  'point.locate': { roles: [...STAFF_ROLES, 'resident'], scope: 'reference' },
  // names of regions and grids are printed on every grid station's poster: anyone signed in reads them, so pages
  // show 南关社区第一网格 where a record keeps 370983002001001
  'name.read': { roles: [...STAFF_ROLES, 'resident'], scope: 'reference' },
} satisfies Permissions;

/** A region is shown if it lies inside the scope, or contains it (for orientation only). */
export function assertRegionVisible(actor: Actor, path: string): void {
  if (!inScope(actor, path) && !isAncestorOfScope(actor, path)) throw coreErrors.outOfScope();
}

export function assertInScope(actor: Actor, path: string): void {
  if (!inScope(actor, path)) throw coreErrors.outOfScope();
}
