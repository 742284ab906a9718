import { type Actor, inScope } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { getFacility, getVenue, searchFacilities, searchVenues, thingsGeoJson } from '../db/things.repository.js';
import { registryErrors } from '../registry.errors.js';
import { regionPath } from './region.js';

const withoutPath = <T extends { gridPath: string }>({ gridPath: _g, ...rest }: T) => rest;

/** The region a list is narrowed to; the whole scope when none is asked for. */
async function areaOf(ctx: Pick<ModuleContext, 'db'>, actor: Actor, regionCode: string | undefined) {
  return regionCode ? regionPath(ctx, regionCode) : actor.scopePath;
}

export async function listVenues(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  q: {
    kind?: string;
    nineSmallKind?: string;
    q?: string;
    regionCode?: string;
    buildingId?: number;
    limit: number;
    offset: number;
  },
) {
  const { items, total } = await searchVenues(ctx.db, {
    scope: actor.scopePath,
    area: await areaOf(ctx, actor, q.regionCode),
    kind: q.kind,
    nineSmallKind: q.nineSmallKind,
    q: q.q,
    buildingId: q.buildingId,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: items.map(withoutPath), total };
}

export async function getVenueDetail(ctx: Pick<ModuleContext, 'db'>, actor: Actor, id: number) {
  const venue = await getVenue(ctx.db, id);
  if (!venue) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, venue.gridPath)) throw coreErrors.outOfScope();
  return withoutPath(venue);
}

export async function listFacilities(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  q: {
    kind?: string;
    status?: string;
    q?: string;
    regionCode?: string;
    buildingId?: number;
    limit: number;
    offset: number;
  },
) {
  const { items, total } = await searchFacilities(ctx.db, {
    scope: actor.scopePath,
    area: await areaOf(ctx, actor, q.regionCode),
    kind: q.kind,
    status: q.status,
    q: q.q,
    buildingId: q.buildingId,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: items.map(withoutPath), total };
}

export async function getFacilityDetail(ctx: Pick<ModuleContext, 'db'>, actor: Actor, id: number) {
  const facility = await getFacility(ctx.db, id);
  if (!facility) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, facility.gridPath)) throw coreErrors.outOfScope();
  return withoutPath(facility);
}

export async function thingsMap(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  q: { regionCode: string; layer: 'venues' | 'facilities'; limit: number },
) {
  return thingsGeoJson(ctx.db, q.layer, actor.scopePath, await areaOf(ctx, actor, q.regionCode), q.limit);
}
