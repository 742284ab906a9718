import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';
import type { MessageType } from '../domain/messages.js';

/**
 * Two districts on one deployment, 青山湖区 (360111) and 雨花台区 (320114), each with its own administrator beside
 * the global one: what one district configures or reads must stay its own.
 */
let t: TestApp;
const users: Record<'qingshanhu' | 'yuhuatai' | 'water' | 'fireCentre', string> = {
  qingshanhu: '',
  yuhuatai: '',
  water: '',
  fireCentre: '',
};

const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie = t.adminCookie, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** A device of the given kind at the first grid of the district. */
async function deviceIn(district: string, code: string, kind = 'smoke') {
  const [grid] = await t.db.query<{ code: string }>(
    `SELECT g.code FROM geo_grids g, geo_regions r WHERE r.code = $1 AND g.path <@ r.path ORDER BY g.code LIMIT 1`,
    [district],
  );
  const { centroid } = (await call('GET', `/api/geo/grids/${grid?.code}`)).json().grid;
  const res = await call('POST', '/api/iot/devices', t.adminCookie, {
    code,
    kind,
    location: { lng: centroid[0], lat: centroid[1] },
    ownerName: '测试物业',
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function send(code: string, type: MessageType, payload: unknown) {
  await t.iot.ingestor.handleTyped('http', code, type, JSON.stringify(payload));
  await t.iot.ingestor.flush();
}

async function alarmsOf(code: string): Promise<{ id: number; type: string; status: string }[]> {
  const res = await call('GET', '/api/iot/alarms?status=all');
  return res.json().items.filter((a: { deviceCode: string }) => a.deviceCode === code);
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['320114', '360111'] });
  const centre = await call('POST', '/api/iot/fire-centres', t.adminCookie, {
    districtCode: '360111',
    letters: 'a',
    name: '青山湖区智慧消防服务中心',
    lng: 115.95,
    lat: 28.68,
  });
  expect(centre.statusCode, centre.body).toBe(201);
  users.qingshanhu = await t.userCookie('district_admin', '360111', 'admin.qingshanhu');
  users.yuhuatai = await t.userCookie('district_admin', '320114', 'admin.yuhuatai');
  users.water = await t.userCookie('department_staff', '360111', 'water.qingshanhu', '360111-water');
  users.fireCentre = await t.userCookie('department_staff', '360111', 'fire.qingshanhu', '360111-fire_centre_a');
});
afterAll(async () => t?.stop());

describe('fire safety configuration belongs to a district', () => {
  it('refuses a fire centre in another district, naming the field', async () => {
    const res = await call('POST', '/api/iot/fire-centres', users.qingshanhu, {
      districtCode: '320114',
      letters: 'x',
      name: '越界的消防服务中心',
      lng: 118.77,
      lat: 31.99,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'auth.out_of_scope', field: 'districtCode' });
    const codes = (await call('GET', '/api/iot/fire-centres')).json().items.map((c: { orgCode: string }) => c.orgCode);
    expect(codes).not.toContain('320114-fire_centre_x');
    const own = await call('POST', '/api/iot/fire-centres', users.yuhuatai, {
      districtCode: '320114',
      letters: 'a',
      name: '雨花台区智慧消防服务中心',
      lng: 118.77,
      lat: 31.99,
    });
    expect(own.statusCode, own.body).toBe(201);
  });

  it('keeps a district’s own rules to its devices, the defaults to the global administrator', async () => {
    const own = await call('PUT', '/api/iot/rules', users.qingshanhu, { residualCurrentMa: 500, version: 0 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      residualCurrentMa: 500,
      districtCode: '360111',
      ownSettings: ['residualCurrentMa'],
    });
    const across = await call('PUT', '/api/iot/rules', users.qingshanhu, {
      districtCode: '320114',
      ackTimeoutSeconds: 3600,
      version: 0,
    });
    expect(across.statusCode).toBe(403);
    expect(across.json().error).toMatchObject({ code: 'auth.out_of_scope', field: 'districtCode' });
    // the deployment's defaults are untouched, and 雨花台区 reads them as what applies there
    expect((await call('GET', '/api/iot/rules')).json()).toMatchObject({
      residualCurrentMa: 300,
      ackTimeoutSeconds: 180,
      districtCode: null,
      version: 0,
    });
    const global = await call('PUT', '/api/iot/rules', t.adminCookie, { residualCurrentMa: 400, version: 0 });
    expect(global.json()).toMatchObject({ residualCurrentMa: 400, districtCode: null, version: 1 });
    expect((await call('GET', '/api/iot/rules', users.yuhuatai)).json()).toMatchObject({
      residualCurrentMa: 400,
      districtCode: '320114',
      ownSettings: [],
      version: 0,
    });
    expect((await call('GET', '/api/iot/rules', users.qingshanhu)).json()).toMatchObject({
      residualCurrentMa: 500,
      districtCode: '360111',
    });

    await deviceIn('320114', 'ELEC-YHT-01', 'electrical');
    await deviceIn('360111', 'ELEC-QSH-01', 'electrical');
    await send('ELEC-YHT-01', 'telemetry', { values: { residualCurrent: 450 } });
    await send('ELEC-QSH-01', 'telemetry', { values: { residualCurrent: 450 } });
    expect((await alarmsOf('ELEC-YHT-01')).map((a) => a.type)).toEqual(['residual_current']);
    expect(await alarmsOf('ELEC-QSH-01')).toEqual([]);
  });

  it('shows a district administrator only the dead letters of their own devices', async () => {
    await deviceIn('320114', 'SMK-YHT-DL', 'smoke');
    await deviceIn('360111', 'SMK-QSH-DL', 'smoke');
    await send('SMK-YHT-DL', 'alarm', { event: 'volcano' });
    await send('SMK-QSH-DL', 'alarm', { event: 'volcano' });
    await send('NO-SUCH-DEVICE', 'alarm', { event: 'smoke' });
    const topics = async (cookie: string) =>
      (await call('GET', '/api/iot/dead-letters', cookie)).json().items.map((d: { topic: string }) => d.topic);
    expect(await topics(users.qingshanhu)).toEqual(['SMK-QSH-DL/alarm']);
    expect(await topics(users.yuhuatai)).toEqual(['SMK-YHT-DL/alarm']);
    expect((await topics(t.adminCookie)).sort()).toEqual([
      'NO-SUCH-DEVICE/alarm',
      'SMK-QSH-DL/alarm',
      'SMK-YHT-DL/alarm',
    ]);
  });

  it('lets a department acknowledge a fire alarm but only the fire centre clear and close it', async () => {
    await deviceIn('360111', 'SMK-QSH-01', 'smoke');
    await send('SMK-QSH-01', 'alarm', { event: 'smoke' });
    const [alarm] = await alarmsOf('SMK-QSH-01');
    expect(alarm?.status).toBe('active_unack');
    const url = `/api/iot/alarms/${alarm?.id}`;
    expect((await call('POST', `${url}/acknowledge`, users.water, {})).statusCode).toBe(200);
    const clear = await call('POST', `${url}/clear`, users.water);
    expect(clear.statusCode).toBe(403);
    expect(clear.json().error.code).toBe('iot.not_responder');
    const close = await call('POST', `${url}/close`, users.water, { classification: 'false_alarm' });
    expect(close.statusCode).toBe(403);
    expect((await alarmsOf('SMK-QSH-01'))[0]?.status).toBe('active_ack');
    expect((await call('POST', `${url}/clear`, users.fireCentre)).statusCode).toBe(200);
    const closed = await call('POST', `${url}/close`, users.fireCentre, { classification: 'false_alarm' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
  });
});
