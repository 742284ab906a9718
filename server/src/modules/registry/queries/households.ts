import { type Actor, inScope } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { casesNear } from '../../cases/index.js';
import { buildingFootprint, getBuilding, searchBuildings } from '../db/buildings.repository.js';
import { compoundBuildings, compoundExists, getCompound, listCompounds } from '../db/compounds.repository.js';
import { countHouseholds, getHousehold, householdBook, listVisits } from '../db/households.repository.js';
import { registryErrors } from '../registry.errors.js';
import { regionPath } from './region.js';

/** A phone keeps the book of a grid or two; a whole street's would not fit comfortably, nor be read at the door. */
export const BOOK_MAX_HOUSEHOLDS = 5000;

async function areaOf(ctx: Pick<ModuleContext, 'db'>, actor: Actor, regionCode?: string) {
  return regionCode ? regionPath(ctx, regionCode) : actor.scopePath;
}

/** 台账 of an area (the actor's own scope when none is named): buildings → units → households → residents, masked. */
export async function bookOf(ctx: Pick<ModuleContext, 'db'>, actor: Actor, regionCode?: string) {
  const area = await areaOf(ctx, actor, regionCode);
  const households = await countHouseholds(ctx.db, actor.scopePath, area);
  if (households > BOOK_MAX_HOUSEHOLDS) {
    throw registryErrors.bookTooLarge({ field: 'regionCode', params: { count: households, max: BOOK_MAX_HOUSEHOLDS } });
  }
  const buildings = await householdBook(ctx.db, { scope: actor.scopePath, area, limit: BOOK_MAX_HOUSEHOLDS });
  return { generatedAt: new Date().toISOString(), households, buildings };
}

/** One building's units, households and residents (masked) for the building page. */
export async function buildingHouseholds(ctx: Pick<ModuleContext, 'db'>, actor: Actor, buildingId: number) {
  const b = await getBuilding(ctx.db, buildingId);
  if (!b) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, b.gridPath)) throw coreErrors.outOfScope();
  const [row] = await householdBook(ctx.db, { scope: actor.scopePath, area: b.gridPath, buildingId, limit: 1 });
  return { units: row?.units ?? [] };
}

/** The cases the cases module holds at a building (on or beside its footprint), within the actor's scope. */
export async function buildingCases(ctx: Pick<ModuleContext, 'db'>, actor: Actor, buildingId: number) {
  const b = await getBuilding(ctx.db, buildingId);
  if (!b) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, b.gridPath)) throw coreErrors.outOfScope();
  const shape = await buildingFootprint(ctx.db, buildingId);
  return { items: await casesNear(ctx.db, { scopePath: actor.scopePath, shape }) };
}

export async function householdVisits(ctx: Pick<ModuleContext, 'db'>, actor: Actor, householdId: number) {
  const h = await getHousehold(ctx.db, householdId);
  if (!h) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, h.gridPath)) throw coreErrors.outOfScope();
  return { items: await listVisits(ctx.db, householdId, 50) };
}

export async function findBuildings(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  q: { regionCode?: string; q?: string; limit: number },
) {
  const area = await areaOf(ctx, actor, q.regionCode);
  return { items: await searchBuildings(ctx.db, { scope: actor.scopePath, area, q: q.q, limit: q.limit }) };
}

const communityCode = (path: string) => path.split('.').at(-1) ?? '';

export async function compoundsOf(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  q: { regionCode?: string; limit: number },
) {
  const area = await areaOf(ctx, actor, q.regionCode);
  const rows = await listCompounds(ctx.db, actor.scopePath, area, q.limit);
  return { items: rows.map(({ communityPath, ...c }) => ({ ...c, communityCode: communityCode(communityPath) })) };
}

/** A compound the actor has at least one building of; its counts and buildings stop at the scope. */
export async function compoundInScope(ctx: Pick<ModuleContext, 'db'>, actor: Actor, id: number) {
  const c = await getCompound(ctx.db, actor.scopePath, id);
  if (c) return c;
  if (await compoundExists(ctx.db, id)) throw coreErrors.outOfScope();
  throw registryErrors.notFound({ field: 'id' });
}

export async function compoundDetail(ctx: Pick<ModuleContext, 'db'>, actor: Actor, id: number) {
  const { communityPath, ...rest } = await compoundInScope(ctx, actor, id);
  return {
    ...rest,
    communityCode: communityCode(communityPath),
    buildingList: await compoundBuildings(ctx.db, actor.scopePath, id),
  };
}
