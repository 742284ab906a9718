import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import seedrandom from 'seedrandom';
import { maskPhone } from '../../../core/crypto.js';
import type { Queryable } from '../../../core/db.js';
import { checkCharacter, maskIdNumber, sexOf } from '../../../core/id-number.js';
import type { ModuleContext } from '../../../core/module.js';
import { gridShapes, syntheticName } from '../../geo/index.js';
import { insertBuilding } from '../db/buildings.repository.js';
import { insertHouseholds } from '../db/households.repository.js';
import { insertPeople, insertTagsBulk, type NewPerson } from '../db/people.repository.js';
import { insertFacility, insertVenue } from '../db/things.repository.js';
import { ageTags, type PersonTag } from '../domain/tags.js';
import {
  NINE_SMALL_KINDS,
  NINE_SMALL_LABELS,
  type NineSmallKind,
  VENUE_KIND_LABELS,
  type VenueKind,
} from '../domain/things.js';

type Grid = Awaited<ReturnType<typeof gridShapes>>[number];

export interface DemoScale {
  buildingsPerGrid: number;
  householdsPerBuilding: number;
  /** The share of buildings that are affordable housing (保障房). */
  affordableShare: number;
}

/**
 * small: enough to look around in on `npm start` (about 2,200 buildings and 16,000 residents, seeded in seconds).
 * district: 雨花台区's size — about 600,000 residents, 286,000 of them in affordable housing (the seed article's
 * figures), for the bench and for trying the console at scale on a PostgreSQL server.
 */
export const DEMO_SCALES = {
  small: { buildingsPerGrid: 2, householdsPerBuilding: 3, affordableShare: 0.45 },
  district: { buildingsPerGrid: 8, householdsPerBuilding: 28, affordableShare: 286 / 600 },
} satisfies Record<string, DemoScale>;

const UNITS_PER_BUILDING = 2;
const PEOPLE_BATCH = 500;
type Placed = { id: number; centre: [number, number]; grid: Grid };

/**
 * Demo buildings, residents, venues and facilities for one district: synthetic, and plainly so (every phone number
 * starts 170 0000, a range no operator assigns to people here; every venue is called 示例…), realistic in mix — ages,
 * floating share, tags; small venues of most kinds, shops and enterprises where there is commerce, e-bike chargers
 * and sheds beside the housing, hydrants along the streets. Deterministic from the seed. Buildings are 12 × 30 m
 * slabs placed inside residential and commercial grids.
 */
