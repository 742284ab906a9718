import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import seedrandom from 'seedrandom';
import { maskPhone } from '../../../core/crypto.js';
import type { ModuleContext } from '../../../core/module.js';
import { gridShapes, syntheticName } from '../../geo/index.js';
import {
  insertBuilding,
  insertHousehold,
  insertPeople,
  insertTagsBulk,
  type NewPerson,
} from '../db/registry.repository.js';
import { checkCharacter, maskIdNumber, sexOf } from '../domain/id-number.js';
import { ageTags, type PersonTag } from '../domain/tags.js';

/**
 * Demo buildings and residents for one district: synthetic, and plainly so (every phone number starts 170 0000,
 * a range no operator assigns to people here), realistic in mix — ages, floating share, tags.
 * Deterministic from the seed. Buildings are 12 × 30 m slabs placed inside residential and commercial grids.
 */
export async function seedDemoRegistry(
  ctx: Pick<ModuleContext, 'db' | 'cipher'>,
  opts: { districtCode: string; buildingsPerGrid: number; seed: string },
): Promise<{ buildings: number; people: number }> {
  const rng = seedrandom(`${opts.seed}:registry:${opts.districtCode}`);
  const grids = (await gridShapes(ctx.db, opts.districtCode)).filter(
    (g) => g.kind === 'residential' || g.kind === 'commercial',
  );
  let buildings = 0;
  let serial = 0;
  let registered = 0;
  const people: { person: NewPerson; tags: PersonTag[] }[] = [];
  await ctx.db.transaction(async (tx) => {
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
          compound: null,
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
            rng() < 0.45
              ? ((['public_rental', 'resettlement', 'shared_ownership'] as const)[Math.floor(rng() * 3)] ?? null)
              : null,
          gridCode: grid.code,
          gridPath: grid.path,
        });
        buildings++;
        for (let h = 0; h < 3; h++) {
          const household = await insertHousehold(tx, {
            buildingId: id,
            unit: '1',
            room: `${1 + Math.floor(rng() * floors)}0${h + 1}`,
            use: rng() < 0.3 ? 'rented' : 'owner_occupied',
          });
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
                householdId: household ?? null,
                // the seed: permanent to floating residents close to 1:2 in affordable housing
                registered: rng() < 0.45,
                gridPath: grid.path,
              },
            });
          }
        }
      }
    }
    for (let i = 0; i < people.length; i += 500) {
      const batch = people.slice(i, i + 500);
      const inserted = new Map(
        (
          await insertPeople(
            tx,
            batch.map((p) => p.person),
          )
        ).map((r) => [r.idNumberHash, r.id]),
      );
      registered += inserted.size;
      await insertTagsBulk(
        tx,
        batch.flatMap((p) => {
          const id = inserted.get(p.person.idNumberHash);
          return id ? p.tags.map((tag) => ({ personId: id, tag })) : [];
        }),
        0,
      );
    }
  });
  return { buildings, people: registered };
}
