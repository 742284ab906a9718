import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, restartableServer, type ServerProcess, startServerProcess } from '../support/server-process.js';

/**
 * Devices publish QoS 1 smoke alarms through Mosquitto while Shanzhi is killed (-9) and started again. Its MQTT
 * session is persistent, and it acknowledges an alarm only once it is stored: every alarm must be there afterwards,
 * once each — those it had taken before the kill, those the broker kept while it was down, those sent after.
 */
const ALARMS = 300;
const MOSQUITTO = process.env.MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
const root = `r${randomBytes(4).toString('hex')}`;
let setup: Awaited<ReturnType<typeof restartableServer>>;
let server: ServerProcess | undefined;
let publisher: MqttClient | undefined;

beforeAll(async () => {
  // the test brings its own devices through the import
  setup = await restartableServer('shanzhi_iot_restart', {
    IOT_JOB_INTERVAL_SECONDS: '0',
    MQTT_URL: MOSQUITTO,
    IOT_TOPIC_ROOT: root,
    IOT_INSTANCE_ID: `restart-${root}`,
  });
});

afterAll(async () => {
  await publisher?.endAsync();
  await server?.stop('SIGKILL');
  await setup?.cleanUp();
});

describe('restarting Shanzhi while devices publish alarms through Mosquitto', () => {
  it('loses no alarm and stores none twice', async () => {
    server = await startServerProcess(setup.env);
    const cookie = await adminSession(server, 'Restart-Boss-2026', setup.admin);
    const get = async (url: string) =>
      (await fetch(`${(server as ServerProcess).base}${url}`, { headers: { cookie } })).json();
    const grid = (await get('/api/geo/regions/370983002001/grids')).features[0].properties.code;
    const [lng, lat] = (await get(`/api/geo/grids/${grid}`)).grid.centroid as [number, number];
    // outdoor detectors at a point, in no building: no two alarms confirm each other into a fire incident
    const codes = Array.from({ length: ALARMS }, (_, i) => `RST-${String(i).padStart(4, '0')}`);
    const csv = ['设备编号,设备类型,经度,纬度,业主单位', ...codes.map((c) => `${c},smoke,${lng},${lat},测试物业`)].join(
      '\n',
    );
    const form = new FormData();
    form.append('file', new Blob([csv]), 'devices.csv');
    const imported = await fetch(`${server.base}/api/iot/devices/import`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    expect((await imported.json()).imported).toBe(ALARMS);

    publisher = await connectAsync(MOSQUITTO, { protocolVersion: 5, clientId: `devices-${root}` });
    const client = publisher;
    const send = (code: string) =>
      client.publishAsync(`${root}/v1/devices/${code}/alarm`, JSON.stringify({ event: 'smoke', ts: Date.now() }), {
        qos: 1,
      });
    const first = codes.slice(0, 100).map(send);
    await server.stop('SIGKILL');
    await Promise.all(first);
    await Promise.all(codes.slice(100, 200).map(send));
    server = await startServerProcess(setup.env);
    await Promise.all(codes.slice(200).map(send));

    const base = server.base;
    let stored: { deviceCode: string }[] = [];
    await expect
      .poll(
        async () => {
          const res = await fetch(`${base}/api/iot/alarms?status=all&type=smoke&limit=500`, { headers: { cookie } });
          stored = (await res.json()).items;
          return stored.length;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(ALARMS);
    expect(new Set(stored.map((a) => a.deviceCode))).toEqual(new Set(codes));
    // a first start with its demo seeding, then a restart, on a busy two-core machine
  }, 300_000);
});
