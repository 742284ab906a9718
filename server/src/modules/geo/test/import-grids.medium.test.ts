import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { GRIDS_CHANGED_CHANNEL, GridLocator } from '../queries/locate-point.js';

let t: TestApp;
let community: string;
let interiorGrid: string;
let features: Feature[];

interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown> & { code: string };
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  // a grid that touches nothing outside its community: leaving it out opens a hole
  const [row] = await t.db.query<{ code: string; community: string }>(
    `SELECT g.code, g.community_code AS community FROM geo_grids g JOIN geo_regions c ON c.code = g.community_code
     WHERE NOT ST_Intersects(ST_Boundary(c.boundary), g.geom) ORDER BY g.code LIMIT 1`,
  );
  interiorGrid = row?.code as string;
  community = row?.community as string;
  features = (await get(`/api/geo/regions/${community}/grids`)).json().features;
});
afterAll(async () => t?.stop());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: t.adminCookie } });
const importGrids = (body: unknown, cookie = t.adminCookie) =>
  t.app.inject({ method: 'POST', url: '/api/geo/grids/import', headers: { cookie }, payload: body as object });
const fc = (fs: Feature[]) => ({ type: 'FeatureCollection', features: fs });
const snapshot = async () =>
  t.db.query('SELECT code, name, merged_into, ST_AsText(geom) AS wkt FROM geo_grids ORDER BY code');

