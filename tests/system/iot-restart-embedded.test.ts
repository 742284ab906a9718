import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, restartableServer, type ServerProcess, startServerProcess } from '../support/server-process.js';

/**
 * Devices sign in to the embedded broker and publish QoS 1 smoke alarms; Shanzhi is killed (-9) while they do and
 * started again on the same port. The broker is Shanzhi's own process, so its memory dies with it: an alarm a device
 * was told "received" (PUBACK) must be stored already, and the devices send again what was not acknowledged.
 */
const DEVICES = 120;
const root = `e${randomBytes(4).toString('hex')}`;
let setup: Awaited<ReturnType<typeof restartableServer>>;
let server: ServerProcess | undefined;
let devices: MqttClient[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  // the devices come back to the broker where they left it
  setup = await restartableServer('shanzhi_iot_restart_embedded', {
    IOT_JOB_INTERVAL_SECONDS: '0',
    IOT_TOPIC_ROOT: root,
    MQTT_PORT: String(await freePort()),
  });
});

afterAll(async () => {
  await Promise.all(devices.map((d) => d.endAsync(true)));
  await server?.stop('SIGKILL');
  await setup?.cleanUp();
});

describe('killing Shanzhi while devices publish alarms to its embedded broker', () => {
  it('has stored every alarm it acknowledged, and stores none twice', async () => {
    server = await startServerProcess(setup.env);
    const cookie = await adminSession(server, 'Restart-Boss-2026', setup.admin);
    const get = async (url: string) =>
      (await fetch(`${(server as ServerProcess).base}${url}`, { headers: { cookie } })).json();
    const grid = (await get('/api/geo/regions/370983002001/grids')).features[0].properties.code;
    const [lng, lat] = (await get(`/api/geo/grids/${grid}`)).grid.centroid as [number, number];
    // outdoor detectors at a point, in no building: no two alarms confirm each other into a fire incident
    const codes = Array.from({ length: DEVICES }, (_, i) => `EMB-${String(i).padStart(4, '0')}`);
    const csv = ['设备编号,设备类型,经度,纬度,业主单位', ...codes.map((c) => `${c},smoke,${lng},${lat},测试物业`)].join(
      '\n',
    );
    const form = new FormData();
    form.append('file', new Blob([csv]), 'devices.csv');
    const imported = await (
      await fetch(`${server.base}/api/iot/devices/import`, { method: 'POST', headers: { cookie }, body: form })
    ).json();
    expect(imported.imported).toBe(DEVICES);
    const brokerUrl = `mqtt://127.0.0.1:${setup.env.MQTT_PORT}`;
    devices = await Promise.all(
      (imported.credentials as { code: string; secret: string }[]).map(({ code, secret }) =>
        connectAsync(brokerUrl, { clientId: code, username: code, password: secret, reconnectPeriod: 300 }),
      ),
    );

    const acknowledged = new Set<string>();
    let killAfter: () => void = () => undefined;
    const enoughAcknowledged = new Promise<void>((resolve) => {
      killAfter = resolve;
    });
    const sent = devices.map((device, i) => {
      const code = codes[i] as string;
      return device
        .publishAsync(`${root}/v1/devices/${code}/alarm`, JSON.stringify({ event: 'smoke', ts: Date.now() }), {
          qos: 1,
        })
        .then(() => {
          acknowledged.add(code);
          if (acknowledged.size >= 10) killAfter();
        });
    });
    await enoughAcknowledged;
    await server.stop('SIGKILL');
    const beforeKill = [...acknowledged];
    // what the dead process had not acknowledged, the devices send again once it is back
    server = await startServerProcess(setup.env);
    await Promise.all(sent);

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
      .toBe(DEVICES);
    const storedCodes = stored.map((a) => a.deviceCode);
    expect(storedCodes).toEqual(expect.arrayContaining(beforeKill));
    expect(new Set(storedCodes)).toEqual(new Set(codes));
  }, 300_000);
});
