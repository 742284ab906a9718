import seedrandom from 'seedrandom';
import { listDistrictsAndStreets } from '../../geo/index.js';
import { seedDemoMembers } from '../../identity/index.js';
import { listBuildingPlaces, listVenuePlaces } from '../../registry/index.js';
import { insertDevices, type NewDevice } from '../db/iot.repository.js';
import type { DeviceKind } from '../domain/devices.js';
import { hashSecret } from '../ingest/ingestor.js';
import type { IotDeps } from '../iot.deps.js';
import { recordFireCentres } from './fire-centres.js';
import { newSecret } from './register-device.js';

const CENTRE_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];
/** Staff of each demo centre: the people a confirmed fire in its area reaches. */
const CENTRE_STAFF = 3;

/**
 * Demo fire safety for one district, synthetic like the rest of the demo: six fire service centres (the seed's
 * 雨花台区 has six) spread over its buildings, and in every demo building two smoke detectors on each of its lower
 * floors, a rate-of-rise heat detector on the ground floor, and in every fourth an e-bike charging monitor and an
 * electrical fire monitor, and a smoke detector in every nine-small venue. Device secrets are random and not kept: a demo device is driven through the service account.
 */
export async function seedDemoIot(
  deps: IotDeps,
  opts: { districtCode: string; seed: string; floorsCovered?: number },
): Promise<{ centres: number; devices: number; centreStaff: number }> {
  const rng = seedrandom(`${opts.seed}:iot:${opts.districtCode}`);
  const district = (await listDistrictsAndStreets(deps.ctx.db)).find((r) => r.code === opts.districtCode);
  if (!district) return { centres: 0, devices: 0, centreStaff: 0 };
  const buildings = await listBuildingPlaces(deps.ctx.db, district.path);
  if (!buildings.length) return { centres: 0, devices: 0, centreStaff: 0 };
  const step = Math.max(1, Math.floor(buildings.length / CENTRE_LETTERS.length));
  const centres = CENTRE_LETTERS.map((letter, i) => {
    const b = buildings[Math.min(buildings.length - 1, i * step + Math.floor(step / 2))] ?? buildings[0];
    return {
      orgCode: `${opts.districtCode}-fire_centre_${letter}`,
      name: `${district.name}第${i + 1}智慧消防服务中心`,
      districtPath: district.path,
      lng: b?.lng ?? 0,
      lat: b?.lat ?? 0,
    };
  });
  const secretHash = hashSecret(newSecret());
  const devices: NewDevice[] = [];
  const add = (
    b: (typeof buildings)[number],
    n: number,
    kind: DeviceKind,
    floor: number,
    extra: Partial<NewDevice> = {},
  ) =>
    devices.push({
      code: demoDeviceCode(b.id, floor, n),
      kind,
      heatClass: null,
      heatMode: null,
      buildingId: b.id,
      floor,
      room: null,
      venueId: null,
      venueKind: null,
      address: b.address,
      lng: b.lng,
      lat: b.lat,
      gridCode: b.gridCode,
      gridPath: b.gridPath,
      ownerName: `${b.name}物业（演示）`,
      contactEnc: null,
      contactMasked: null,
      heartbeatSeconds: 3600,
      secretHash,
      ...extra,
    });
  for (const [i, b] of buildings.entries()) {
    const floors = Math.min(b.floors, opts.floorsCovered ?? 3);
    for (let f = 1; f <= floors; f++) {
      add(b, 1, 'smoke', f);
      add(b, 2, 'smoke', f);
    }
    add(b, 3, 'heat', 1, { heatClass: rng() < 0.7 ? 'A2' : 'B', heatMode: 'R' });
    if (i % 4 === 0) {
      add(b, 4, 'ebike_charger', 1);
      add(b, 5, 'electrical', 1);
    }
  }
  // every nine-small venue gets a detector of its own, so the statistics can compare venue kinds
  for (const v of await listVenuePlaces(deps.ctx.db, district.path)) {
    if (v.kind !== 'nine_small') continue;
    devices.push({
      code: `V${String(v.id).padStart(6, '0')}N1`,
      kind: 'smoke',
      heatClass: null,
      heatMode: null,
      buildingId: v.buildingId,
      floor: null,
      room: null,
      venueId: v.id,
      venueKind: v.nineSmallKind,
      address: v.address,
      lng: v.location.lng,
      lat: v.location.lat,
      gridCode: v.gridCode,
      gridPath: v.gridPath,
      ownerName: v.ownerName ?? `${v.name}（演示）`,
      contactEnc: null,
      contactMasked: null,
      heartbeatSeconds: 3600,
      secretHash,
    });
  }
  await deps.ctx.db.transaction(async (tx) => {
    await recordFireCentres(tx, centres);
    for (let i = 0; i < devices.length; i += 5000) await insertDevices(tx, devices.slice(i, i + 5000));
  });
  const centreStaff = await seedDemoMembers(
    deps.ctx.db,
    centres.map((c) => ({ code: c.orgCode, regionPath: c.districtPath })),
    { perOrg: CENTRE_STAFF, seed: opts.seed },
  );
  return { centres: centres.length, devices: devices.length, centreStaff };
}

/** Demo device codes say where they are, so the simulator can stage a fire on one floor: D<building>F<floor>N<n>. */
export const demoDeviceCode = (buildingId: number, floor: number, n: number) =>
  `D${String(buildingId).padStart(6, '0')}F${String(floor).padStart(2, '0')}N${n}`;
