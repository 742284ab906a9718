import gcoordModule from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/id-number.js';
import { squareAround, startTestApp, type TestApp } from '../../../test/support.js';

const gcoord = gcoordModule as unknown as {
  transform(input: [number, number], from: string, to: string): [number, number];
};

let t: TestApp;
let resident: string;
let community: string;
let grid: { code: string; name: string; centre: [number, number] };
let emptyGrid: { code: string; name: string; centre: [number, number] };
let otherStreetGrid: string;
const BUILDINGS = 22;
const SPACING = 0.0003;

const call = (url: string, cookie?: string, ip = '10.9.0.1') =>
  t.app.inject({ url, remoteAddress: ip, headers: cookie ? { cookie } : {} });
const at = ([lng, lat]: [number, number], cookie = resident) =>
  call(`/api/registry/places/at?lng=${lng}&lat=${lat}`, cookie);
/** The n-th building of the estate stands in a row east of the grid's centre. */
const spot = (n: number): [number, number] => [grid.centre[0] + n * SPACING, grid.centre[1]];

async function gridOf(code: string) {
  const res = await t.app.inject({ url: `/api/geo/grids/${code}`, headers: { cookie: t.adminCookie } });
  const g = res.json().grid;
  return { code, name: g.name as string, centre: g.centroid as [number, number] };
}

async function gridCodes(community: string): Promise<string[]> {
  const res = await t.app.inject({
    url: `/api/geo/regions/${community}/grids`,
    headers: { cookie: t.adminCookie },
  });
  return res.json().features.map((f: { properties: { code: string } }) => f.properties.code);
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const [first, second] = await gridCodes('370983002001');
  grid = await gridOf(first as string);
  emptyGrid = await gridOf(second as string);
  otherStreetGrid = (await gridCodes('370983001001'))[0] as string;
  resident = await t.userCookie('resident', '370983', 'places.resident');
  community = await t.userCookie('community_staff', '370983002001', 'places.cs');
  for (let n = 0; n < BUILDINGS; n++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/registry/buildings',
      headers: { cookie: community },
      payload: {
        name: `${n + 1} 栋`,
        address: `肥城市新城路 12 号 ${n + 1} 栋`,
        compound: '幸福里小区',
        footprint: squareAround(spot(n), 0.0001),
        floors: 6,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    if (n === 0) {
      const hh = await t.app.inject({
        method: 'POST',
        url: `/api/registry/buildings/${res.json().id}/households`,
        headers: { cookie: community },
        payload: { unit: '1', room: '101', use: 'owner_occupied' },
      });
      const person = await t.app.inject({
        method: 'POST',
        url: '/api/registry/people',
        headers: { cookie: community },
        payload: {
          name: '王建国',
          idNumber: `37098319800101123${checkCharacter('37098319800101123')}`,
          phone: '13905381234',
          householdId: hh.json().id,
          registered: true,
        },
      });
      expect(person.statusCode, person.body).toBe(201);
    }
  }
});
afterAll(async () => t?.stop());

describe('where a point is, in words (reverse geocode)', () => {
  it('names the building a point falls in, its compound and address, and the grid', async () => {
    const res = await at(spot(2));
    expect(res.statusCode, res.body).toBe(200);
    const place = res.json();
    expect(place.grid).toEqual({ code: grid.code, name: grid.name });
    expect(place.building).toMatchObject({
      name: '3 栋',
      address: '肥城市新城路 12 号 3 栋',
      compound: '幸福里小区',
      inside: true,
      metres: 0,
    });
    // district, street, community and the compound the grid hangs under, by name
    expect(place.areas.slice(0, 3)).toEqual(['肥城市', '老城街道', '南关居委会']);
    expect(place.areas).toHaveLength(4);
  });

  it('takes a Chinese map app’s GCJ-02 point to the same building', async () => {
    const [lng, lat] = gcoord.transform(spot(4), 'WGS84', 'GCJ02');
    const res = await call(`/api/registry/places/at?lng=${lng}&lat=${lat}&crs=gcj02`, resident);
    expect(res.json().building).toMatchObject({ name: '5 栋', inside: true });
  });

  it('beside a wall gives the nearest building and how far; far from any, only the grid', async () => {
    // about 30 m south of the first building's wall
    const beside = await at([spot(0)[0], spot(0)[1] - 0.0001 - 0.00027]);
    expect(beside.json().building).toMatchObject({ name: '1 栋', inside: false });
    expect(beside.json().building.metres).toBeGreaterThan(20);
    expect(beside.json().building.metres).toBeLessThan(40);

    const far = (await at(emptyGrid.centre)).json();
    expect(far.building).toBeNull();
    expect(far.grid).toEqual({ code: emptyGrid.code, name: emptyGrid.name });
  });

  it('outside every grid there is neither grid nor building', async () => {
    expect((await at([100, 30])).json()).toEqual({ grid: null, areas: [], building: null });
  });

  it('refuses a point off the globe by field, and someone not signed in', async () => {
    const bad = await call('/api/registry/places/at?lng=200&lat=36', resident);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('lng');
    expect((await call(`/api/registry/places/at?lng=${spot(0)[0]}&lat=${spot(0)[1]}`)).statusCode).toBe(401);
  });
});

