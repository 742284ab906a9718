import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

/**
 * The seed's five levels: city → town/street → community → village/compound → grid. 肥城市's 社区 hold villages
 * (a town's 新型农村社区) or compounds (a street's 社区), and their grids hang under them; a 村 holds its grids itself.
 */
const ZHAOZHUANG = '370983001023'; // 新城街道赵庄社区居委会, whose 教师村小区 the seed names
const TEACHERS = '37098300102301'; // 教师村小区
const XINCHENG = '370983001'; // 新城街道
const XINTAOYANG = '370983105401'; // 湖屯镇新陶阳社区居委会, a 新型农村社区 of villages

let t: TestApp;
let deepGrid: string;

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const [g] = await t.db.query<{ code: string }>(
    'SELECT code FROM geo_grids WHERE compound_code = $1 ORDER BY code LIMIT 1',
    [TEACHERS],
  );
  deepGrid = g?.code as string;
});
afterAll(async () => t?.stop());

const get = (url: string, cookie = t.adminCookie) => t.app.inject({ url, headers: { cookie } });

describe('the fourth level (村/小区)', () => {
  it('is in the region tree under 肥城市’s communities, by name, with the grids under it', async () => {
    const children = (await get(`/api/geo/regions?parent=${ZHAOZHUANG}`)).json().items;
    expect(children[0]).toMatchObject({ code: TEACHERS, name: '教师村小区', level: 'compound', kind: 'compound' });
    // an urban 社区's eight grids make four compounds of two
    expect(children.map((c: { gridCount: number }) => c.gridCount)).toEqual([2, 2, 2, 2]);
    const villages = (await get(`/api/geo/regions?parent=${XINTAOYANG}`)).json().items;
    expect(villages.map((v: { level: string; kind: string }) => [v.level, v.kind])).toEqual([
      ['compound', 'village'],
      ['compound', 'village'],
    ]);
    // a 村 is a village itself: its grids hang under it
    const [village] = await t.db.query<{ code: string }>(
      `SELECT code FROM geo_regions WHERE level = 'community' AND kind = 'village' AND code LIKE '370983%' LIMIT 1`,
    );
    expect((await get(`/api/geo/regions?parent=${village?.code}`)).json().items).toEqual([]);
    const grids = (await get(`/api/geo/regions/${TEACHERS}/grids`)).json().features;
    expect(grids.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      '教师村小区第1网格',
      '教师村小区第2网格',
    ]);
  });

  it('puts a grid under a compound one label deeper, still its community’s and street’s', async () => {
    const res = (await get(`/api/geo/grids/${deepGrid}`)).json();
    expect(res.grid).toMatchObject({
      communityCode: ZHAOZHUANG,
      communityName: '赵庄社区居委会',
      compoundCode: TEACHERS,
      compoundName: '教师村小区',
      streetCode: XINCHENG,
      streetName: '新城街道',
      districtCode: '370983',
    });
    expect(res.chain.map((c: { level: string }) => c.level)).toEqual(['district', 'street', 'community', 'compound']);
    const card = (await t.app.inject({ url: `/api/geo/grids/${deepGrid}/card` })).json();
    expect(card).toMatchObject({ communityName: '赵庄社区居委会', compoundName: '教师村小区', streetName: '新城街道' });

    const community = await t.userCookie('community_staff', ZHAOZHUANG);
    const street = await t.userCookie('street_staff', XINCHENG);
    const neighbour = await t.userCookie('community_staff', '370983001022');
    expect((await get(`/api/geo/grids/${deepGrid}`, community)).statusCode).toBe(200);
    expect((await get(`/api/geo/grids/${deepGrid}`, street)).statusCode).toBe(200);
    expect((await get(`/api/geo/grids/${deepGrid}`, neighbour)).statusCode).toBe(403);
    // the community's staff see every grid of theirs, those under compounds included
    const mine = (await get(`/api/geo/regions/${ZHAOZHUANG}/grids`, community)).json().features;
    expect(mine).toHaveLength(8);
  });
});

