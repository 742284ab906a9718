import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support.js';

let t: TestApp;
let apiKey: string;
let point: { lng: number; lat: number };

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  await t.userCookie('command_centre', '370983', 'hotline.12345');
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/identity/tokens',
    payload: { username: 'hotline.12345', password: TEST_PASSWORD, name: '12345 热线', ttlDays: 30 },
  });
  apiKey = token.json().token;
  const located = await t.app.inject({
    url: '/api/geo/locate?lng=116.7712&lat=36.1791',
    headers: { cookie: t.adminCookie },
  });
  point = { lng: located.json().wgs84[0], lat: located.json().wgs84[1] };
});
afterAll(async () => t?.stop());

const form = (fields: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();

describe('Open311 GeoReport v2', () => {
  it('serves discovery and the service list in JSON and XML without a key', async () => {
    const discovery = await t.app.inject({ url: '/open311/v2/discovery.json' });
    expect(discovery.statusCode).toBe(200);
    expect(discovery.json().endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2' });
    const services = await t.app.inject({ url: '/open311/v2/services.json' });
    expect(services.json()).toContainEqual(
      expect.objectContaining({ service_code: 'S02', service_name: '物业服务', metadata: false, type: 'realtime' }),
    );
    const xml = await t.app.inject({ url: '/open311/v2/services.xml' });
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>C01<\/service_code>/,
    );
    const definition = await t.app.inject({ url: '/open311/v2/services/S02.json' });
    expect(definition.json()).toEqual({ service_code: 'S02', attributes: [] });
  });

  it('creates a request from a form post with an api_key and reads it back', async () => {
    // past the millionth case a number keeps the Open311 id pattern
    await t.db.query(`SELECT setval('cases_number_seq', 999999)`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        api_key: apiKey,
        service_code: 'S02',
        lat: point.lat,
        long: point.lng,
        address_string: '老城街道某小区',
        description: '12345 转办：小区物业不作为',
        last_name: '王',
        first_name: '先生',
        phone: '13912345678',
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [{ service_request_id: id }] = res.json();
    expect(id).toMatch(/^SZ\d{8}000001$/);

    const one = await t.app.inject({ url: `/open311/v2/requests/${id}.json?api_key=${apiKey}` });
    expect(one.json()[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'S02',
      description: '12345 转办：小区物业不作为',
      address: '老城街道某小区',
    });
    expect(one.json()[0].lat).toBeCloseTo(point.lat, 6);
    const list = await t.app.inject({ url: `/open311/v2/requests.xml?api_key=${apiKey}&status=open` });
    expect(list.body).toContain(`<request><service_request_id>${id}</service_request_id><status>open</status>`);
    const closed = await t.app.inject({ url: `/open311/v2/requests.json?api_key=${apiKey}&status=closed` });
    expect(closed.json()).toEqual([]);
    const token = await t.app.inject({ url: `/open311/v2/tokens/${id}.json?api_key=${apiKey}` });
    expect(token.json()).toEqual([{ service_request_id: id, token: id }]);
  });

  it('answers errors in the Open311 format, naming the Open311 field', async () => {
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { service_code: 'S02', lat: point.lat, long: point.lng },
    });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json()).toEqual([{ code: 401, description: '请先登录' }]);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'accept-language': 'en' },
      payload: { api_key: apiKey, service_code: 'ZZ99', lat: point.lat, long: point.lng },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()[0].description).toMatch(/^Field service_code is invalid/);
    const outside = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: { api_key: apiKey, service_code: 'S02', lat: 20, long: 100 },
    });
    expect(outside.body).toMatch(/<errors><error><code>400<\/code><description>字段 lat\/long 无效/);
    const badLat = await t.app.inject({ url: `/open311/v2/requests.json?api_key=${apiKey}&status=maybe` });
    expect(badLat.json()[0].code).toBe(400);
  });

  it('lets a resident read back their own request, and no one else’s', async () => {
    const keyOf = async (username: string) => {
      await t.userCookie('resident', '370983', username);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/identity/tokens',
        payload: { username, password: TEST_PASSWORD, name: '市民 App', ttlDays: 30 },
      });
      return res.json().token as string;
    };
    const mine = await keyOf('open311.resident');
    const other = await keyOf('open311.neighbour');
    const filed = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: mine, service_code: 'S02', lat: point.lat, long: point.lng, description: '楼道灯不亮' },
    });
    const [{ service_request_id: id }] = filed.json();
    const back = await t.app.inject({ url: `/open311/v2/requests/${id}.json?api_key=${mine}` });
    expect(back.json()[0]).toMatchObject({ service_request_id: id, description: '楼道灯不亮', status: 'open' });
    const theirs = await t.app.inject({ url: `/open311/v2/requests/${id}.json?api_key=${other}` });
    expect(theirs.statusCode).toBe(404);
    // the list of an area stays with its staff
    expect((await t.app.inject({ url: `/open311/v2/requests.json?api_key=${mine}` })).statusCode).toBe(403);
    // and the hotline's staff still read any request of their area
    expect(
      (await t.app.inject({ url: `/open311/v2/requests/${id}.json?api_key=${apiKey}` })).json()[0].service_request_id,
    ).toBe(id);
  });
});
