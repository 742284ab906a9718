import { type Actor, inScope } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { scopePathOf } from '../../geo/index.js';
import { hotspots, mayRecurCases, recurring, rootCauseCounts } from '../db/cases.repository.js';
import { ROOT_CAUSES } from '../domain/closing-summary.js';
import { communityNames } from './area-names.js';

/** The cases marked "may recur" a page lists at most; the counts cover them all. */
const MAY_RECUR_LIST = 100;

/** The region asked for, if it lies in the actor's scope; the actor's whole scope otherwise. */
export async function regionScope(db: Queryable, actor: Actor, regionCode?: string): Promise<string> {
  if (!regionCode) return actor.scopePath;
  const path = await scopePathOf(db, regionCode);
  if (path === undefined) throw coreErrors.invalid({ field: 'regionCode', params: { reason: regionCode } });
  if (!inScope(actor, path)) throw coreErrors.outOfScope({ field: 'regionCode' });
  return path;
}

/**
 * Where the same problem keeps coming back: the material a community turns into deliberation topics. Hotspots and
 * recurring problems count reports by when they came in; the root causes and the cases that may recur come from the
 * closing summaries, by when the case was closed.
 */
export async function rootCauses(
  db: Queryable,
  actor: Actor,
  q: { regionCode?: string; from: Date; to: Date; categoryCode?: string; metres: number; minPoints: number },
) {
  const scope = await regionScope(db, actor, q.regionCode);
  const summaries = { scope, from: q.from, to: q.to, categoryCode: q.categoryCode };
  const [clusters, repeated, counted, watch] = await Promise.all([
    hotspots(db, {
      scope,
      from: q.from,
      to: q.to,
      categoryCode: q.categoryCode,
      metres: q.metres,
      minPoints: q.minPoints,
    }),
    recurring(db, { scope, from: q.from, to: q.to, atLeast: q.minPoints }),
    rootCauseCounts(db, summaries),
    mayRecurCases(db, { ...summaries, limit: MAY_RECUR_LIST }),
  ]);
  const area = await communityNames(
    db,
    watch.map((c) => c.gridPath),
  );
  return {
    hotspots: clusters,
    recurring: repeated.map((r) => ({ ...r, lastReportedAt: new Date(r.lastReportedAt).toISOString() })),
    // every cause, none left out for having no case, so the page's table keeps one shape
    causes: ROOT_CAUSES.map((rootCause) => {
      const row = counted.find((r) => r.rootCause === rootCause);
      return { rootCause, count: row?.count ?? 0, mayRecur: row?.mayRecur ?? 0 };
    }),
    mayRecur: watch.map(({ gridPath, closedAt, ...c }) => ({
      ...c,
      areaName: area(gridPath),
      closedAt: new Date(closedAt).toISOString(),
    })),
  };
}
