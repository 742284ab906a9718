import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/id-number.js';
import { squareAround, startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
const u: Record<string, string> = {};
let gridCode: string;
let centre: [number, number];
const buildingIds: number[] = [];
const households: Record<string, number> = {};
const people: Record<string, number> = {};
const withCheck = (first17: string) => first17 + checkCharacter(first17);
const TENANT_ID = withCheck('37098319880203452');
const NEWCOMER_ID = withCheck('37098320010507361');
const NEWCOMER_PHONE = '13805385678';

const call = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  cookie: string,
  payload?: object,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });

const square = (at: [number, number]) => squareAround(at, 0.0001);

const visit = (id: number, cookie: string, key: string, body: object) =>
  call('POST', `/api/registry/households/${id}/visits`, cookie, body, { 'idempotency-key': key });

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const grids = await t.app.inject({ url: '/api/geo/regions/370983002001/grids', headers: { cookie: t.adminCookie } });
  gridCode = grids.json().features[0].properties.code;
  centre = (await t.app.inject({ url: `/api/geo/grids/${gridCode}`, headers: { cookie: t.adminCookie } })).json().grid
    .centroid;
  u.community = await t.userCookie('community_staff', '370983002001', 'hh.cs');
  u.gridWorker = await t.userCookie('grid_worker', gridCode, 'hh.gw');
  u.otherStreet = await t.userCookie('grid_worker', '370983001', 'hh.other');
});
afterAll(async () => t?.stop());

