import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { maskPhone } from '../../../core/crypto.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import type { Crs, GridLocator } from '../../geo/index.js';
import { getBuilding } from '../db/buildings.repository.js';
import { getVenue, insertFacility, insertVenue } from '../db/things.repository.js';
import { creditCodeProblem } from '../domain/credit-code.js';
import {
  type FacilityKind,
  type FacilityStatus,
  isContactPhone,
  type NineSmallKind,
  type VenueKind,
} from '../domain/things.js';
import { CREDIT_CODE_REASONS, registryErrors } from '../registry.errors.js';

type Point = { lng: number; lat: number; crs: Crs };

/** A thing belongs to the grid its point lies in, and only to someone whose scope covers that grid. */
function gridOf(locator: GridLocator, actor: Actor, p: Point) {
  const grid = locator.findGrid(p.lng, p.lat, p.crs);
  if (!grid) throw registryErrors.pointOutsideGrids({ field: 'location' });
  if (!inScope(actor, grid.path)) throw coreErrors.outOfScope({ field: 'location' });
  return grid;
}

async function checkBuilding(ctx: Pick<ModuleContext, 'db'>, actor: Actor, id: number | undefined) {
  if (id === undefined) return;
  const building = await getBuilding(ctx.db, id);
  if (!building) throw registryErrors.notFound({ field: 'buildingId' });
  if (!inScope(actor, building.gridPath)) throw coreErrors.outOfScope({ field: 'buildingId' });
}

export interface VenueInput {
  name: string;
  kind: VenueKind;
  nineSmallKind?: NineSmallKind;
  address: string;
  location: Point;
  buildingId?: number;
  ownerName?: string;
  contactPhone?: string;
  creditCode?: string;
}

/** 场所登记: the contact phone is sealed and shown masked like a resident's; a credit code must pass GB 32100. */
export async function recordVenue(
  ctx: Pick<ModuleContext, 'db' | 'cipher'>,
  locator: GridLocator,
  actor: Actor,
  v: VenueInput,
) {
  if (v.kind === 'nine_small' && !v.nineSmallKind) {
    throw coreErrors.invalid({
      field: 'nineSmallKind',
      params: { reason: { 'zh-CN': '九小场所须选择类别', en: 'a small venue needs one of the nine kinds' } },
    });
  }
  if (v.kind !== 'nine_small' && v.nineSmallKind) {
    throw coreErrors.invalid({
      field: 'nineSmallKind',
      params: { reason: { 'zh-CN': '仅九小场所可选择此项', en: 'only a small venue has one of the nine kinds' } },
    });
  }
  const creditCode = v.creditCode?.toUpperCase();
  const problem = creditCode ? creditCodeProblem(creditCode) : undefined;
  if (problem) {
    throw registryErrors.badCreditCode({ field: 'creditCode', params: { reason: CREDIT_CODE_REASONS[problem] } });
  }
  if (v.contactPhone && !isContactPhone(v.contactPhone)) {
    throw coreErrors.invalid({
      field: 'contactPhone',
      params: {
        reason: {
          'zh-CN': '应为 11 位手机号或带区号的固定电话',
          en: 'must be an 11-digit mobile number or a landline with its area code',
        },
      },
    });
  }
  const grid = gridOf(locator, actor, v.location);
  await checkBuilding(ctx, actor, v.buildingId);
  return ctx.db.transaction(async (tx) => {
    const id = await insertVenue(tx, {
      name: v.name,
      kind: v.kind,
      nineSmallKind: v.nineSmallKind ?? null,
      address: v.address,
      lng: grid.wgs84[0],
      lat: grid.wgs84[1],
      buildingId: v.buildingId ?? null,
      ownerName: v.ownerName ?? null,
      contactPhoneEnc: v.contactPhone ? ctx.cipher.encrypt(v.contactPhone) : null,
      contactPhoneMasked: v.contactPhone ? maskPhone(v.contactPhone) : null,
      creditCode: creditCode ?? null,
      gridCode: grid.code,
      gridPath: grid.path,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.venue_recorded',
      subject: `venue:${id}`,
    });
    return id;
  });
}

export interface FacilityInput {
  kind: FacilityKind;
  name: string;
  location: Point;
  buildingId?: number;
  venueId?: number;
  ownerName?: string;
  status: FacilityStatus;
}

/** 设施登记: a charger, shed, hydrant, service point or camera, optionally in a building or venue of the same scope. */
export async function recordFacility(
  ctx: Pick<ModuleContext, 'db'>,
  locator: GridLocator,
  actor: Actor,
  f: FacilityInput,
) {
  const grid = gridOf(locator, actor, f.location);
  await checkBuilding(ctx, actor, f.buildingId);
  if (f.venueId !== undefined) {
    const venue = await getVenue(ctx.db, f.venueId);
    if (!venue) throw registryErrors.notFound({ field: 'venueId' });
    if (!inScope(actor, venue.gridPath)) throw coreErrors.outOfScope({ field: 'venueId' });
  }
  return ctx.db.transaction(async (tx) => {
    const id = await insertFacility(tx, {
      kind: f.kind,
      name: f.name,
      lng: grid.wgs84[0],
      lat: grid.wgs84[1],
      buildingId: f.buildingId ?? null,
      venueId: f.venueId ?? null,
      ownerName: f.ownerName ?? null,
      status: f.status,
      gridCode: grid.code,
      gridPath: grid.path,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.facility_recorded',
      subject: `facility:${id}`,
    });
    return id;
  });
}
