import { randomBytes } from 'node:crypto';
import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { isMobilePhone, maskPhone } from '../../../core/crypto.js';
import { coreErrors } from '../../../core/errors.js';
import type { Crs } from '../../geo/index.js';
import { findBuildingPlace, findVenue } from '../../registry/index.js';
import { insertDevices, type NewDevice } from '../db/iot.repository.js';
import { type DeviceKind, type HeatClass, sensesHeat } from '../domain/devices.js';
import { hashSecret } from '../ingest/ingestor.js';
import type { IotDeps } from '../iot.deps.js';
import { iotErrors } from '../iot.errors.js';

export interface DeviceInput {
  code: string;
  kind: DeviceKind;
  heatClass?: HeatClass;
  heatMode?: 'S' | 'R';
  buildingId?: number;
  /** A venue from the registry (a 九小场所, a shop, a school): the device takes its place and its kind. */
  venueId?: number;
  floor?: number;
  room?: string;
  location?: { lng: number; lat: number; crs: Crs };
  address?: string;
  ownerName: string;
  contactPhone?: string;
  heartbeatSeconds?: number;
}

/** A new device credential: shown once to whoever installs the device, only its hash is kept. */
export const newSecret = () => randomBytes(18).toString('base64url');

/**
 * Resolves where the device is (its building's place, or a point for outdoor devices) and its grid, inside the
 * actor's scope, and seals the contact phone like every phone number.
 */
export async function prepareDevice(deps: IotDeps, actor: Actor, input: DeviceInput): Promise<NewDevice> {
  if (sensesHeat(input.kind) && !input.heatClass) throw iotErrors.heatClassRequired({ field: 'heatClass' });
  if (input.contactPhone && !isMobilePhone(input.contactPhone)) {
    throw coreErrors.invalid({
      field: 'contactPhone',
      params: { reason: { 'zh-CN': '应为 11 位手机号', en: 'must be an 11-digit mobile number' } },
    });
  }
  let place: { lng: number; lat: number; gridCode: string; gridPath: string; address: string };
  let venue: Awaited<ReturnType<typeof findVenue>>;
  if (input.venueId !== undefined) {
    venue = await findVenue(deps.ctx.db, input.venueId);
    if (!venue || !inScope(actor, venue.gridPath)) throw iotErrors.unknownVenue({ field: 'venueId' });
    place = {
      ...venue.location,
      gridCode: venue.gridCode,
      gridPath: venue.gridPath,
      address: input.address ?? venue.address,
    };
  } else if (input.buildingId !== undefined) {
    const b = await findBuildingPlace(deps.ctx.db, input.buildingId);
    if (!b || !inScope(actor, b.gridPath)) throw iotErrors.unknownBuilding({ field: 'buildingId' });
    place = { ...b, address: input.address ?? b.address };
  } else if (input.location) {
    const grid = deps.locator.findGrid(input.location.lng, input.location.lat, input.location.crs);
    if (!grid) throw iotErrors.outsideGrids({ field: 'location' });
    if (!inScope(actor, grid.path)) throw coreErrors.outOfScope();
    place = {
      lng: grid.wgs84[0],
      lat: grid.wgs84[1],
      gridCode: grid.code,
      gridPath: grid.path,
      address: input.address ?? '',
    };
  } else {
    throw iotErrors.placeRequired({ field: 'buildingId' });
  }
  return {
    code: input.code,
    kind: input.kind,
    heatClass: sensesHeat(input.kind) ? (input.heatClass ?? null) : null,
    heatMode: sensesHeat(input.kind) ? (input.heatMode ?? 'S') : null,
    buildingId: input.buildingId ?? venue?.buildingId ?? null,
    floor: input.floor ?? null,
    room: input.room ?? null,
    venueId: venue?.id ?? null,
    venueKind: venue ? (venue.nineSmallKind ?? venue.kind) : null,
    address: place.address,
    lng: place.lng,
    lat: place.lat,
    gridCode: place.gridCode,
    gridPath: place.gridPath,
    ownerName: input.ownerName,
    contactEnc: input.contactPhone ? deps.ctx.cipher.encrypt(input.contactPhone) : null,
    contactMasked: input.contactPhone ? maskPhone(input.contactPhone) : null,
    heartbeatSeconds: input.heartbeatSeconds ?? 3600,
    secretHash: '',
  };
}

export async function registerDevice(
  deps: IotDeps,
  actor: Actor,
  input: DeviceInput,
  announce: (code: string) => Promise<void>,
): Promise<{ id: number; code: string; secret: string }> {
  const device = await prepareDevice(deps, actor, input);
  const secret = newSecret();
  device.secretHash = hashSecret(secret);
  const id = await deps.ctx.db.transaction(async (tx) => {
    const [row] = await insertDevices(tx, [device]);
    if (!row) throw iotErrors.duplicateCode({ field: 'code', params: { code: input.code } });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'iot.device_registered',
      subject: `device:${row.id}`,
      detail: { code: input.code, kind: input.kind },
    });
    return row.id;
  });
  await announce(input.code);
  return { id, code: input.code, secret };
}