export async function seedDemoRegistry(
  ctx: Pick<ModuleContext, 'db' | 'cipher'>,
  opts: { districtCode: string; seed: string } & DemoScale,
): Promise<{ buildings: number; people: number; venues: number; facilities: number }> {
  const rng = seedrandom(`${opts.seed}:registry:${opts.districtCode}`);
  const grids = (await gridShapes(ctx.db, opts.districtCode)).filter(
    (g) => g.kind === 'residential' || g.kind === 'commercial',
  );
  let buildings = 0;
  let serial = 0;
  let registered = 0;
  let people: { person: NewPerson; tags: PersonTag[] }[] = [];
  const placed: Placed[] = [];
  let things = { venues: 0, facilities: 0 };
  await ctx.db.transaction(async (tx) => {
    // written as they come, so a district's worth of residents never waits in memory at once
    const flushPeople = async () => {
      const inserted = new Map(
        (
          await insertPeople(
            tx,
            people.map((p) => p.person),
          )
        ).map((r) => [r.idNumberHash, r.id]),
      );
      registered += inserted.size;
      await insertTagsBulk(
        tx,
        people.flatMap((p) => {
          const id = inserted.get(p.person.idNumberHash);
          return id ? p.tags.map((tag) => ({ personId: id, tag })) : [];
        }),
        0,
      );
      people = [];
    };
    for (const grid of grids) {
      const ring = grid.geometry.coordinates[0]?.[0] ?? [];
      const xs = ring.map((p) => p[0] as number);
      const ys = ring.map((p) => p[1] as number);
      for (let b = 0; b < opts.buildingsPerGrid; b++) {
        let centre: [number, number] | undefined;
        for (let tries = 0; tries < 20 && !centre; tries++) {
          const p: [number, number] = [
            Math.min(...xs) + rng() * (Math.max(...xs) - Math.min(...xs)),
            Math.min(...ys) + rng() * (Math.max(...ys) - Math.min(...ys)),
          ];
          if (booleanPointInPolygon(p, grid.geometry as never)) centre = p;
        }
        if (!centre) continue;
        const floors = grid.kind === 'commercial' ? 3 + Math.floor(rng() * 20) : 6 + Math.floor(rng() * 28);
        const dx = 0.00016;
        const dy = 0.00006;
        const [x, y] = centre;
        const id = await insertBuilding(tx, {
          name: `${b + 1} 栋`,
          address: `${grid.code} 网格 ${b + 1} 栋`,
          // a compound of up to eight buildings, as the estates here are laid out
          compound: grid.kind === 'residential' ? `示例${grid.code.slice(-3)}-${Math.floor(b / 8) + 1}小区` : null,
          footprint: {
            type: 'Polygon',
            coordinates: [
              [
                [x - dx, y - dy],
                [x + dx, y - dy],
                [x + dx, y + dy],
                [x - dx, y + dy],
                [x - dx, y - dy],
              ],
            ],
          },
          floors,
          heightM: floors * 3,
          affordableType:
            rng() < opts.affordableShare
              ? ((['public_rental', 'resettlement', 'shared_ownership'] as const)[Math.floor(rng() * 3)] ?? null)
              : null,
          gridCode: grid.code,
          gridPath: grid.path,
        });
        buildings++;
        placed.push({ id, centre, grid });
        const roomsPerFloor = Math.max(2, Math.ceil(opts.householdsPerBuilding / UNITS_PER_BUILDING / floors));
        const households = await insertHouseholds(
          tx,
          Array.from({ length: opts.householdsPerBuilding }, (_, h) => {
            const k = Math.floor(h / UNITS_PER_BUILDING);
            return {
              buildingId: id,
              unit: String(1 + (h % UNITS_PER_BUILDING)),
              room: `${1 + Math.floor(k / roomsPerFloor)}${String(1 + (k % roomsPerFloor)).padStart(2, '0')}`,
              use: rng() < 0.3 ? 'rented' : 'owner_occupied',
            };
          }),
        );
        for (const { id: household } of households) {
          const size = 1 + Math.floor(rng() * 4);
          for (let k = 0; k < size; k++) {
            serial++;
            const year = 1935 + Math.floor(rng() * 88);
            const birth = `${year}${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
            const first17 = `${opts.districtCode}${birth}${String(serial % 1000).padStart(3, '0')}`;
            const idNumber = first17 + checkCharacter(first17);
            const phone = `1700000${String(serial % 10000).padStart(4, '0')}`;
            const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
            const tags: PersonTag[] = [...ageTags(birthDate)];
            if (tags.includes('elderly') && rng() < 0.15) tags.push('living_alone');
            if (rng() < 0.08) tags.push('party_member');
            if (rng() < 0.02) tags.push('disabled');
            if (!tags.includes('elderly') && !tags.includes('minor') && rng() < 0.06)
              tags.push((['rider', 'courier', 'ride_hailing_driver'] as const)[Math.floor(rng() * 3)] as PersonTag);
            people.push({
              tags,
              person: {
                name: syntheticName(rng),
                idNumberEnc: ctx.cipher.encrypt(idNumber),
                idNumberHash: ctx.cipher.searchHash(idNumber),
                idNumberMasked: maskIdNumber(idNumber),
                phoneEnc: ctx.cipher.encrypt(phone),
                phoneHash: ctx.cipher.searchHash(phone),
                phoneMasked: maskPhone(phone),
                birthDate,
                sex: sexOf(idNumber),
                householdId: household,
                // the seed: permanent to floating residents close to 1:2 in affordable housing
                registered: rng() < 0.45,
                gridPath: grid.path,
              },
            });
          }
          if (people.length >= PEOPLE_BATCH) await flushPeople();
        }
      }
    }
    await flushPeople();
    // a stream of its own, so adding things changed none of the buildings and people an existing seed gives
    things = await seedThings(ctx, tx, seedrandom(`${opts.seed}:things:${opts.districtCode}`), grids, placed);
  });
  return { buildings, people: registered, ...things };
}

/** A random point of the grid, or nothing after a few misses (a thin grid). */
function pointIn(rng: () => number, grid: Grid): [number, number] | undefined {
  const ring = grid.geometry.coordinates[0]?.[0] ?? [];
  const xs = ring.map((p) => p[0] as number);
  const ys = ring.map((p) => p[1] as number);
  for (let tries = 0; tries < 20; tries++) {
    const p: [number, number] = [
      Math.min(...xs) + rng() * (Math.max(...xs) - Math.min(...xs)),
      Math.min(...ys) + rng() * (Math.max(...ys) - Math.min(...ys)),
    ];
    if (booleanPointInPolygon(p, grid.geometry as never)) return p;
  }
  return undefined;
}

/** About 20 m away from a point, staying in the grid; the point itself where the grid's edge is too close. */
function beside(rng: () => number, [x, y]: [number, number], grid: Grid): [number, number] {
  const p: [number, number] = [x + (rng() - 0.5) * 0.0004, y + (rng() - 0.5) * 0.0004];
  return booleanPointInPolygon(p, grid.geometry as never) ? p : [x, y];
}

/** Small venues everywhere people live or trade; enterprises where there is commerce, schools among the housing. */
const COMMERCIAL_MIX: [VenueKind, number][] = [
  ['nine_small', 0.55],
  ['shop', 0.25],
  ['enterprise', 0.15],
  ['other', 0.05],
];
const RESIDENTIAL_MIX: [VenueKind, number][] = [
  ['nine_small', 0.7],
  ['shop', 0.2],
  ['school', 0.1],
];

function weighted<T>(rng: () => number, mix: [T, number][]): T {
  let r = rng();
  for (const [value, weight] of mix) {
    r -= weight;
    if (r < 0) return value;
  }
  return (mix.at(-1) as [T, number])[0];
}

async function seedThings(
  ctx: Pick<ModuleContext, 'cipher'>,
  tx: Queryable,
  rng: () => number,
  grids: Grid[],
  placed: Placed[],
): Promise<{ venues: number; facilities: number }> {
  let venues = 0;
  let facilities = 0;
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)] as T;
  for (const grid of grids) {
    const count = grid.kind === 'commercial' ? 6 : 2;
    for (let v = 0; v < count; v++) {
      const location = pointIn(rng, grid);
      if (!location) continue;
      const kind = weighted(rng, grid.kind === 'commercial' ? COMMERCIAL_MIX : RESIDENTIAL_MIX);
      const nineSmallKind: NineSmallKind | null = kind === 'nine_small' ? pick(NINE_SMALL_KINDS) : null;
      venues++;
      const label = (nineSmallKind ? NINE_SMALL_LABELS[nineSmallKind] : VENUE_KIND_LABELS[kind])['zh-CN'].replace(
        /（.*）/,
        '',
      );
      const phone = `1700000${String(venues % 10000).padStart(4, '0')}`;
      await insertVenue(tx, {
        name: `示例${label} ${venues} 号`,
        kind,
        nineSmallKind,
        address: `${grid.code} 网格 示例路 ${v + 1} 号`,
        lng: location[0],
        lat: location[1],
        buildingId: null,
        ownerName: syntheticName(rng),
        contactPhoneEnc: ctx.cipher.encrypt(phone),
        contactPhoneMasked: maskPhone(phone),
        creditCode: null,
        gridCode: grid.code,
        gridPath: grid.path,
      });
    }
    for (let h = 0; h < 2; h++) {
      const location = pointIn(rng, grid);
      if (!location) continue;
      facilities++;
      await insertFacility(tx, {
        kind: 'fire_hydrant',
        name: `示例消防栓 ${facilities} 号`,
        lng: location[0],
        lat: location[1],
        buildingId: null,
        venueId: null,
        ownerName: null,
        status: rng() < 0.05 ? 'out_of_service' : 'in_service',
        gridCode: grid.code,
        gridPath: grid.path,
      });
    }
  }
  for (const b of placed) {
    if (b.grid.kind !== 'residential' || rng() < 0.4) continue;
    const location = beside(rng, b.centre, b.grid);
    const kind = rng() < 0.5 ? 'ebike_charger' : 'ebike_shed';
    facilities++;
    await insertFacility(tx, {
      kind,
      name: `示例${kind === 'ebike_charger' ? '充电桩' : '车棚'} ${facilities} 号`,
      lng: location[0],
      lat: location[1],
      buildingId: b.id,
      venueId: null,
      ownerName: null,
      status: 'in_service',
      gridCode: b.grid.code,
      gridPath: b.grid.path,
    });
  }
  return { venues, facilities };
}
