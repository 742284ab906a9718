import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/id-number.js';
import { squareAround, startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
const u: Record<string, string> = {};
const COMMUNITY = '370983002001';
let gridA: string;
let gridB: string;
let compoundA: string;
let compoundB: string;
let centreA: [number, number];
let centreB: [number, number];
const OWNER_PHONE = '13905387788';
const PERSON_PHONE = '13905381234';
const PERSON_ID = ((first17: string) => first17 + checkCharacter(first17))('37098319800101123');
const CREDIT_CODE = '91350100M000100Y43';

async function centreOf(code: string): Promise<[number, number]> {
  const res = await t.app.inject({ url: `/api/geo/grids/${code}`, headers: { cookie: t.adminCookie } });
  return res.json().grid.centroid;
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const grids = await t.app.inject({
    url: `/api/geo/regions/${COMMUNITY}/grids`,
    headers: { cookie: t.adminCookie },
  });
  [gridA, gridB] = grids.json().features.map((f: { properties: { code: string } }) => f.properties.code);
  centreA = await centreOf(gridA);
  // 南关社区's grids hang under compounds (the fourth level); the first two grids are in two of them
  const compoundOf = async (code: string) =>
    (await t.app.inject({ url: `/api/geo/grids/${code}`, headers: { cookie: t.adminCookie } })).json().grid
      .compoundCode as string;
  compoundA = await compoundOf(gridA);
  compoundB = await compoundOf(gridB);
  expect(compoundB).not.toBe(compoundA);
  centreB = await centreOf(gridB);
  u.community = await t.userCookie('community_staff', COMMUNITY, 'things.cs');
  u.gridWorker = await t.userCookie('grid_worker', gridA, 'things.gw');
  u.otherStreet = await t.userCookie('street_staff', '370983001', 'things.other');
  u.resident = await t.userCookie('resident', '370983', 'things.resident');
});
afterAll(async () => t?.stop());

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const at = ([lng, lat]: [number, number]) => ({ lng, lat });

const restaurant = () => ({
  name: '演示小餐饮',
  kind: 'nine_small',
  nineSmallKind: 'small_restaurant',
  address: '老城街道南关社区 8 号',
  location: at(centreA),
  ownerName: '王某',
  contactPhone: OWNER_PHONE,
  creditCode: CREDIT_CODE,
});

