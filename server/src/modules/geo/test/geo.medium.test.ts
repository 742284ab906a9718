import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { fromWgs84 } from '../domain/coords.js';

/** Real PostGIS (PGlite or server), real HTTP through app.inject, the whole demo seed. */
let t: TestApp;
let street: string;
let gridWorker: string;
let resident: string;
const FEICHENG = '370983';
const LAOCHENG = '370983002';

beforeAll(async () => {
  t = await startTestApp();
  street = await t.userCookie('street_staff', LAOCHENG);
  const [g] = await t.db.query<{ code: string }>(
    `SELECT code FROM geo_grids WHERE community_code LIKE '${LAOCHENG}%' ORDER BY code LIMIT 1`,
  );
  gridWorker = await t.userCookie('grid_worker', g?.code as string);
  resident = await t.userCookie('resident', FEICHENG);
});
afterAll(async () => t?.stop());

const get = (url: string, cookie?: string, lang?: string) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) },
  });

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

describe('the seeded divisions and grids', () => {
  it('has 3 districts, 33 streets/towns, 964 communities/villages and 2,076 grids in 肥城市', async () => {
    const [counts] = await t.db.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE level = 'district')::int AS districts,
              count(*) FILTER (WHERE level = 'street')::int AS streets,
              count(*) FILTER (WHERE level = 'community')::int AS communities FROM geo_regions`,
    );
    expect(counts).toEqual({ districts: 3, streets: 33, communities: 964 });
    const res = await get('/api/geo/regions', t.adminCookie);
    const items = res.json().items as { code: string; gridCount: number }[];
    expect(items.map((i) => i.code)).toEqual(['320114', '360111', '370983']);
    expect(items.find((i) => i.code === FEICHENG)?.gridCount).toBe(2076);
  });

  it('tiles each district: no overlapping grids and grids cover the boundary', async () => {
    const [overlap] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM geo_grids a JOIN geo_grids b
         ON a.code < b.code AND a.geom && b.geom AND left(a.code, 6) = '${FEICHENG}' AND left(b.code, 6) = '${FEICHENG}'
       WHERE ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1`,
    );
    expect(overlap?.n).toBe(0);
    const [cover] = await t.db.query<{ ratio: number }>(
      `SELECT ST_Area(ST_Union(g.geom)::geography) / ST_Area(d.boundary::geography) AS ratio
       FROM geo_grids g, geo_regions d WHERE d.code = '${FEICHENG}' AND left(g.code, 6) = d.code GROUP BY d.boundary`,
    );
    expect(cover?.ratio).toBeGreaterThan(0.995);
    expect(cover?.ratio).toBeLessThan(1.005);
  });

  it('resolves random points inside a district to exactly one grid, the same one PostGIS finds', async () => {
    const next = rng(42);
    let inside = 0;
    let outside = 0;
    for (let i = 0; i < 300; i++) {
      const lng = 116.45 + next() * 0.57;
      const lat = 35.86 + next() * 0.47;
      const [district] = await t.db.query<{ ok: boolean }>(
        `SELECT ST_Intersects(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326)) AS ok FROM geo_regions WHERE code = $3`,
        [lng, lat, FEICHENG],
      );
      const inDb = await t.db.query<{ code: string }>(
        'SELECT code FROM geo_grids WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))',
        [lng, lat],
      );
      const res = await get(`/api/geo/locate?lng=${lng}&lat=${lat}`, resident);
      const grid = res.json().grid as { code: string } | null;
      if (district?.ok) {
        inside++;
        expect(inDb).toHaveLength(1);
        expect(grid?.code).toBe(inDb[0]?.code);
      } else {
        outside++;
        expect(grid).toBeNull();
      }
    }
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(20);
  });

  it('accepts GCJ-02 and BD-09 coordinates and finds the same grid as WGS84', async () => {
    const wgs: [number, number] = [116.7712, 36.1791];
    const plain = (await get(`/api/geo/locate?lng=${wgs[0]}&lat=${wgs[1]}`, t.adminCookie)).json();
    expect(plain.grid).not.toBeNull();
    for (const crs of ['gcj02', 'bd09'] as const) {
      const [x, y] = fromWgs84(wgs[0], wgs[1], crs);
      expect(Math.abs(x - wgs[0]) + Math.abs(y - wgs[1])).toBeGreaterThan(0.001);
      const res = (await get(`/api/geo/locate?lng=${x}&lat=${y}&crs=${crs}`, t.adminCookie)).json();
      expect(res.grid.code).toBe(plain.grid.code);
      expect(res.chain.map((c: { level: string }) => c.level)).toEqual(['district', 'street', 'community']);
    }
  });

  it('shows a grid with its code, 四至, community and five-role team', async () => {
    const located = (await get('/api/geo/locate?lng=116.7712&lat=36.1791', t.adminCookie)).json();
    const res = await get(`/api/geo/grids/${located.grid.code}`, t.adminCookie);
    expect(res.statusCode).toBe(200);
    const { grid } = res.json();
    expect(grid.code).toMatch(/^370983\d{9}$/);
    expect(grid.boundsText).toMatch(/^东至.+，南至.+，西至.+，北至.+$/);
    expect(grid.communityName).toBeTruthy();
    expect(grid.districtName).toBe('肥城市');
    expect(grid.team.map((m: { role: string }) => m.role).slice(0, 4)).toEqual([
      'grid_leader',
      'grid_worker',
      'part_time_grid_worker',
      'police_officer',
    ]);
  });
});