describe('compounds, units and households', () => {
  it('files buildings named with one compound under one compound entity with counts and an outline', async () => {
    for (const [i, dx] of [0, 0.0004].entries()) {
      const res = await call('POST', '/api/registry/buildings', u.community as string, {
        name: `${i + 1} 栋`,
        address: `南关社区幸福里小区 ${i + 1} 栋`,
        compound: '幸福里小区',
        footprint: square([centre[0] + dx, centre[1]]),
        floors: 6,
      });
      expect(res.statusCode, res.body).toBe(201);
      buildingIds.push(res.json().id);
    }
    for (const [unit, room, use] of [
      ['1', '101', 'owner_occupied'],
      ['1', '102', 'rented'],
      ['2', '201', 'owner_occupied'],
    ] as const) {
      const res = await call('POST', `/api/registry/buildings/${buildingIds[0]}/households`, u.gridWorker as string, {
        unit,
        room,
        use,
      });
      expect(res.statusCode, res.body).toBe(201);
      households[`${unit}-${room}`] = res.json().id;
    }
    const tenant = await call('POST', '/api/registry/people', u.gridWorker as string, {
      name: '李建国',
      idNumber: TENANT_ID,
      phone: '13905380001',
      householdId: households['1-102'],
      registered: false,
    });
    expect(tenant.statusCode, tenant.body).toBe(201);
    people.tenant = tenant.json().id;

    const list = await call('GET', '/api/registry/compounds?regionCode=370983002001', u.community as string);
    expect(list.statusCode, list.body).toBe(200);
    const [compound] = list.json().items;
    expect(compound).toMatchObject({ name: '幸福里小区', buildings: 2, households: 3, people: 1 });
    expect(compound.communityCode).toBe('370983002001');
    expect(compound.outline.type).toBe('Polygon');
    const building = await call('GET', `/api/registry/buildings/${buildingIds[0]}`, u.gridWorker as string);
    expect(building.json()).toMatchObject({ compound: '幸福里小区', compoundId: compound.id });
    const detail = await call('GET', `/api/registry/compounds/${compound.id}`, u.gridWorker as string);
    expect(detail.json().buildingList.map((b: { id: number }) => b.id)).toEqual(buildingIds);
    expect((await call('GET', `/api/registry/compounds/${compound.id}`, u.otherStreet as string)).statusCode).toBe(403);

    const byWorker = await call('PATCH', `/api/registry/compounds/${compound.id}`, u.gridWorker as string, {
      propertyCompany: '示例物业',
    });
    expect(byWorker.statusCode).toBe(403);
    const edited = await call('PATCH', `/api/registry/compounds/${compound.id}`, u.community as string, {
      propertyCompany: '示例物业',
    });
    expect(edited.json()).toMatchObject({ propertyCompany: '示例物业', address: null });
  });

  it('shows a building as units of households with their residents masked', async () => {
    const res = await call('GET', `/api/registry/buildings/${buildingIds[0]}/households`, u.gridWorker as string);
    expect(res.statusCode, res.body).toBe(200);
    const units = res.json().units;
    expect(units.map((x: { name: string }) => x.name)).toEqual(['1', '2']);
    expect(units[0].households.map((h: { room: string }) => h.room)).toEqual(['101', '102']);
    const [tenant] = units[0].households[1].residents;
    expect(tenant).toMatchObject({ name: '李建国', idNumberMasked: `370983********${TENANT_ID.slice(-4)}` });
    expect(res.body).not.toContain(TENANT_ID);
    expect(res.body).not.toContain('13905380001');
  });

  it('lists the cases and facilities at a building, not those at its neighbour', async () => {
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: t.adminCookie },
      payload: {
        categoryCode: 'S05',
        description: '楼道堆放杂物',
        location: { lng: centre[0] - 0.0002, lat: centre[1] },
        viaHotline: true,
        contact: { name: '李建国', phone: '13905380001' },
      },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const here = await call('GET', `/api/registry/buildings/${buildingIds[0]}/cases`, u.gridWorker as string);
    expect(here.json().items.map((c: { description: string }) => c.description)).toEqual(['楼道堆放杂物']);
    expect(here.json().items[0].categoryZh).toBeTruthy();
    const charger = await call('POST', '/api/registry/facilities', u.community as string, {
      kind: 'ebike_charger',
      name: '1 栋充电桩',
      location: { lng: centre[0], lat: centre[1] },
      buildingId: buildingIds[0],
    });
    expect(charger.statusCode, charger.body).toBe(201);
    const atBuilding = (id: number) => call('GET', `/api/registry/facilities?buildingId=${id}`, u.gridWorker as string);
    expect((await atBuilding(buildingIds[0] as number)).json().items.map((f: { name: string }) => f.name)).toEqual([
      '1 栋充电桩',
    ]);
    expect((await atBuilding(buildingIds[1] as number)).json().items).toEqual([]);
    const next = await call('GET', `/api/registry/buildings/${buildingIds[1]}/cases`, u.gridWorker as string);
    expect(next.json().items).toEqual([]);
    expect(
      (await call('GET', `/api/registry/buildings/${buildingIds[0]}/cases`, u.otherStreet as string)).statusCode,
    ).toBe(403);
  });

  it('gives a grid worker the book of their own grid only, and finds buildings and people by address', async () => {
    const book = await call('GET', '/api/registry/households/book', u.gridWorker as string);
    expect(book.statusCode, book.body).toBe(200);
    expect(book.json().buildings.map((b: { id: number }) => b.id)).toEqual(expect.arrayContaining(buildingIds));
    expect(book.json().households).toBe(3);
    const other = await call('GET', '/api/registry/households/book', u.otherStreet as string);
    expect(other.json().buildings).toEqual([]);
    const byAddress = await call(
      'GET',
      `/api/registry/people?address=${encodeURIComponent('幸福里小区 1 栋')}`,
      u.gridWorker as string,
    );
    expect(byAddress.json().items.map((p: { name: string }) => p.name)).toEqual(['李建国']);
    const elsewhere = await call(
      'GET',
      `/api/registry/people?address=${encodeURIComponent('幸福里小区 2 栋')}`,
      u.gridWorker as string,
    );
    expect(elsewhere.json().items).toEqual([]);
    const found = await call(
      'GET',
      `/api/registry/buildings/search?q=${encodeURIComponent('幸福里')}`,
      u.gridWorker as string,
    );
    expect(found.json().items[0]).toMatchObject({ compound: '幸福里小区', households: 3, visited: 0 });
  });
});