describe('things (物): venues and facilities', () => {
  it('records a venue and a facility under the grid their point lies in, the phone sealed and masked', async () => {
    const venue = await call('POST', '/api/registry/venues', u.community as string, restaurant());
    expect(venue.statusCode, venue.body).toBe(201);
    expect(venue.json()).toMatchObject({
      kind: 'nine_small',
      nineSmallKind: 'small_restaurant',
      gridCode: gridA,
      contactPhoneMasked: '139****7788',
      creditCode: CREDIT_CODE,
    });
    expect(venue.body).not.toContain(OWNER_PHONE);
    const shed = await call('POST', '/api/registry/facilities', u.community as string, {
      kind: 'ebike_shed',
      name: '南关 2 号车棚',
      location: at(centreB),
      venueId: venue.json().id,
    });
    expect(shed.statusCode, shed.body).toBe(201);
    expect(shed.json()).toMatchObject({ kind: 'ebike_shed', status: 'in_service', gridCode: gridB });
    const shop = await call('POST', '/api/registry/venues', u.community as string, {
      name: '演示商店',
      kind: 'shop',
      address: '老城街道南关社区 9 号',
      location: at(centreB),
    });
    expect(shop.statusCode, shop.body).toBe(201);
  });

  it('refuses bad input with a bilingual error naming the field', async () => {
    const badCode = await t.app.inject({
      method: 'POST',
      url: '/api/registry/venues',
      headers: { cookie: u.community as string, 'accept-language': 'en' },
      payload: { ...restaurant(), creditCode: '91350100M000100Y44' },
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error).toMatchObject({ code: 'registry.bad_credit_code', field: 'creditCode' });
    expect(badCode.json().error.message).toContain('GB 32100');
    const zh = await call('POST', '/api/registry/venues', u.community as string, {
      ...restaurant(),
      creditCode: 'ABC',
    });
    expect(zh.json().error.field).toBe('creditCode');
    expect(zh.json().error.message).toContain('统一社会信用代码');
    const noKind = await call('POST', '/api/registry/venues', u.community as string, {
      ...restaurant(),
      nineSmallKind: undefined,
    });
    expect(noKind.json().error.field).toBe('nineSmallKind');
    const badPhone = await call('POST', '/api/registry/venues', u.community as string, {
      ...restaurant(),
      contactPhone: '12345',
    });
    expect(badPhone.json().error.field).toBe('contactPhone');
    const outside = await call('POST', '/api/registry/facilities', u.community as string, {
      kind: 'fire_hydrant',
      name: '消防栓',
      location: { lng: 100, lat: 20 },
    });
    expect(outside.json().error).toMatchObject({ code: 'registry.point_outside_grids', field: 'location' });
    const elsewhere = await call('POST', '/api/registry/facilities', u.gridWorker as string, {
      kind: 'fire_hydrant',
      name: '消防栓',
      location: at(centreB),
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.field).toBe('location');
  });

  it('lists and filters inside the scope only: a grid worker sees their grid, another street nothing', async () => {
    const list = (cookie: string, query: string) =>
      call('GET', `/api/registry/venues?${query}`, cookie).then((r) => r.json());
    expect((await list(u.community as string, '')).total).toBe(2);
    expect((await list(u.community as string, 'kind=nine_small')).items).toHaveLength(1);
    expect((await list(u.community as string, 'nineSmallKind=small_hotel')).items).toHaveLength(0);
    expect((await list(u.community as string, `q=${encodeURIComponent('商店')}`)).items[0].kind).toBe('shop');
    expect((await list(u.community as string, `q=${encodeURIComponent('%')}`)).items).toHaveLength(0);
    expect((await list(u.community as string, `regionCode=${gridB}`)).items).toHaveLength(1);
    const mine = await list(u.gridWorker as string, '');
    expect(mine.items.map((v: { gridCode: string }) => v.gridCode)).toEqual([gridA]);
    expect((await list(u.otherStreet as string, '')).items).toHaveLength(0);
    expect((await list(u.community as string, 'regionCode=999999')).error.field).toBe('regionCode');

    const shop = (await list(u.community as string, 'kind=shop')).items[0];
    expect((await call('GET', `/api/registry/venues/${shop.id}`, u.gridWorker as string)).statusCode).toBe(403);
    expect((await call('GET', `/api/registry/venues/${shop.id}`, u.community as string)).statusCode).toBe(200);
    expect((await call('GET', '/api/registry/venues/999999', u.community as string)).statusCode).toBe(404);
    const facilities = await call('GET', '/api/registry/facilities?kind=ebike_shed', u.community as string);
    expect(facilities.json().items).toHaveLength(1);
    expect((await call('GET', '/api/registry/facilities', u.gridWorker as string)).json().items).toHaveLength(0);
  });

  it('puts venues and facilities on the map as points, without contacts, inside the scope', async () => {
    const map = await call(
      'GET',
      `/api/registry/things.geojson?regionCode=${COMMUNITY}&layer=venues`,
      u.community as string,
    );
    expect(map.json().features).toHaveLength(2);
    expect(map.json().features[0].geometry.type).toBe('Point');
    expect(map.body).not.toContain(OWNER_PHONE);
    expect(map.body).not.toContain('139****7788');
    const own = await call(
      'GET',
      `/api/registry/things.geojson?regionCode=${COMMUNITY}&layer=facilities`,
      u.gridWorker as string,
    );
    expect(own.json().features).toHaveLength(0);
  });

  it('keeps no plaintext contact phone anywhere in the database', async () => {
    for (const table of ['registry_venues', 'registry_facilities', 'core_audit']) {
      const rows = await t.db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
      for (const { row } of rows) expect(row, table).not.toContain(OWNER_PHONE);
    }
  });
});

describe('situations (情)', () => {
  const situation = (cookie: string, code: string) =>
    call('GET', `/api/registry/situation?regionCode=${code}`, cookie).then((r) => r.json());
  const row = (s: { rows: { code: string; openCases: number }[] }, code: string) => s.rows.find((r) => r.code === code);
  let caseId: number;

  it('counts per grid of a compound, per compound of a community, per community of a street, with a total', async () => {
    expect(row(await situation(u.community as string, compoundA), gridA)).toMatchObject({
      level: 'grid',
      venues: 1,
      facilities: 0,
      openCases: 0,
    });
    expect(row(await situation(u.community as string, compoundB), gridB)).toMatchObject({ venues: 1, facilities: 1 });
    const community = await situation(u.community as string, COMMUNITY);
    expect(row(community, compoundA)).toMatchObject({ level: 'compound', venues: 1, facilities: 0, openCases: 0 });
    expect(row(community, compoundB)).toMatchObject({ level: 'compound', venues: 1, facilities: 1 });
    expect(community.total).toMatchObject({ venues: 2, facilities: 1, openCases: 0 });
    const street = await situation(t.adminCookie, '370983002');
    expect(row(street, COMMUNITY)).toMatchObject({ level: 'community', venues: 2, facilities: 1 });
    expect(street.total.venues).toBe(2);
    // a grid worker asking about the community sees only their grid's row and their grid's total
    const worker = await situation(u.gridWorker as string, compoundA);
    expect(worker.rows.map((r: { code: string }) => r.code)).toEqual([gridA]);
    expect(worker.total).toMatchObject({ venues: 1, facilities: 0 });
    const apart = await situation(u.otherStreet as string, COMMUNITY);
    expect(apart.rows).toEqual([]);
    expect(apart.total).toMatchObject({ people: 0, venues: 0, facilities: 0, openCases: 0 });
  });

  it('counts a case as open in its area until it is rejected', async () => {
    const reported = await call('POST', '/api/cases', u.resident as string, {
      categoryCode: 'S02',
      description: '楼道堆放杂物',
      location: at(centreA),
    });
    expect(reported.statusCode, reported.body).toBe(201);
    caseId = reported.json().case.id;
    expect(row(await situation(u.community as string, compoundA), gridA)?.openCases).toBe(1);
    expect(row(await situation(u.community as string, COMMUNITY), compoundA)?.openCases).toBe(1);
    expect(row(await situation(t.adminCookie, '370983002'), COMMUNITY)?.openCases).toBe(1);
    expect((await situation(u.gridWorker as string, COMMUNITY)).total.openCases).toBe(1);
    const summary = await call('GET', `/api/registry/summary?regionCode=${gridA}`, u.community as string);
    expect(summary.json()).toMatchObject({ venues: 1, openCases: 1 });
    const rejected = await call('POST', `/api/cases/${caseId}/actions`, u.community as string, {
      action: 'reject',
      note: '重复反映',
    });
    expect(rejected.json().case.status).toBe('rejected');
    expect(row(await situation(u.community as string, compoundA), gridA)?.openCases).toBe(0);
  });
});

describe('the people export', () => {
  it('is masked, Chinese, inside the scope and audited once with its count', async () => {
    const building = await call('POST', '/api/registry/buildings', u.community as string, {
      name: '8 栋',
      address: '老城街道南关社区 8 栋',
      footprint: squareAround(centreA),
      floors: 6,
    });
    const household = await call(
      'POST',
      `/api/registry/buildings/${building.json().id}/households`,
      u.community as string,
      { unit: '1', room: '302', use: 'rented' },
    );
    const person = await call('POST', '/api/registry/people', u.community as string, {
      name: '李四',
      idNumber: PERSON_ID,
      phone: PERSON_PHONE,
      householdId: household.json().id,
      registered: false,
      tags: [{ tag: 'party_member' }],
    });
    expect(person.statusCode, person.body).toBe(201);

    const res = await call('GET', `/api/registry/people.xlsx?regionCode=${COMMUNITY}`, u.community as string);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('实有人口');
    const values = (sheet?.getSheetValues() ?? []).slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values[0]?.slice(0, 3)).toEqual(['姓名', '身份证号（脱敏）', '手机号（脱敏）']);
    expect(values).toHaveLength(2);
    expect(values[1]).toEqual([
      '李四',
      `370983********${PERSON_ID.slice(-4)}`,
      '139****1234',
      '男',
      '1980-01-01',
      '流动',
      '老城街道南关社区 8 栋',
      '1',
      '302',
      gridA,
      '党员',
    ]);
    const text = JSON.stringify(values);
    expect(text).not.toContain(PERSON_ID);
    expect(text).not.toContain(PERSON_PHONE);

    const audit = await t.db.query<{ detail: { count: number; regionCode: string } }>(
      `SELECT detail FROM core_audit WHERE action = 'registry.people_exported'`,
    );
    expect(audit).toEqual([{ detail: { count: 1, regionCode: COMMUNITY, tag: null } }]);

    const outside = await call('GET', `/api/registry/people.xlsx?regionCode=${COMMUNITY}`, u.otherStreet as string);
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(outside.rawPayload as unknown as ArrayBuffer);
    expect(other.getWorksheet('实有人口')?.actualRowCount).toBe(1);
    const byTag = await call('GET', '/api/registry/people.xlsx?tag=veteran', u.community as string);
    expect(byTag.statusCode).toBe(200);
    expect((await call('GET', '/api/registry/people.xlsx', u.resident as string)).statusCode).toBe(403);
  });

  it('hands out what residents typed as text a spreadsheet program will not run', async () => {
    const building = await call('POST', '/api/registry/buildings', u.community as string, {
      name: '9 栋',
      address: '=HYPERLINK("http://evil.example","点我")',
      footprint: squareAround(centreA),
      floors: 6,
    });
    expect(building.statusCode, building.body).toBe(201);
    const household = await call(
      'POST',
      `/api/registry/buildings/${building.json().id}/households`,
      u.community as string,
      { unit: '+1', room: '-101', use: 'rented' },
    );
    expect(household.statusCode, household.body).toBe(201);
    const person = await call('POST', '/api/registry/people', u.community as string, {
      name: '王五',
      idNumber: `37098319900101125${checkCharacter('37098319900101125')}`,
      householdId: household.json().id,
      registered: true,
    });
    expect(person.statusCode, person.body).toBe(201);

    const res = await call('GET', `/api/registry/people.xlsx?regionCode=${COMMUNITY}`, u.community as string);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (book.getWorksheet('实有人口')?.getSheetValues() ?? []).map((r) =>
      (r as unknown[] | undefined)?.slice(1),
    );
    const row = rows.find((r) => r?.[0] === '王五');
    expect(row?.slice(6, 9)).toEqual(['\'=HYPERLINK("http://evil.example","点我")', "'+1", "'-101"]);
  });
});
