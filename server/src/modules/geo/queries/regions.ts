import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import {
  chainOf,
  childBoundaries,
  getGrid,
  getRegion,
  gridsUnder,
  listChildRegions,
  listTopRegions,
} from '../db/geo.repository.js';
import { geoErrors } from '../geo.errors.js';
import { assertInScope, assertRegionVisible } from '../geo.permissions.js';

export async function listRegions(db: Queryable, actor: Actor, parent?: string) {
  if (!parent) return listTopRegions(db, actor.scopePath);
  const region = await getRegion(db, parent, actor.scopePath);
  if (!region) throw geoErrors.unknownRegion({ field: 'parent', params: { code: parent } });
  assertRegionVisible(actor, region.path);
  return listChildRegions(db, parent, actor.scopePath);
}

async function loadVisibleRegion(db: Queryable, actor: Actor, code: string) {
  const region = await getRegion(db, code, actor.scopePath);
  if (!region) throw geoErrors.regionNotFound({ field: 'code', params: { code } });
  assertRegionVisible(actor, region.path);
  return region;
}

export async function getRegionDetail(db: Queryable, actor: Actor, code: string) {
  const { boundary, ...region } = await loadVisibleRegion(db, actor, code);
  return { region, chain: await chainOf(db, region.path), boundary: boundary ?? null };
}

export async function listChildBoundaries(db: Queryable, actor: Actor, code: string) {
  await loadVisibleRegion(db, actor, code);
  return childBoundaries(db, code, actor.scopePath);
}

/** Only grids inside the scope come back, even when the region itself contains more. */
export async function listGridsOfRegion(db: Queryable, actor: Actor, code: string) {
  const region = await loadVisibleRegion(db, actor, code);
  return gridsUnder(db, region.path, actor.scopePath);
}

export async function getGridDetail(db: Queryable, actor: Actor, code: string) {
  const grid = await getGrid(db, code);
  if (!grid) throw geoErrors.gridNotFound({ field: 'code', params: { code } });
  assertInScope(actor, grid.path);
  const chain = await chainOf(db, grid.path);
  const at = (level: string) => chain.find((c) => c.level === level) ?? { code: '', name: '' };
  const { path: _path, ...rest } = grid;
  return {
    grid: {
      ...rest,
      communityName: at('community').name,
      compoundName: grid.compoundCode ? at('compound').name : null,
      streetCode: at('street').code,
      streetName: at('street').name,
      districtCode: at('district').code,
      districtName: at('district').name,
    },
    chain,
  };
}

/** The published work phones of the accounts behind team members, by user id (identity's, see geo.module.ts). */
export type WorkPhoneLookup = (userIds: number[]) => Promise<Map<number, string>>;

/**
 * What the grid station's QR code opens for anyone, signed in or not: the grid, where it lies, its station, and its
 * team by name and role — what the poster on the wall already shows.
 */
export async function getGridCard(db: Queryable, code: string, workPhones: WorkPhoneLookup) {
  const grid = await getGrid(db, code);
  if (!grid) throw geoErrors.gridNotFound({ field: 'code', params: { code } });
  const chain = await chainOf(db, grid.path);
  const at = (level: string) => chain.find((c) => c.level === level)?.name ?? '';
  const phones = await workPhones(grid.team.flatMap((m) => (m.userId ? [m.userId] : [])));
  return {
    code: grid.code,
    name: grid.name,
    communityName: at('community'),
    compoundName: grid.compoundCode ? at('compound') : null,
    streetName: at('street'),
    districtName: at('district'),
    station: grid.station,
    // the poster's public card: names, roles and the work phones printed on the grid station's poster for residents
    // to call (published by design); never which account acts for them
    team: grid.team.map(({ role, name, userId }) => ({ role, name, phone: (userId && phones.get(userId)) || null })),
  };
}