describe('every grid’s team', () => {
  // every demo district's generated teams are checked in grid-generator.test.ts; here, what the seed wrote
  it('holds the five roles its kind defines, as 肥城市’s seed wrote them', async () => {
    const five = ['grid_leader', 'grid_worker', 'part_time_grid_worker', 'police_officer'];
    const expected: Record<string, string[]> = {
      residential: [...five, 'property_manager'],
      commercial: [...five, 'property_manager'],
      enterprise: [...five, 'property_manager'],
      rural: [...five, 'villager_group_leader'],
    };
    const rows = await t.db.query<{ kind: string; roles: string[]; grids: number }>(
      `SELECT g.kind, r.roles, count(*)::int AS grids
       FROM geo_grids g,
       LATERAL (SELECT array_agg(DISTINCT m.role ORDER BY m.role) AS roles FROM geo_grid_members m WHERE m.grid_code = g.code) r
       GROUP BY g.kind, r.roles ORDER BY g.kind`,
    );
    expect(rows.reduce((n, r) => n + r.grids, 0)).toBe(2076);
    for (const r of rows) expect(r.roles).toEqual([...(expected[r.kind] ?? [])].sort());
  });
});

describe('grid names', () => {
  it('name one grid each in a district, so that every 四至 points at one grid', async () => {
    const dup = await t.db.query<{ name: string }>(
      'SELECT name FROM geo_grids GROUP BY left(code, 6), name HAVING count(*) > 1',
    );
    expect(dup).toEqual([]);
    const [unresolved] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM geo_grids g,
         LATERAL regexp_split_to_table(g.bounds_text, '，') AS side
       WHERE side NOT LIKE '%边界'
         AND (SELECT count(*) FROM geo_grids o WHERE left(o.code, 6) = left(g.code, 6) AND o.name = substr(side, 3)) <> 1`,
    );
    expect(unresolved?.n).toBe(0);
  });

  it('are unique within a community: a rename onto a neighbour’s name is refused naming the field', async () => {
    const [a, b] = await t.db.query<{ code: string; name: string }>(
      'SELECT code, name FROM geo_grids WHERE community_code = $1 ORDER BY code LIMIT 2',
      [ZHAOZHUANG],
    );
    const street = await t.userCookie('street_staff', XINCHENG);
    const rename = (code: string, name: string, cookie = street) =>
      t.app.inject({ method: 'PUT', url: `/api/geo/grids/${code}/name`, headers: { cookie }, payload: { name } });
    const clash = await rename(a?.code as string, b?.name as string);
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'geo.grid_name_taken', field: 'name' });
    expect(clash.json().error.message).toContain(b?.code);
    expect((await get(`/api/geo/grids/${a?.code}`)).json().grid.name).toBe(a?.name);

    const ok = await rename(a?.code as string, '教师村小区北网格');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get(`/api/geo/grids/${a?.code}`)).json().grid.name).toBe('教师村小区北网格');
    const [audit] = await t.db.query<{ detail: unknown }>(
      `SELECT detail FROM core_audit WHERE action = 'geo.grid_renamed' AND subject = $1`,
      [`grid:${a?.code}`],
    );
    expect(audit?.detail).toEqual({ before: a?.name, after: '教师村小区北网格' });
    // a grid of another community may carry the name: uniqueness is the community's
    const [other] = await t.db.query<{ code: string }>(
      `SELECT code FROM geo_grids WHERE community_code = '370983001022' LIMIT 1`,
    );
    expect((await rename(other?.code as string, '教师村小区北网格')).statusCode).toBe(200);
    // the community's staff do not name grids
    const community = await t.userCookie('community_staff', ZHAOZHUANG);
    expect((await rename(b?.code as string, '别名', community)).statusCode).toBe(403);
  });

  it('are held by the database too, whatever writes them', async () => {
    const [a, b] = await t.db.query<{ code: string; name: string }>(
      `SELECT code, name FROM geo_grids WHERE community_code = '370983002001' ORDER BY code LIMIT 2`,
    );
    await expect(t.db.query('UPDATE geo_grids SET name = $2 WHERE code = $1', [a?.code, b?.name])).rejects.toThrow(
      /geo_grids_community_name_key/,
    );
  });
});
