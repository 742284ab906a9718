import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import type { GridLocator } from '../../geo/index.js';
import { getBuilding, insertBuilding, invalidFootprints } from '../db/buildings.repository.js';
import { insertHousehold } from '../db/households.repository.js';
import { registryErrors } from '../registry.errors.js';

export interface BuildingInput {
  name: string;
  address: string;
  compound?: string;
  footprint: { type: 'Polygon'; coordinates: number[][][] };
  floors: number;
  heightM?: number;
  affordableType?: 'public_rental' | 'resettlement' | 'shared_ownership';
}

/** A building belongs to the grid its footprint's centre lies in, and only to someone whose scope covers it. */
export async function recordBuilding(
  ctx: Pick<ModuleContext, 'db'>,
  locator: GridLocator,
  actor: Actor,
  b: BuildingInput,
) {
  const ring = b.footprint.coordinates[0] as number[][];
  const lng = ring.reduce((a, p) => a + (p[0] as number), 0) / ring.length;
  const lat = ring.reduce((a, p) => a + (p[1] as number), 0) / ring.length;
  const grid = locator.findGrid(lng, lat, 'wgs84');
  if (!grid) throw registryErrors.outsideGrids({ field: 'footprint' });
  if (!inScope(actor, grid.path)) throw coreErrors.outOfScope({ field: 'footprint' });
  // PostGIS decides, as for the GeoJSON import: a ring crossing itself or folded flat has no inside to stand on
  if ((await invalidFootprints(ctx.db, [b.footprint])).length)
    throw registryErrors.invalidFootprint({ field: 'footprint' });
  return ctx.db.transaction(async (tx) => {
    const id = await insertBuilding(tx, {
      name: b.name,
      address: b.address,
      compound: b.compound ?? null,
      footprint: b.footprint,
      floors: b.floors,
      // 3 m a storey where no survey height is known
      heightM: b.heightM ?? b.floors * 3,
      affordableType: b.affordableType ?? null,
      gridCode: grid.code,
      gridPath: grid.path,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.building_recorded',
      subject: `building:${id}`,
    });
    return id;
  });
}

export async function recordHousehold(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  buildingId: number,
  h: { unit: string; room: string; use: 'owner_occupied' | 'rented' | 'vacant' | 'commercial' },
) {
  const building = await getBuilding(ctx.db, buildingId);
  if (!building) throw registryErrors.notFound({ field: 'buildingId' });
  if (!inScope(actor, building.gridPath)) throw coreErrors.outOfScope();
  const id = await insertHousehold(ctx.db, { buildingId, ...h });
  if (!id) throw registryErrors.duplicateHousehold({ field: 'room' });
  return id;
}
