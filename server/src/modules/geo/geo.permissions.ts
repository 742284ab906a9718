import { type Actor, inScope, isAncestorOfScope, type Role, STAFF_ROLES } from '../../core/auth.js';
import { coreErrors } from '../../core/errors.js';

export type GeoAction = 'region.view' | 'grid.view' | 'grid.import' | 'point.locate';

const ALLOWED: Record<GeoAction, readonly Role[]> = {
  'region.view': STAFF_ROLES,
  'grid.view': STAFF_ROLES,
  'grid.import': ['district_admin'],
  // Residents locate themselves when they report a problem; only the grid's public name comes back.
  'point.locate': [...STAFF_ROLES, 'resident'],
};

export function rolesFor(action: GeoAction): readonly Role[] {
  return ALLOWED[action];
}

/** A region is shown if it lies inside the scope, or contains it (for orientation only). */
export function assertRegionVisible(actor: Actor, path: string): void {
  if (!inScope(actor, path) && !isAncestorOfScope(actor, path)) throw coreErrors.outOfScope();
}

export function assertInScope(actor: Actor, path: string): void {
  if (!inScope(actor, path)) throw coreErrors.outOfScope();
}