describe('grid import', () => {
  it('reports overlaps, gaps and grids outside the district with their codes, and changes nothing', async () => {
    const before = await snapshot();
    const located = (await get(`/api/geo/grids/${interiorGrid}`)).json().grid.centroid as [number, number];

    const [a, b] = features.filter((f) => f.properties.code !== interiorGrid);
    const overlapping = features.map((f) => (f === b ? { ...f, geometry: (a as Feature).geometry } : f));
    const overlap = await importGrids(fc(overlapping));
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error).toMatchObject({ code: 'geo.import_rejected', field: 'features' });
    const problems = overlap.json().error.details as { problem: string; grids: string[] }[];
    expect(problems).toContainEqual(
      expect.objectContaining({ problem: 'overlap', grids: [a?.properties.code, b?.properties.code].sort() }),
    );

    const gap = await importGrids(fc(features.filter((f) => f.properties.code !== interiorGrid)));
    expect(gap.statusCode).toBe(400);
    const gapProblem = (gap.json().error.details as { problem: string; grids: string[] }[]).find(
      (p) => p.problem === 'gap',
    );
    expect(gapProblem?.grids.length).toBeGreaterThan(1);

    const shift = (coords: unknown): unknown =>
      Array.isArray(coords) && typeof coords[0] === 'number'
        ? [coords[0] + 1, coords[1]]
        : (coords as unknown[]).map(shift);
    const moved = features.map((f) =>
      f.properties.code === interiorGrid
        ? { ...f, geometry: { ...f.geometry, coordinates: shift(f.geometry.coordinates) } }
        : f,
    );
    const outside = await importGrids(fc(moved));
    expect(outside.json().error.details).toContainEqual(
      expect.objectContaining({ problem: 'outside_district', grids: [interiorGrid] }),
    );

    const bowtie = features.map((f, i) =>
      i === 0
        ? {
            ...f,
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [116.7, 36.1],
                  [116.71, 36.11],
                  [116.71, 36.1],
                  [116.7, 36.11],
                  [116.7, 36.1],
                ],
              ],
            },
          }
        : f,
    );
    const invalid = await importGrids(fc(bowtie));
    expect(invalid.json().error.details[0]).toMatchObject({
      problem: 'invalid_geometry',
      grids: [features[0]?.properties.code],
    });

    expect(await snapshot()).toEqual(before);
    const still = (await get(`/api/geo/locate?lng=${located[0]}&lat=${located[1]}`)).json();
    expect(still.grid.code).toBe(interiorGrid);
  });

  it('rejects malformed GeoJSON, bad coordinates and unknown communities, naming the field', async () => {
    const base = features[0] as Feature;
    const open = {
      ...base,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116.7, 36.1],
            [116.71, 36.1],
            [116.71, 36.11],
            [116.7, 36.12],
          ],
        ],
      },
    };
    const cases: [unknown, string][] = [
      [{ type: 'FeatureCollection' }, 'features'],
      [fc([open]), 'features.0.geometry.coordinates.0'],
      [fc([{ ...base, geometry: { type: 'Point', coordinates: [116.7, 36.1] } }]), 'features.0.geometry.type'],
      [
        fc([
          {
            ...base,
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [216.7, 36.1],
                  [216.71, 36.1],
                  [216.71, 36.11],
                  [216.7, 36.1],
                ],
              ],
            },
          },
        ]),
        'features.0.geometry.coordinates.0.0.0',
      ],
      [fc([{ ...base, properties: { ...base.properties, code: '12345' } }]), 'features.0.properties.code'],
      [fc([{ ...base, properties: { ...base.properties, code: '999999999999001' } }]), 'features.0.properties.code'],
      [fc([base, base]), 'features.1.properties.code'],
    ];
    const before = await snapshot();
    for (const [body, field] of cases) {
      const res = await importGrids(body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('only district administrators import, only inside their scope', async () => {
    const street = await t.userCookie('street_staff', community.slice(0, 9));
    expect((await importGrids(fc(features), street)).statusCode).toBe(403);
    const otherAdmin = await t.userCookie('district_admin', '320114');
    const res = await importGrids(fc(features), otherAdmin);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.out_of_scope');
  });

  it('replaces a community’s grids, merges grids (多格合一), and the point lookup follows at once', async () => {
    const target = features.find((f) => f.properties.code !== interiorGrid) as Feature;
    const renamed = features.map((f) => ({
      ...f,
      properties: {
        code: f.properties.code,
        name: `${f.properties.name}（新）`,
        kind: f.properties.kind,
        mergedInto: f.properties.code === interiorGrid ? target.properties.code : null,
        team: [{ role: 'grid_leader', name: '网格长甲' }],
      },
    }));
    const res = await importGrids(fc(renamed));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: features.length, replaced: features.length });
    const detail = (await get(`/api/geo/grids/${interiorGrid}`)).json().grid;
    expect(detail.mergedInto).toBe(target.properties.code);
    expect(detail.name).toMatch(/（新）$/);
    expect(detail.team).toEqual([{ role: 'grid_leader', name: '网格长甲', userId: null }]);
    const located = (await get(`/api/geo/locate?lng=${detail.centroid[0]}&lat=${detail.centroid[1]}`)).json();
    expect(located.grid).toEqual({ code: interiorGrid, name: detail.name, mergedInto: target.properties.code });
    const [audited] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM core_audit WHERE action = 'geo.grids.import'`,
    );
    expect(audited?.n).toBe(1);
  });

  it('takes positions with a height (Z), as GIS tools export them, and keeps the grids flat', async () => {
    const current = (await get(`/api/geo/regions/${community}/grids`)).json().features as Feature[];
    const geometry = () =>
      t.db.query(`SELECT code, ST_AsText(geom) AS wkt, ST_NDims(geom) AS dims FROM geo_grids ORDER BY code`);
    const before = await geometry();
    const lifted = (coords: unknown): unknown =>
      Array.isArray(coords) && typeof coords[0] === 'number'
        ? [coords[0], coords[1], 12.5]
        : (coords as unknown[]).map(lifted);
    const res = await importGrids(
      fc(
        current.map((f) => ({
          type: 'Feature' as const,
          geometry: { ...f.geometry, coordinates: lifted(f.geometry.coordinates) },
          properties: { code: f.properties.code, name: f.properties.name, kind: f.properties.kind },
        })),
      ),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(await geometry()).toEqual(before);
  });

  it('says which grids a file leaves out, and removes them only when asked to', async () => {
    const [pair] = await t.db.query<{ gone: string; name: string; union: string }>(
      `SELECT n.code AS gone, n.name, ST_AsGeoJSON(ST_Union(i.geom, n.geom)) AS union
       FROM geo_grids i JOIN geo_grids n ON n.community_code = i.community_code AND n.code <> i.code
         AND ST_Intersects(i.geom, n.geom) AND n.code IS DISTINCT FROM i.merged_into
         AND NOT EXISTS (SELECT 1 FROM geo_grids m WHERE m.merged_into = n.code)
       WHERE i.code = $1 ORDER BY n.code LIMIT 1`,
      [interiorGrid],
    );
    const { gone, name, union } = pair as { gone: string; name: string; union: string };
    const current = (await get(`/api/geo/regions/${community}/grids`)).json().features as Feature[];
    const file = fc(
      current
        .filter((f) => f.properties.code !== gone)
        .map((f) => (f.properties.code === interiorGrid ? { ...f, geometry: JSON.parse(union) } : f)),
    );
    const url = (q: string) => `/api/geo/grids/import${q}`;
    const post = (q: string) =>
      t.app.inject({ method: 'POST', url: url(q), headers: { cookie: t.adminCookie }, payload: file });
    const before = await snapshot();

    const dry = await post('?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, replaced: current.length, removed: [{ code: gone, name }] });
    expect(await snapshot()).toEqual(before);

    const unconfirmed = await post('');
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().error).toMatchObject({ code: 'geo.removal_unconfirmed', field: 'confirmRemoval' });
    expect(unconfirmed.json().error.message).toContain(name);
    expect(await snapshot()).toEqual(before);

    const confirmed = await post('?confirmRemoval=true');
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ dryRun: false, removed: [{ code: gone, name }] });
    expect((await get(`/api/geo/grids/${gone}`)).statusCode).toBe(404);
  });

  it('refuses two grids of one name in a community, naming the field, and keeps villages and compounds', async () => {
    const TEACHERS = '37098300102301'; // 新城街道赵庄社区's 教师村小区
    const own = (await get('/api/geo/regions/370983001023/grids')).json().features as Feature[];
    const before = await snapshot();
    const twice = own.map((f, i) =>
      i === 1 ? { ...f, properties: { ...f.properties, name: own[0]?.properties.name } } : f,
    );
    const res = await importGrids(fc(twice));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'geo.duplicate_grid_name', field: 'features.1.properties.name' });
    expect(await snapshot()).toEqual(before);

    const elsewhere = own.map((f, i) =>
      i === 0 ? { ...f, properties: { ...f.properties, compoundCode: '37098300102201' } } : f,
    );
    const wrong = await importGrids(fc(elsewhere));
    expect(wrong.json().error).toMatchObject({
      code: 'geo.unknown_compound',
      field: 'features.0.properties.compoundCode',
    });

    // what the map hands out comes back in as it was: each grid under its compound
    const again = await importGrids(fc(own));
    expect(again.statusCode, again.body).toBe(200);
    const teachers = (await get(`/api/geo/regions/${TEACHERS}/grids`)).json().features;
    expect(teachers.map((f: Feature) => f.properties.name)).toEqual(['教师村小区第1网格', '教师村小区第2网格']);
    const [deep] = await t.db.query<{ depth: number }>('SELECT nlevel(path) AS depth FROM geo_grids WHERE code = $1', [
      teachers[0].properties.code,
    ]);
    expect(deep?.depth).toBe(7);
  });

  it('keeps every instance’s index equal to the table: a change announced by another instance is picked up', async () => {
    const other = new GridLocator();
    await other.start(t.db);
    try {
      const detail = (await get(`/api/geo/grids/${interiorGrid}`)).json().grid;
      const [x, y] = detail.centroid as [number, number];
      expect(other.locateCode(x, y)).toBe(interiorGrid);
      await t.db.query('DELETE FROM geo_grids WHERE code = $1', [interiorGrid]);
      await t.db.notify(GRIDS_CHANGED_CHANNEL, 'test');
      await expect.poll(() => other.locateCode(x, y)).toBeUndefined();
    } finally {
      await other.stop();
    }
  });
});
