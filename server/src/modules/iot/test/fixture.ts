import type { Response as LightMyRequestResponse } from 'light-my-request';
import { connectAsync, type MqttClient } from 'mqtt';
import { expect } from 'vitest';
import { squareAround, startTestApp, type TestApp } from '../../../test/support.js';
import { deviceTopic, type MessageType } from '../domain/messages.js';
import { SERVICE_USER, servicePassword } from '../ingest/mqtt.js';

/**
 * One fire-safety scene on a real district: a street, its community and a grid with a six-storey building in it,
 * a fire service centre with a member of staff, the street's rapid-response team, the grid worker and the street's
 * duty officer — everyone the escalation chain can reach.
 */
export interface Scene {
  t: TestApp;
  gridCode: string;
  buildingId: number;
  centre: [number, number];
  users: Record<
    | 'admin'
    | 'fireCentre'
    | 'rapid'
    | 'gridWorker'
    | 'streetDuty'
    | 'otherGrid'
    | 'commandCentre'
    | 'otherDistrictCentre',
    string
  >;
  publisher: MqttClient;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    cookie?: string,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  device(code: string, body?: Record<string, unknown>): Promise<{ id: number; secret: string }>;
  /** Another building in the grid, so that a test's fire alarms make an incident of their own. */
  building(name: string): Promise<number>;
  publish(code: string, type: MessageType, payload: unknown): Promise<void>;
  alarms(query?: string, cookie?: string): Promise<AlarmView[]>;
  close(): Promise<void>;
}

export interface AlarmView {
  id: number;
  deviceCode: string;
  type: string;
  severity: string;
  status: string;
  repeats: number;
  incidentId: number | null;
  caseId: number | null;
  escalationStep: number;
  classification: string | null;
}

const STREET = '370983002';
const COMMUNITY = '370983002001';

export async function startScene(opts: { mqttUrl?: string } = {}): Promise<Scene> {
  const t = await startTestApp({ grids: ['370983'], mqttUrl: opts.mqttUrl, env: { LOG_LEVEL: 'error' } });
  const call: Scene['call'] = (method, url, cookie = t.adminCookie, payload) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const grids = (await call('GET', `/api/geo/regions/${COMMUNITY}/grids`)).json().features;
  const gridCode = grids[0].properties.code as string;
  const otherGridCode = grids[1].properties.code as string;
  const grid = (await call('GET', `/api/geo/grids/${gridCode}`)).json().grid;
  const centre = grid.centroid as [number, number];
  const [x, y] = centre;
  const building = await call('POST', '/api/registry/buildings', t.adminCookie, {
    name: '演示 1 栋',
    address: '老城街道南关社区 1 栋',
    footprint: squareAround(centre),
    floors: 6,
  });
  expect(building.statusCode, building.body).toBe(201);
  const centreRes = await call('POST', '/api/iot/fire-centres', t.adminCookie, {
    districtCode: '370983',
    letters: 'a',
    name: '肥城市第一智慧消防服务中心',
    lng: x + 0.01,
    lat: y,
  });
  expect(centreRes.statusCode, centreRes.body).toBe(201);
  await call('POST', '/api/iot/fire-centres', t.adminCookie, {
    districtCode: '370983',
    letters: 'b',
    name: '肥城市第二智慧消防服务中心（远）',
    lng: x + 0.5,
    lat: y,
  });
  // nearer than either, but it serves another district: nothing here is its business
  const otherDistrict = await call('POST', '/api/iot/fire-centres', t.adminCookie, {
    districtCode: '320114',
    letters: 'c',
    name: '雨花台区智慧消防服务中心',
    lng: x + 0.001,
    lat: y,
  });
  expect(otherDistrict.statusCode, otherDistrict.body).toBe(201);
  const users = {
    admin: t.adminCookie,
    fireCentre: await t.userCookie('department_staff', '370983', 'fire.centre', '370983-fire_centre_a'),
    rapid: await t.userCookie('department_staff', STREET, 'rapid.team', `${STREET}-rapid_response`),
    gridWorker: await t.userCookie('grid_worker', gridCode, 'fire.gw'),
    streetDuty: await t.userCookie('street_staff', STREET, 'street.duty'),
    otherGrid: await t.userCookie('grid_worker', otherGridCode, 'other.gw'),
    commandCentre: await t.userCookie('command_centre', '370983', 'command.centre'),
    otherDistrictCentre: await t.userCookie('department_staff', '320114', 'fire.other', '320114-fire_centre_c'),
  };
  const embedded = !opts.mqttUrl;
  const publisher = await connectAsync(t.iot.brokerUrl, {
    clientId: `test-publisher-${Math.random().toString(16).slice(2)}`,
    ...(embedded ? { username: SERVICE_USER, password: servicePassword(t.ctx.config.dataKey) } : {}),
  });
  const root = t.ctx.config.iot.topicRoot;
  let buildings = 0;
  return {
    t,
    gridCode,
    buildingId: building.json().id,
    centre,
    users,
    publisher,
    call,
    async device(code, body = {}) {
      const res = await call('POST', '/api/iot/devices', t.adminCookie, {
        code,
        kind: 'smoke',
        buildingId: building.json().id,
        floor: 3,
        ownerName: '南关物业',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    async building(name) {
      const nth = ++buildings;
      const res = await call('POST', '/api/registry/buildings', t.adminCookie, {
        name,
        address: `老城街道南关社区 ${name}`,
        footprint: squareAround([x + nth * 0.0005, y + 0.0005]),
        floors: 6,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id;
    },
    async publish(code, type, payload) {
      await publisher.publishAsync(deviceTopic(root, code, type), JSON.stringify(payload), { qos: 1 });
    },
    async alarms(query = 'status=all', cookie = t.adminCookie) {
      const res = await call('GET', `/api/iot/alarms?${query}`, cookie);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items;
    },
    async close() {
      await publisher.endAsync();
      await t.stop();
    },
  };
}

/** Waits until the ingestion has written what the broker handed it (the publisher's ack comes from the broker). */
export async function alarmOf(s: Scene, code: string, type: string): Promise<AlarmView> {
  let found: AlarmView | undefined;
  await expect
    .poll(async () => {
      found = (await s.alarms()).find((a) => a.deviceCode === code && a.type === type);
      return found !== undefined;
    })
    .toBe(true);
  return found as AlarmView;
}
