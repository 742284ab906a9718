import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/id-number.js';
import { squareAround, startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
const u: Record<string, string> = {};
let gridCode: string;
let centre: [number, number];
let householdId: number;
const withCheck = (first17: string) => first17 + checkCharacter(first17);
const ELDER_ID = withCheck('37098319500101123');
const ELDER_PHONE = '13905381234';

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const grids = await t.app.inject({ url: '/api/geo/regions/370983002001/grids', headers: { cookie: t.adminCookie } });
  gridCode = grids.json().features[0].properties.code;
  centre = (await t.app.inject({ url: `/api/geo/grids/${gridCode}`, headers: { cookie: t.adminCookie } })).json().grid
    .centroid;
  u.community = await t.userCookie('community_staff', '370983002001', 'reg.cs');
  u.gridWorker = await t.userCookie('grid_worker', gridCode, 'reg.gw');
  u.otherStreet = await t.userCookie('street_staff', '370983001', 'reg.other');
  u.commandCentre = await t.userCookie('command_centre', '370983', 'reg.cc');
});
afterAll(async () => t?.stop());

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const square = squareAround;

describe('the registry of people and houses', () => {
  it('records a building in its grid and a household in it, inside the scope only', async () => {
    const building = { name: '3 栋', address: '老城街道南关社区 3 栋', footprint: square(centre), floors: 6 };
    const res = await call('POST', '/api/registry/buildings', u.community as string, building);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await call('POST', '/api/registry/buildings', u.otherStreet as string, building)).statusCode).toBe(403);
    const outside = await call('POST', '/api/registry/buildings', u.community as string, {
      ...building,
      footprint: square([100, 20]),
    });
    expect(outside.json().error.field).toBe('footprint');
    const hh = await call('POST', `/api/registry/buildings/${id}/households`, u.gridWorker as string, {
      unit: '1',
      room: '301',
      use: 'rented',
    });
    expect(hh.statusCode).toBe(201);
    householdId = hh.json().id;
    const again = await call('POST', `/api/registry/buildings/${id}/households`, u.gridWorker as string, {
      unit: '1',
      room: '301',
      use: 'rented',
    });
    expect(again.json().error.field).toBe('room');
    const map = await call('GET', '/api/registry/buildings?regionCode=370983002', u.community as string);
    expect(map.json().features[0].properties).toMatchObject({ floors: 6, heightM: 18 });
  });

  it('refuses a footprint that crosses itself or has no area, naming the field, and records nothing', async () => {
    const [x, y] = centre;
    const d = 0.0002;
    const bowtie = [
      [x - d, y - d],
      [x + d, y + d],
      [x + d, y - d],
      [x - d, y + d],
      [x - d, y - d],
    ];
    const flat = [
      [x - d, y],
      [x, y],
      [x + d, y],
      [x - d, y],
    ];
    for (const ring of [bowtie, flat]) {
      const res = await call('POST', '/api/registry/buildings', u.community as string, {
        name: '歪楼',
        address: '老城街道南关社区 歪楼',
        footprint: { type: 'Polygon', coordinates: [ring] },
        floors: 3,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'registry.invalid_footprint', field: 'footprint' });
    }
    const [count] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registry_buildings WHERE name = '歪楼'`,
    );
    expect(count?.n).toBe(0);
  });

  it('registers a person with the ID sealed, masked everywhere, and derives birth date, sex and age tags', async () => {
    const res = await call('POST', '/api/registry/people', u.gridWorker as string, {
      name: '张秀英',
      idNumber: ELDER_ID,
      phone: ELDER_PHONE,
      householdId,
      registered: false,
      tags: [{ tag: 'living_alone' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      idNumberMasked: `370983********${ELDER_ID.slice(-4)}`,
      phoneMasked: '139****1234',
      birthDate: '1950-01-01',
      sex: 'male',
      registered: false,
    });
    expect(res.json().tags.map((x: { tag: string }) => x.tag)).toEqual(['elderly', 'living_alone']);
    const byWhom = Object.fromEntries(
      res.json().tags.map((x: { tag: string; setByName: string | null }) => [x.tag, x.setByName]),
    );
    expect(byWhom.living_alone).toMatch(/.+/);
    const dup = await call('POST', '/api/registry/people', u.community as string, {
      name: '重复',
      idNumber: ELDER_ID,
      householdId,
      registered: true,
    });
    expect(dup.statusCode).toBe(409);
    const bad = await call('POST', '/api/registry/people', u.community as string, {
      name: '错误',
      idNumber: `${ELDER_ID.slice(0, 17)}${ELDER_ID[17] === '1' ? '2' : '1'}`,
      householdId,
      registered: true,
    });
    expect(bad.json().error).toMatchObject({ code: 'registry.bad_id_number', field: 'idNumber' });
    expect(bad.json().error.message).toContain('校验码');
    const young = withCheck('37098319850101001');
    const contradicted = await call('POST', '/api/registry/people', u.community as string, {
      name: '年轻人',
      idNumber: young,
      householdId,
      registered: true,
      tags: [{ tag: 'party_member' }, { tag: 'elderly' }],
    });
    expect(contradicted.statusCode).toBe(400);
    expect(contradicted.json().error).toMatchObject({ code: 'registry.tag_contradicts_age', field: 'tags.1.tag' });
    expect(contradicted.json().error.message).toContain('出生日期');
  });

  it('finds people by fuzzy name, exact ID or phone and tag, inside the scope only', async () => {
    const byName = await call('GET', `/api/registry/people?name=${encodeURIComponent('张秀')}`, u.community as string);
    expect(byName.json().items).toHaveLength(1);
    const full = await call('GET', `/api/registry/people?name=${encodeURIComponent('张秀英')}`, u.community as string);
    expect(full.json().items).toHaveLength(1);
    const wildcard = await call('GET', `/api/registry/people?name=${encodeURIComponent('张%')}`, u.community as string);
    expect(wildcard.json().items).toHaveLength(0);
    expect(
      (await call('GET', `/api/registry/people?idNumber=${ELDER_ID}`, u.community as string)).json().items,
    ).toHaveLength(1);
    expect(
      (await call('GET', `/api/registry/people?phone=${ELDER_PHONE}`, u.gridWorker as string)).json().items,
    ).toHaveLength(1);
    expect((await call('GET', '/api/registry/people?tag=elderly', u.community as string)).json().items).toHaveLength(1);
    expect(
      (await call('GET', `/api/registry/people?idNumber=${ELDER_ID}`, u.otherStreet as string)).json().items,
    ).toHaveLength(0);
    for (const res of [byName, await call('GET', '/api/registry/people?tag=elderly', u.community as string)]) {
      expect(res.body).not.toContain(ELDER_ID);
      expect(res.body).not.toContain(ELDER_PHONE);
    }
  });

  it('adds and removes a tag after registration, with who and why in the audit trail', async () => {
    const found = await call('GET', `/api/registry/people?idNumber=${ELDER_ID}`, u.community as string);
    const id = found.json().items[0].id as number;
    const tags = async () =>
      ((await call('GET', `/api/registry/people/${id}`, u.community as string)).json().tags as { tag: string }[]).map(
        (x) => x.tag,
      );
    const added = await call('POST', `/api/registry/people/${id}/tags`, u.gridWorker as string, {
      tag: 'disabled',
      detail: '肢体二级',
      reason: '残联新发残疾证',
    });
    expect(added.statusCode, added.body).toBe(204);
    expect(await tags()).toEqual(['disabled', 'elderly', 'living_alone']);

    const noReason = await call('POST', `/api/registry/people/${id}/tags`, u.gridWorker as string, {
      tag: 'low_income',
      reason: '',
    });
    expect(noReason.json().error.field).toBe('reason');
    const derived = await call('DELETE', `/api/registry/people/${id}/tags/elderly`, u.gridWorker as string, {
      reason: '年龄不符',
    });
    expect(derived.json().error).toMatchObject({ code: 'registry.derived_tag', field: 'tag' });
    const outside = await call('POST', `/api/registry/people/${id}/tags`, u.otherStreet as string, {
      tag: 'low_income',
      reason: '低保审批通过',
    });
    expect(outside.statusCode).toBe(403);

    const removed = await call('DELETE', `/api/registry/people/${id}/tags/living_alone`, u.community as string, {
      reason: '子女已搬回同住',
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await tags()).toEqual(['disabled', 'elderly']);
    const again = await call('DELETE', `/api/registry/people/${id}/tags/living_alone`, u.community as string, {
      reason: '子女已搬回同住',
    });
    expect(again.json().error).toMatchObject({ code: 'registry.not_found', field: 'tag' });

    const audit = await t.db.query<{ action: string; actor: string; detail: unknown }>(
      `SELECT action, actor_name AS actor, detail FROM core_audit
       WHERE action IN ('registry.person_tagged', 'registry.person_untagged') AND subject = $1 ORDER BY id`,
      [`person:${id}`],
    );
    expect(audit).toEqual([
      { action: 'registry.person_tagged', actor: 'reg.gw', detail: { tag: 'disabled', reason: '残联新发残疾证' } },
      {
        action: 'registry.person_untagged',
        actor: 'reg.cs',
        detail: { tag: 'living_alone', reason: '子女已搬回同住' },
      },
    ]);
  });

  it('reveals one field only with a reason, to a role that may, and audits it', async () => {
    const [person] = (await call('GET', `/api/registry/people?idNumber=${ELDER_ID}`, u.community as string)).json()
      .items;
    const noReason = await call('POST', `/api/registry/people/${person.id}/reveal`, u.community as string, {
      field: 'phone',
      reason: '',
    });
    expect(noReason.json().error.field).toBe('reason');
    expect(
      (
        await call('POST', `/api/registry/people/${person.id}/reveal`, u.commandCentre as string, {
          field: 'phone',
          reason: '核实身份信息',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/api/registry/people/${person.id}/reveal`, u.otherStreet as string, {
          field: 'phone',
          reason: '核实身份信息',
        })
      ).statusCode,
    ).toBe(403);
    const shown = await call('POST', `/api/registry/people/${person.id}/reveal`, u.gridWorker as string, {
      field: 'phone',
      reason: '上门走访需电话联系',
    });
    expect(shown.json()).toEqual({ field: 'phone', value: ELDER_PHONE });
    const audit = await t.db.query<{ detail: { field: string; reason: string } }>(
      `SELECT detail FROM core_audit WHERE action = 'registry.person_revealed' AND subject = $1`,
      [`person:${person.id}`],
    );
    expect(audit).toEqual([{ detail: { field: 'phone', reason: '上门走访需电话联系' } }]);
  });

  it('keeps no plaintext ID number or phone anywhere in the database', async () => {
    const tables = [
      'registry_people',
      'registry_person_tags',
      'registry_households',
      'registry_buildings',
      'core_audit',
    ];
    for (const table of tables) {
      const rows = await t.db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
      for (const { row } of rows) {
        expect(row, table).not.toContain(ELDER_ID);
        expect(row, table).not.toContain(ELDER_PHONE);
      }
    }
  });

  it('exports a person on request and erases them, keeping the audit trail', async () => {
    const [person] = (await call('GET', `/api/registry/people?idNumber=${ELDER_ID}`, t.adminCookie)).json().items;
    expect((await call('GET', `/api/registry/people/${person.id}/export`, u.community as string)).statusCode).toBe(403);
    const exported = await call('GET', `/api/registry/people/${person.id}/export`, t.adminCookie);
    expect(exported.json()).toMatchObject({ name: '张秀英', idNumber: ELDER_ID, phone: ELDER_PHONE });
    const erased = await call('DELETE', `/api/registry/people/${person.id}`, t.adminCookie, { reason: '本人申请删除' });
    expect(erased.statusCode).toBe(204);
    expect((await call('GET', `/api/registry/people?idNumber=${ELDER_ID}`, t.adminCookie)).json().items).toHaveLength(
      0,
    );
    expect((await call('GET', `/api/registry/people/${person.id}`, t.adminCookie)).statusCode).toBe(404);
    const trail = await t.db.query<{ action: string }>(`SELECT action FROM core_audit WHERE subject = $1 ORDER BY id`, [
      `person:${person.id}`,
    ]);
    expect(trail.map((r) => r.action)).toEqual([
      'registry.person_registered',
      'registry.person_tagged',
      'registry.person_untagged',
      'registry.person_revealed',
      'registry.person_exported',
      'registry.person_erased',
    ]);
  });

  it('imports buildings from GeoJSON with Chinese or English properties, all or nothing, naming each bad feature', async () => {
    const feature = (geometry: object, properties: object) => ({ type: 'Feature', geometry, properties });
    const [x, y] = centre;
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.0003, y + 0.0003],
          [x + 0.0003, y],
          [x, y + 0.0003],
          [x, y],
        ],
      ],
    };
    const good = [
      feature(square([x + 0.0005, y]), {
        名称: '21 栋',
        地址: '老城街道南关社区 21 栋',
        层数: 18,
        保障房类型: '公租房',
      }),
      feature(square([x - 0.0005, y]), { name: '22 栋', address: '老城街道南关社区 22 栋', floors: 6, height: 19.5 }),
    ];
    const bad = [
      feature(square([100, 20]), { name: 'far', address: '很远的地方', floors: 3 }),
      feature(square([x, y + 0.0005]), { name: 'no floors', address: '老城街道南关社区 23 栋' }),
      feature(bowtie, { name: 'bowtie', address: '老城街道南关社区 24 栋', floors: 2 }),
    ];
    const post = (features: object[], mode = 'all_or_nothing') =>
      call('POST', `/api/registry/buildings/import?mode=${mode}`, u.community as string, {
        type: 'FeatureCollection',
        features,
      });
    const count = async () =>
      (await call('GET', '/api/registry/buildings?regionCode=370983002', u.community as string)).json().features.length;
    const before = await count();
    const rejected = await post([...good, ...bad]);
    expect(rejected.statusCode).toBe(422);
    expect(rejected.json().errors).toEqual([
      expect.objectContaining({ feature: 2, field: 'footprint', message: '不在任何网格内' }),
      expect.objectContaining({ feature: 3, field: 'floors' }),
      expect.objectContaining({ feature: 4, field: 'footprint', message: '轮廓自相交或无效' }),
    ]);
    expect(await count()).toBe(before);
    const partial = await post([...good, ...bad], 'valid_only');
    expect(partial.json()).toMatchObject({ imported: 2 });
    const layer = (await call('GET', '/api/registry/buildings?regionCode=370983002', u.community as string)).json();
    expect(layer.features.length).toBe(before + 2);
    expect(layer.features.map((f: { properties: { floors: number; heightM: number } }) => f.properties)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ floors: 18, heightM: 54 }),
        expect.objectContaining({ floors: 6, heightM: 19.5 }),
      ]),
    );
  });
});