describe('data scope', () => {
  it('a street staff user sees only their street', async () => {
    const top = (await get('/api/geo/regions', street)).json().items;
    expect(top.map((r: { code: string }) => r.code)).toEqual([LAOCHENG]);
    const district = await get(`/api/geo/regions/${FEICHENG}`, street);
    expect(district.statusCode).toBe(200);
    const children = (await get(`/api/geo/regions?parent=${FEICHENG}`, street)).json().items;
    expect(children.map((r: { code: string }) => r.code)).toEqual([LAOCHENG]);
    const grids = (await get(`/api/geo/regions/${FEICHENG}/grids`, street)).json().features;
    expect(grids.length).toBeGreaterThan(0);
    expect(grids.every((f: { properties: { code: string } }) => f.properties.code.startsWith(LAOCHENG))).toBe(true);
    const boundaries = (await get(`/api/geo/regions/${FEICHENG}/children-boundaries`, street)).json().features;
    expect(boundaries.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([LAOCHENG]);
    expect((await get('/api/geo/regions/370983001', street)).statusCode).toBe(403);
    expect((await get('/api/geo/regions/320114', street)).statusCode).toBe(403);
    const other = (await get('/api/geo/regions/370983001/grids', t.adminCookie)).json().features[0].properties.code;
    const denied = await get(`/api/geo/grids/${other}`, street);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('auth.out_of_scope');
  });

  it('a grid worker sees only their own grid', async () => {
    const grids = (await get(`/api/geo/regions/${FEICHENG}/grids`, gridWorker)).json().features;
    expect(grids).toHaveLength(1);
  });

  it('a resident may locate a point but sees no staff data', async () => {
    expect((await get('/api/geo/locate?lng=116.7712&lat=36.1791', resident)).statusCode).toBe(200);
    const code = (await get('/api/geo/locate?lng=116.7712&lat=36.1791', resident)).json().grid.code;
    for (const url of [
      '/api/geo/config',
      '/api/geo/regions',
      `/api/geo/regions/${FEICHENG}`,
      `/api/geo/regions/${FEICHENG}/grids`,
      `/api/geo/regions/${FEICHENG}/children-boundaries`,
      `/api/geo/grids/${code}`,
      '/api/identity/users',
    ]) {
      const res = await get(url, resident);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
  });

  it('names regions and grids by code for whoever is signed in, unknown codes left out', async () => {
    const [g] = await t.db.query<{ code: string; name: string }>(
      `SELECT code, name FROM geo_grids WHERE community_code LIKE '${LAOCHENG}%' ORDER BY code LIMIT 1`,
    );
    const res = await get(`/api/geo/names?codes=${FEICHENG},${LAOCHENG},${g?.code},999999`, resident);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().names).toEqual({ [FEICHENG]: '肥城市', [LAOCHENG]: '老城街道', [g?.code as string]: g?.name });
    const bad = await get('/api/geo/names?codes=abc', resident);
    expect(bad.json().error.field).toMatch(/^codes/);
    expect((await get(`/api/geo/names?codes=${FEICHENG}`)).statusCode).toBe(401);
  });

  it('nobody signed out gets anything', async () => {
    for (const url of [
      '/api/geo/config',
      '/api/geo/regions',
      `/api/geo/regions/${FEICHENG}/grids`,
      '/api/geo/locate?lng=116.7&lat=36.1',
    ]) {
      expect((await get(url)).statusCode, url).toBe(401);
    }
  });
});

describe('bad input', () => {
  it('names the field, in Chinese by default and in English on request', async () => {
    const zh = await get('/api/geo/locate?lng=200&lat=36', t.adminCookie);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({ code: 'validation.invalid', field: 'lng' });
    expect(zh.json().error.message).toContain('字段 lng');
    const en = await get('/api/geo/locate?lng=116&lat=abc', t.adminCookie, 'en-US,en;q=0.9');
    expect(en.json().error.field).toBe('lat');
    expect(en.json().error.message).toMatch(/^Field lat is invalid/);
    const crs = await get('/api/geo/locate?lng=116&lat=36&crs=mars', t.adminCookie);
    expect(crs.json().error.field).toBe('crs');
  });

  it('refuses unknown and malformed region codes', async () => {
    const unknown = await get('/api/geo/regions?parent=999999', t.adminCookie);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'geo.unknown_region', field: 'parent' });
    const malformed = await get('/api/geo/regions/abc', t.adminCookie);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.field).toBe('code');
    expect((await get('/api/geo/regions/999999', t.adminCookie)).statusCode).toBe(404);
  });
});

const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
if (!existsSync(CJK_FONT))
  console.warn(`[shanzhi tests] grid poster test skipped: no CJK font at ${CJK_FONT} (apt-get install fonts-noto-cjk)`);

describe.skipIf(!existsSync(CJK_FONT))('grid station poster', () => {
  it('prints an A4 PDF for a grid in scope and refuses one outside it', async () => {
    const mine = (await get(`/api/geo/regions/${LAOCHENG}/grids`, street)).json().features[0].properties.code;
    const res = await get(`/api/geo/grids/${mine}/poster.pdf`, street);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.body).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(res.rawPayload.length).toBeGreaterThan(5_000);
    const other = (await get('/api/geo/regions/370983001/grids', t.adminCookie)).json().features[0].properties.code;
    expect((await get(`/api/geo/grids/${other}/poster.pdf`, street)).statusCode).toBe(403);
  });
});
