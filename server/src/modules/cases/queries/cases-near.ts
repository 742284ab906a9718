import type { Queryable } from '../../../core/db.js';
import { casesNearShape } from '../db/cases.repository.js';

/**
 * Cases at a place another module knows the shape of (a building's footprint): reported on it or within a few
 * metres, since a phone's fix lands beside the wall as often as inside it. The caller has checked the scope.
 */
export function casesNear(db: Queryable, q: { scopePath: string; shape: unknown; metres?: number; limit?: number }) {
  return casesNearShape(db, { scopePath: q.scopePath, shape: q.shape, metres: q.metres ?? 30, limit: q.limit ?? 50 });
}