describe('the doorstep visit', () => {
  it('changes the use, moves a resident out and registers a newcomer at once, once per key', async () => {
    const id = households['1-102'] as number;
    const body = {
      recordedAt: new Date(Date.now() - 3_600_000).toISOString(),
      baseVersion: 1,
      use: 'rented',
      note: '原租户已搬走，新租户入住',
      movedOut: [people.tenant],
      newResidents: [
        { name: '王芳', idNumber: NEWCOMER_ID, phone: NEWCOMER_PHONE, registered: false, tags: [{ tag: 'courier' }] },
      ],
    };
    const first = await visit(id, u.gridWorker as string, 'visit-key-0001', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ useBefore: 'rented', useAfter: 'rented', movedOut: [people.tenant] });
    expect(first.json().movedIn).toHaveLength(1);
    expect(first.body).not.toContain(NEWCOMER_ID);
    const again = await visit(id, u.gridWorker as string, 'visit-key-0001', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    const found = await call('GET', `/api/registry/people?name=${encodeURIComponent('王芳')}`, u.gridWorker as string);
    expect(found.json().items).toHaveLength(1);
    expect(found.json().items[0].tags.map((x: { tag: string }) => x.tag)).toEqual(['courier']);
    expect(found.json().items[0].household).toMatchObject({ unit: '1', room: '102', use: 'rented' });
    const tenant = await call('GET', `/api/registry/people/${people.tenant}`, u.gridWorker as string);
    expect(tenant.json()).toMatchObject({ householdId: null, household: null });
    expect(tenant.json().movedOutAt).toEqual(expect.any(String));
    const summary = await call('GET', `/api/registry/summary?regionCode=${gridCode}`, u.gridWorker as string);
    expect(summary.json().people).toBe(1);

    const units = (
      await call('GET', `/api/registry/buildings/${buildingIds[0]}/households`, u.gridWorker as string)
    ).json().units;
    const household = units[0].households[1];
    expect(household.version).toBe(2);
    expect(household.visitedAt).toEqual(expect.any(String));
    expect(household.residents.map((r: { name: string }) => r.name)).toEqual(['王芳']);
    const visits = await call('GET', `/api/registry/households/${id}/visits`, u.community as string);
    expect(visits.json().items[0]).toMatchObject({
      note: '原租户已搬走，新租户入住',
      actorName: expect.stringMatching(/.+/),
    });
  });

  it('refuses a change of use made over a newer version, but keeps a note made over it', async () => {
    const id = households['1-101'] as number;
    const recordedAt = new Date().toISOString();
    const byCommunity = await visit(id, u.community as string, 'visit-key-0002', {
      recordedAt,
      baseVersion: 1,
      use: 'vacant',
    });
    expect(byCommunity.statusCode, byCommunity.body).toBe(201);
    const stale = await visit(id, u.gridWorker as string, 'visit-key-0003', {
      recordedAt,
      baseVersion: 1,
      use: 'commercial',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'registry.household_changed', field: 'use' });
    expect(stale.json().error.message).toContain('离线期间');
    const note = await visit(id, u.gridWorker as string, 'visit-key-0004', {
      recordedAt,
      baseVersion: 1,
      note: '无人应门',
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ useBefore: 'vacant', useAfter: 'vacant' });
  });

  it('writes nothing when a newcomer is wrong, and names the field', async () => {
    const id = households['2-201'] as number;
    const bad = await visit(id, u.gridWorker as string, 'visit-key-0005', {
      recordedAt: new Date().toISOString(),
      baseVersion: 1,
      use: 'rented',
      newResidents: [
        { name: '赵六', idNumber: withCheck('37098319900101001'), registered: true },
        {
          name: '钱七',
          idNumber: `${NEWCOMER_ID.slice(0, 17)}${NEWCOMER_ID[17] === '1' ? '2' : '1'}`,
          registered: true,
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('newResidents.1.idNumber');
    const dup = await visit(id, u.gridWorker as string, 'visit-key-0006', {
      recordedAt: new Date().toISOString(),
      baseVersion: 1,
      use: 'rented',
      newResidents: [
        { name: '赵六', idNumber: withCheck('37098319900101001'), registered: true },
        { name: '王芳', idNumber: NEWCOMER_ID, registered: true },
      ],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('newResidents.1.idNumber');
    const found = await call('GET', `/api/registry/people?name=${encodeURIComponent('赵六')}`, u.gridWorker as string);
    expect(found.json().items).toEqual([]);
    const units = (
      await call('GET', `/api/registry/buildings/${buildingIds[0]}/households`, u.gridWorker as string)
    ).json().units;
    expect(units[1].households[0]).toMatchObject({ use: 'owner_occupied', version: 1 });
  });

  it('needs a key, a household in scope and a well-formed body', async () => {
    const id = households['2-201'] as number;
    const body = { recordedAt: new Date().toISOString(), baseVersion: 1 };
    const noKey = await call('POST', `/api/registry/households/${id}/visits`, u.gridWorker as string, body);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.field).toContain('idempotency-key');
    expect((await visit(id, u.otherStreet as string, 'visit-key-0007', body)).statusCode).toBe(403);
    const badTime = await visit(id, u.gridWorker as string, 'visit-key-0008', { ...body, recordedAt: 'yesterday' });
    expect(badTime.json().error.field).toBe('recordedAt');
    const other = await visit(id, u.gridWorker as string, 'visit-key-0004', body);
    expect(other.json().error).toMatchObject({ code: 'registry.key_reused' });
  });
});
