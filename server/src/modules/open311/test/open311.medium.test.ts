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
    // status_notes is the latest note of those who handle it, never the description
    expect(one.json()[0].status_notes).toBe('');
    // a period is at most 90 days: asking from 2020 lists what the last 90 days hold
    const long = await t.app.inject({
      url: `/open311/v2/requests.json?api_key=${apiKey}&start_date=2020-01-01T00:00:00Z`,
    });
    expect(long.json().map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const old = await t.app.inject({
      url: `/open311/v2/requests.json?api_key=${apiKey}&start_date=2020-01-01T00:00:00Z&end_date=2020-12-31T00:00:00Z`,
    });
    expect(old.json()).toEqual([]);
    const token = await t.app.inject({ url: `/open311/v2/tokens/${id}.json?api_key=${apiKey}` });
    expect(token.json()).toEqual([{ service_request_id: id, token: id }]);
  });

  it('answers errors in the Open311 format, naming the Open311 field', async () => {
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { service_code: 'S02', lat: point.lat, long: point.lng },
    });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: '字段 api_key 无效：缺少 api_key 或 api_key 无效' }]);
    const badKey = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: 'not-a-key', service_code: 'S02', lat: point.lat, long: point.lng },
    });
    expect(badKey.statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'accept-language': 'en' },
      payload: { api_key: apiKey, service_code: 'ZZ99', lat: point.lat, long: point.lng },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()[0]).toEqual({
      code: 404,
      description: 'Field service_code is invalid: service ZZ99 does not exist or is inactive',
    });
    const noService = await t.app.inject({ url: '/open311/v2/services/ZZ99.json' });
    expect(noService.statusCode).toBe(404);
    const noRequest = await t.app.inject({ url: '/open311/v2/requests/SZ2026010100000x.json' });
    expect(noRequest.statusCode).toBe(404);
    expect(noRequest.json()[0].code).toBe(404);
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
    // a neighbour, with a key or without one, reads the public form: no words, the community for an address, the
    // point to about 100 m
    for (const url of [`/open311/v2/requests/${id}.json?api_key=${other}`, `/open311/v2/requests/${id}.json`]) {
      const theirs = (await t.app.inject({ url })).json()[0];
      expect(theirs).toMatchObject({ service_request_id: id, status: 'open', description: '', status_notes: '' });
      expect(theirs.address).toMatch(/社区|村/);
      expect(theirs.lat).toBe(Math.round(point.lat * 1000) / 1000);
    }
    const listed = (await t.app.inject({ url: `/open311/v2/requests.json?api_key=${mine}` })).json();
    expect(listed.find((r: { service_request_id: string }) => r.service_request_id === id).description).toBe(
      '楼道灯不亮',
    );
    // and the hotline's staff still read any request of their area
    expect(
      (await t.app.inject({ url: `/open311/v2/requests/${id}.json?api_key=${apiKey}` })).json()[0].service_request_id,
    ).toBe(id);
  });
});
