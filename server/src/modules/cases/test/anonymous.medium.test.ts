import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
let point: { lng: number; lat: number };
let community: string;

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const grids = await t.app.inject({ url: '/api/geo/regions/370983002001/grids', headers: { cookie: t.adminCookie } });
  const gridCode = grids.json().features[0].properties.code as string;
  const grid = (await t.app.inject({ url: `/api/geo/grids/${gridCode}`, headers: { cookie: t.adminCookie } })).json()
    .grid;
  point = { lng: grid.centroid[0], lat: grid.centroid[1] };
  community = await t.userCookie('community_staff', '370983002001', 'anon.community');
});
afterAll(async () => t?.stop());

let ipSeq = 0;
const send = (body: Record<string, unknown>, headers: Record<string, string> = {}, ip = `10.1.0.${++ipSeq}`) =>
  t.app.inject({
    method: 'POST',
    url: '/api/cases/anonymous',
    headers,
    remoteAddress: ip,
    payload: { categoryCode: 'S02', description: '楼道堆满杂物', location: point, ...body },
  });

const textsTo = async (masked: string) =>
  (
    await t.db.query<{ text: string }>(
      "SELECT text FROM core_sms_outbox WHERE template = 'notice' AND phone_masked = $1 ORDER BY id",
      [masked],
    )
  ).map((r) => r.text);

describe('匿名反映: a report without an account, with a contact number', () => {
  it('files the case, hides the name, seals the number, and texts every step back to it', async () => {
    const res = await send({ phone: '13905385555' });
    expect(res.statusCode, res.body).toBe(201);
    const { number } = res.json();
    expect(res.json()).toEqual({ number: expect.stringMatching(/^SZ\d{14}$/) });
    await t.events.drain();
    const [row] = await t.db.query<{ id: number; source: string; anonymous: boolean; reporter_name: string | null }>(
      'SELECT id::int AS id, source, anonymous, reporter_name FROM cases_cases WHERE number = $1',
      [number],
    );
    expect(row).toMatchObject({ source: 'anonymous', anonymous: true, reporter_name: null });
    expect(JSON.stringify(await t.db.query('SELECT * FROM cases_cases'))).not.toContain('13905385555');

    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${row?.id}/actions`,
      headers: { cookie: community },
      payload: { action: 'accept' },
    });
    await t.events.drain();
    expect(await textsTo('139****5555')).toEqual([
      `【善治】您反映的问题已提交，编号 ${number}`,
      `【善治】您反映的问题 ${number} 已受理立案`,
    ]);
    // staff still see the number to call back, masked until revealed
    const seen = await t.app.inject({ url: `/api/cases/${row?.id}`, headers: { cookie: community } });
    expect(seen.json().case.reporter).toMatchObject({ anonymous: true, name: null });
    expect(seen.body).not.toContain('13905385555');
  });

  it('a retry with the same key files nothing twice', async () => {
    const key = { 'idempotency-key': 'anon-retry-0001' };
    const first = await send({ phone: '13905386666', description: '路灯坏了' }, key, '10.2.0.1');
    const again = await send({ phone: '13905386666', description: '路灯坏了' }, key, '10.2.0.1');
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().number).toBe(first.json().number);
  });

  it('limits reports per number, and refuses a missing or malformed number by field', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send({ phone: '13905384321' })).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await send({ phone: '13905384321' });
    expect(limited.json().error).toMatchObject({ code: 'cases.too_many_anonymous', field: 'phone' });
    expect((await send({})).json().error.field).toBe('phone');
    expect((await send({ phone: '123' })).json().error.field).toBe('phone');
  });

  it('a district that refuses anonymous reports says so, and only its administrator may decide', async () => {
    expect((await t.app.inject({ url: `/api/cases/anonymous-policy?grid=370983002001001` })).json()).toEqual({
      allowed: true,
    });
    const byCommunity = await t.app.inject({
      method: 'PUT',
      url: '/api/cases/district-settings/370983',
      headers: { cookie: community },
      payload: { anonymousReports: false },
    });
    expect(byCommunity.statusCode).toBe(403);
    const other = await t.userCookie('district_admin', '320114', 'anon.other.admin');
    const notTheirs = await t.app.inject({
      method: 'PUT',
      url: '/api/cases/district-settings/370983',
      headers: { cookie: other },
      payload: { anonymousReports: false },
    });
    expect(notTheirs.statusCode).toBe(403);
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/cases/district-settings/370983',
      headers: { cookie: t.adminCookie },
      payload: { anonymousReports: false },
    });
    expect(set.json()).toEqual({ anonymousReports: false, verifier: 'grid_or_community' });
    const refused = await send({ phone: '13905381212' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('cases.anonymous_refused');
    expect((await t.app.inject({ url: `/api/cases/anonymous-policy?grid=370983002001001` })).json()).toEqual({
      allowed: false,
    });
  });
});