describe('finding a compound or building by name', () => {
  it('gives the compound first, then its buildings, at most 20, each with its grid and a point on it', async () => {
    const res = await call(`/api/registry/places?q=${encodeURIComponent('幸福里')}`, resident);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(20);
    expect(items[0]).toMatchObject({ kind: 'compound', name: '幸福里小区', gridName: grid.name });
    expect(items[1]).toMatchObject({ kind: 'building', name: '1 栋', compound: '幸福里小区', gridName: grid.name });
    // the point it hands back is on that building, so a report filed there lands in it
    const back = (await at([items[1].lng, items[1].lat])).json();
    expect(back.building).toMatchObject({ name: '1 栋', inside: true });
    const few = await call(`/api/registry/places?q=${encodeURIComponent('幸福里')}&limit=5`, resident);
    expect(few.json().items).toHaveLength(5);
    const many = await call(`/api/registry/places?q=${encodeURIComponent('幸福里')}&limit=500`, resident);
    expect(many.statusCode).toBe(400);
    expect(many.json().error.field).toBe('limit');
  });

  it('matches the address too, those that begin with the words first', async () => {
    const items = (await call(`/api/registry/places?q=${encodeURIComponent('12 号 7 栋')}`, resident)).json().items;
    expect(items.map((i: { name: string }) => i.name)).toEqual(['7 栋']);
    const starting = (await call(`/api/registry/places?q=${encodeURIComponent('2 栋')}`, resident)).json().items;
    expect(starting[0].name).toBe('2 栋');
    expect(starting.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['12 栋', '22 栋']));
  });

  it('never finds or returns people or households', async () => {
    expect((await call(`/api/registry/places?q=${encodeURIComponent('王建国')}`, resident)).json().items).toEqual([]);
    const res = await call(`/api/registry/places?q=${encodeURIComponent('1 栋')}`, resident);
    expect(res.body).not.toMatch(/王建国|1390538|households|people/);
    expect(Object.keys(res.json().items[0]).sort()).toEqual(
      ['address', 'compound', 'gridName', 'id', 'kind', 'lat', 'lng', 'name'].sort(),
    );
  });
});

describe('from a grid’s QR code, without an account', () => {
  const open = (code: string, q: string, ip = '10.9.1.1') =>
    call(`/api/registry/grids/${code}/places?q=${encodeURIComponent(q)}`, undefined, ip);

  it('finds the places of the grid’s street only', async () => {
    expect((await open(emptyGrid.code, '幸福里')).json().items).toHaveLength(20);
    expect((await open(otherStreetGrid, '幸福里')).json().items).toEqual([]);
    const here = await call(`/api/registry/grids/${grid.code}/places/at?lng=${spot(0)[0]}&lat=${spot(0)[1]}`);
    expect(here.json().building).toMatchObject({ name: '1 栋', compound: '幸福里小区' });
    const elsewhere = await call(
      `/api/registry/grids/${otherStreetGrid}/places/at?lng=${spot(0)[0]}&lat=${spot(0)[1]}`,
    );
    expect(elsewhere.json()).toMatchObject({ grid: { name: grid.name }, building: null });
  });

  it('refuses a grid that does not exist by field', async () => {
    const res = await open('370983999999999', '幸福里');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'registry.unknown_region', field: 'code' });
  });

  it('limits how often one address may ask', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await open(grid.code, '栋', '10.9.2.1')).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await open(grid.code, '栋', '10.9.2.2')).statusCode).toBe(200);
  });
});
