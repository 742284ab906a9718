import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { DEMO_SCALES, seedDemoRegistry } from '../commands/seed-demo-registry.js';

let t: TestApp;
let seeded: { buildings: number; people: number; venues: number; facilities: number };
beforeAll(async () => {
  t = await startTestApp({ grids: ['320114'] });
  seeded = await seedDemoRegistry(t.ctx, {
    districtCode: '320114',
    seed: 'test',
    ...DEMO_SCALES.small,
    buildingsPerGrid: 1,
  });
  // a district's worth of synthetic residents, sealed one by one, on a two-core machine busy with other test files
}, 600_000);
afterAll(async () => t?.stop());

describe('demo buildings and residents', () => {
  it('puts every building inside the grid it is filed under', async () => {
    expect(seeded.buildings).toBeGreaterThan(500);
    const [outside] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registry_buildings b JOIN geo_grids g ON g.code = b.grid_code
       WHERE NOT ST_Within(ST_Centroid(b.footprint), g.geom)`,
    );
    expect(outside?.n).toBe(0);
  });

  it('groups residential buildings into compounds and lays households out by unit and floor', async () => {
    const compounds = (
      await t.app.inject({ url: '/api/registry/compounds?regionCode=320114', headers: { cookie: t.adminCookie } })
    ).json().items;
    expect(compounds.length).toBeGreaterThan(100);
    expect(compounds[0].name).toMatch(/^示例.*小区$/);
    const [first] =
      compounds[0].buildingList ??
      (
        await t.app.inject({ url: `/api/registry/compounds/${compounds[0].id}`, headers: { cookie: t.adminCookie } })
      ).json().buildingList;
    const { units } = (
      await t.app.inject({ url: `/api/registry/buildings/${first.id}/households`, headers: { cookie: t.adminCookie } })
    ).json();
    expect(units.map((u: { name: string }) => u.name)).toEqual(['1', '2']);
    expect(units[0].households[0].room).toBe('101');
  });

  it('makes a realistic mix of synthetic residents, sealed like real ones', async () => {
    const glance = (
      await t.app.inject({ url: '/api/registry/summary?regionCode=320114', headers: { cookie: t.adminCookie } })
    ).json();
    expect(glance.people).toBe(seeded.people);
    expect(glance.people).toBeGreaterThan(1500);
    const elderlyShare = glance.byTag.elderly / glance.people;
    expect(elderlyShare).toBeGreaterThan(0.15);
    expect(elderlyShare).toBeLessThan(0.5);
    expect(glance.floating / glance.people).toBeGreaterThan(0.4);
    const rows = await t.db.query<{ row: string }>('SELECT p::text AS row FROM registry_people p LIMIT 200');
    for (const { row } of rows) expect(row).not.toMatch(/1700000\d{4}/);
  });

  it('adds venues of most small-venue kinds and facilities beside the housing, each inside its grid', async () => {
    const glance = (
      await t.app.inject({ url: '/api/registry/summary?regionCode=320114', headers: { cookie: t.adminCookie } })
    ).json();
    expect(glance).toMatchObject({ venues: seeded.venues, facilities: seeded.facilities });
    expect(seeded.venues).toBeGreaterThan(500);
    const [kinds] = await t.db.query<{ nineSmall: number; chargers: number; hydrants: number; outside: number }>(
      `SELECT (SELECT count(DISTINCT nine_small_kind)::int FROM registry_venues) AS "nineSmall",
         (SELECT count(*)::int FROM registry_facilities WHERE kind IN ('ebike_charger', 'ebike_shed') AND building_id IS NOT NULL) AS chargers,
         (SELECT count(*)::int FROM registry_facilities WHERE kind = 'fire_hydrant') AS hydrants,
         (SELECT count(*)::int FROM (SELECT location, grid_code FROM registry_venues
            UNION ALL SELECT location, grid_code FROM registry_facilities) x
          JOIN geo_grids g ON g.code = x.grid_code WHERE NOT ST_Intersects(x.location, g.geom)) AS outside`,
    );
    expect(kinds?.nineSmall).toBeGreaterThanOrEqual(7);
    expect(kinds?.chargers).toBeGreaterThan(100);
    expect(kinds?.hydrants).toBeGreaterThan(500);
    expect(kinds?.outside).toBe(0);
    const rows = await t.db.query<{ row: string }>('SELECT v::text AS row FROM registry_venues v LIMIT 200');
    for (const { row } of rows) expect(row).not.toMatch(/1700000\d{4}/);
  });
});
