import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShanzhi, type Shanzhi } from '../../../app.js';
import { topicFilter } from '../domain/messages.js';
import type { IotModule } from '../index.js';
import { alarmOf, type Scene, startScene } from './fixture.js';

/**
 * Two Shanzhi instances on one database subscribe to Mosquitto with the same MQTT 5 shared subscription: the broker
 * splits the stream between them, every message is handled by exactly one, and every alarm is stored once.
 */
const MOSQUITTO = process.env.MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
let s: Scene;
let second: Shanzhi;

beforeAll(async () => {
  s = await startScene({ mqttUrl: MOSQUITTO });
  const config = s.t.ctx.config;
  second = await createShanzhi(
    { ...config, iot: { ...config.iot, instanceId: `${config.iot.instanceId}-second` } },
    { db: s.t.db, serveWeb: false },
  );
});
afterAll(async () => {
  await second?.close();
  await s?.close();
});

describe('several instances behind one shared subscription', () => {
  it('split the stream between them and store every alarm once', async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `SHARE-${i}`);
    for (const [i, code] of codes.entries()) await s.device(code, { floor: 40 + i });
    // the second instance learns of devices registered on the first through the database's notifications
    await expect.poll(() => second.module<IotModule>('iot').ingestor.size).toBe(s.t.iot.ingestor.size);

    const before = s.t.iot.ingestor.counters.received + second.module<IotModule>('iot').ingestor.counters.received;
    for (let round = 0; round < 40; round++) {
      await Promise.all(codes.map((code) => s.publish(code, 'heartbeat', { battery: 90, signal: -80 })));
    }
    await Promise.all(codes.map((code) => s.publish(code, 'alarm', { event: 'smoke' })));
    for (const code of codes) await alarmOf(s, code, 'smoke');

    const one = s.t.iot.ingestor.counters.received;
    const two = second.module<IotModule>('iot').ingestor.counters.received;
    expect(one + two - before).toBe(codes.length * 41);
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(0);
    const smoke = (await s.alarms('status=all&type=smoke&limit=500')).filter((a) => a.deviceCode.startsWith('SHARE-'));
    expect(smoke.map((a) => a.deviceCode).sort()).toEqual([...codes].sort());
  });

  it('ends the session an instance had under its former, predictable client id, which would take a share', async () => {
    const config = s.t.ctx.config;
    const instanceId = `${config.iot.instanceId}-former`;
    // as the instance left it before its id had a token: subscribed, offline, the session kept
    const former = await connectAsync(MOSQUITTO, {
      clientId: `shanzhi-${config.iot.topicRoot}-${instanceId}`,
      clean: false,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 3600 },
    });
    await former.subscribeAsync(`$share/shanzhi/${topicFilter(config.iot.topicRoot)}`, { qos: 1 });
    await former.endAsync();
    const third = await createShanzhi(
      { ...config, iot: { ...config.iot, instanceId } },
      { db: s.t.db, serveWeb: false },
    );
    try {
      const codes = Array.from({ length: 12 }, (_, i) => `FORMER-${i}`);
      for (const [i, code] of codes.entries()) await s.device(code, { floor: 60 + i });
      await expect.poll(() => third.module<IotModule>('iot').ingestor.size).toBe(s.t.iot.ingestor.size);
      await Promise.all(codes.map((code) => s.publish(code, 'alarm', { event: 'smoke' })));
      for (const code of codes) await alarmOf(s, code, 'smoke');
    } finally {
      await third.close();
    }
  });
});
