import { type Actor, inScope } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { scopePathOf } from '../../geo/index.js';
import { hotspots, recurring } from '../db/cases.repository.js';

/** The region asked for, if it lies in the actor's scope; the actor's whole scope otherwise. */
export async function regionScope(db: Queryable, actor: Actor, regionCode?: string): Promise<string> {
  if (!regionCode) return actor.scopePath;
  const path = await scopePathOf(db, regionCode);
  if (path === undefined) throw coreErrors.invalid({ field: 'regionCode', params: { reason: regionCode } });
  if (!inScope(actor, path)) throw coreErrors.outOfScope({ field: 'regionCode' });
  return path;
}

/** Where the same problem keeps coming back: the material a community turns into deliberation topics. */
export async function rootCauses(
  db: Queryable,
  actor: Actor,
  q: { regionCode?: string; from: Date; to: Date; categoryCode?: string; metres: number; minPoints: number },
) {
  const scope = await regionScope(db, actor, q.regionCode);
  const [clusters, repeated] = await Promise.all([
    hotspots(db, {
      scope,
      from: q.from,
      to: q.to,
      categoryCode: q.categoryCode,
      metres: q.metres,
      minPoints: q.minPoints,
    }),
    recurring(db, { scope, from: q.from, to: q.to, atLeast: q.minPoints }),
  ]);
  return {
    hotspots: clusters,
    recurring: repeated.map((r) => ({ ...r, lastReportedAt: new Date(r.lastReportedAt).toISOString() })),
  };
}
