// Smart fire safety's figures (issue 5), on PostgreSQL and Mosquitto, beside the raw broker in the same run:
//   1. 620,000 registered devices: directory load time and the memory their live state takes
//   2. sustained ingestion (messages/s) of a flood of QoS 1 heartbeats and telemetry through Mosquitto, beside a
//      plain MQTT.js subscriber counting the same flood (the broker's ceiling on this machine)
//   3. alarm-to-dispatch latency while the flood runs: device publish → alarm stored → fire centre step sent
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectAsync } from 'mqtt';
import { createShanzhi, migrationSources } from '../server/src/app.js';
import { openServer } from '../server/src/core/db.js';
import { migrate } from '../server/src/core/migrate.js';
import { seedCategories } from '../server/src/modules/cases/index.js';
import { gridShapes, listDistrictsAndStreets, seedGeo } from '../server/src/modules/geo/index.js';
import { seedOrgs } from '../server/src/modules/identity/index.js';
import { recordFireCentres } from '../server/src/modules/iot/commands/fire-centres.js';
import { insertDevices, type NewDevice } from '../server/src/modules/iot/db/iot.repository.js';
import type { IotModule } from '../server/src/modules/iot/index.js';
import { createModules, loadShanzhiConfig } from '../server/src/modules.js';
import { createServerDatabase } from '../server/src/test/support.js';
import { benchDeviceCode, benchDeviceKind, type FloodOrder } from './bench-iot-publisher.js';

const DEVICES = Number(process.env.BENCH_IOT_DEVICES ?? 620_000);
const MESSAGES = Number(process.env.BENCH_IOT_MESSAGES ?? 300_000);
let MOSQUITTO = '';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * A Mosquitto of the bench's own, so the system one keeps its settings: same binary, but a queue without a limit.
 * Mosquitto's default drops QoS 1 messages beyond 1,000 queued for a slow subscriber, which would measure losses,
 * not throughput (deployments size `max_queued_messages` the same way: docs/IOT.md).
 */
async function startMosquitto(dir: string): Promise<{ url: string; stop(): void }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => resolve(p));
    });
  });
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\npersistence false\nuser root\n`,
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    const ok = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 500 }).then(
      (c) => c.endAsync().then(() => true),
      () => false,
    );
    if (ok) return { url, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the bench Mosquitto did not start');
}

const PUBLISHERS = Number(process.env.BENCH_IOT_PUBLISHERS ?? 2);

/** The fleet in PUBLISHERS processes, each a share of the messages (and of the rate), so one client is not the limit. */
async function publish(order: FloodOrder): Promise<{ sent: number; alarms: number; ms: number }> {
  const started = Date.now();
  const parts = await Promise.all(
    Array.from(
      { length: PUBLISHERS },
      (_, p) =>
        new Promise<{ sent: number; alarms: number }>((resolve, reject) => {
          const child = fork(path.join(import.meta.dirname, 'bench-iot-publisher.ts'), [], {
            execArgv: ['--import', 'tsx'],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
          child.once('message', (m) => resolve(m as { sent: number; alarms: number }));
          child.once('exit', (code) => code && reject(new Error(`publisher exited with ${code}`)));
          child.send({
            ...order,
            messages: Math.floor(order.messages / PUBLISHERS) + (p === 0 ? order.messages % PUBLISHERS : 0),
            rate: order.rate / PUBLISHERS,
            part: p,
            // each process raises alarms on its own run of smoke detectors, so no alarm repeats another
            alarmOffset: p * Math.floor((order.devices * 0.7) / PUBLISHERS),
          });
        }),
    ),
  );
  return {
    sent: parts.reduce((n, x) => n + x.sent, 0),
    alarms: parts.reduce((n, x) => n + x.alarms, 0),
    ms: Date.now() - started,
  };
}

/** The ceiling: a subscriber that does nothing but count, on the same broker, the same flood. */
async function rawBroker(row: (...cells: (string | number)[]) => void) {
  const root = `raw${randomBytes(3).toString('hex')}`;
  const sub = await connectAsync(MOSQUITTO, { clientId: `bench-raw-${root}`, protocolVersion: 5, clean: true });
  let count = 0;
  let first = 0;
  let last = 0;
  sub.on('message', () => {
    if (!count) first = performance.now();
    count++;
    last = performance.now();
  });
  await sub.subscribeAsync(`${root}/v1/devices/+/+`, { qos: 1 });
  const pub = await publish({
    broker: MOSQUITTO,
    topicRoot: root,
    devices: DEVICES,
    messages: MESSAGES,
    alarmEvery: 0,
    window: 1000,
    rate: 0,
  });
  while (count < MESSAGES) await new Promise((r) => setTimeout(r, 20));
  await sub.endAsync();
  const rate = (count / (last - first)) * 1000;
  row(
    'MQTT QoS 1 through Mosquitto, plain MQTT.js subscriber counting — baseline',
    `${fmt(rate)} msg/s`,
    `${fmt(MESSAGES)} messages, publisher ${fmt((pub.sent / pub.ms) * 1000)} msg/s`,
  );
  return rate;
}

export async function benchIot(serverUrl: string, row: (...cells: (string | number)[]) => void) {
  const created = await createServerDatabase(serverUrl, 'shanzhi_bench_iot');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-bench-iot-'));
  const db = await openServer(created.url);
  const broker = await startMosquitto(dataDir);
  MOSQUITTO = broker.url;
  try {
    await migrate(db, migrationSources(createModules()));
    await seedGeo(db, { demoGrids: true, districts: ['320114'] });
    await seedOrgs(db, await listDistrictsAndStreets(db));
    await seedCategories(db);
    const grids = await gridShapes(db, '320114');
    const district = (await listDistrictsAndStreets(db)).find((r) => r.code === '320114');
    const corner = (g: (typeof grids)[number]) => g.geometry.coordinates[0]?.[0]?.[0] as [number, number];
    await recordFireCentres(
      db,
      ['a', 'b', 'c', 'd', 'e', 'f'].map((l, i) => {
        const [lng, lat] = corner(grids[Math.floor((i * grids.length) / 6)] as (typeof grids)[number]);
        return {
          orgCode: `320114-fire_centre_${l}`,
          name: `第${i + 1}智慧消防服务中心`,
          districtPath: district?.path ?? '',
          lng,
          lat,
        };
      }),
    );

    const t0 = performance.now();
    for (let i = 0; i < DEVICES; i += 10_000) {
      const batch: NewDevice[] = [];
      for (let j = i; j < Math.min(DEVICES, i + 10_000); j++) {
        const g = grids[j % grids.length] as (typeof grids)[number];
        const [lng, lat] = corner(g);
        const kind = benchDeviceKind(j, DEVICES) as NewDevice['kind'];
        batch.push({
          code: benchDeviceCode(j),
          kind,
          heatClass: kind === 'heat' ? 'A2' : null,
          heatMode: kind === 'heat' ? 'R' : null,
          buildingId: null,
          floor: null,
          room: null,
          venueId: null,
          venueKind: null,
          address: `${g.code} 网格`,
          lng,
          lat,
          gridCode: g.code,
          gridPath: g.path,
          ownerName: '基准测试',
          contactEnc: null,
          contactMasked: null,
          heartbeatSeconds: 3600,
          secretHash: '0'.repeat(64),
        });
      }
      await insertDevices(db, batch);
    }
    row(`register ${fmt(DEVICES)} devices (bulk insert)`, `${((performance.now() - t0) / 1000).toFixed(1)} s`, '');

    const rawRate = await rawBroker(row);

    gc();
    const before = process.memoryUsage();
    const root = `b${randomBytes(3).toString('hex')}`;
    const config = loadShanzhiConfig({
      DATABASE_URL: created.url,
      DATA_DIR: dataDir,
      SESSION_SECRET: randomBytes(32).toString('base64'),
      DATA_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      MQTT_URL: MOSQUITTO,
      IOT_TOPIC_ROOT: root,
      IOT_INSTANCE_ID: `bench-${root}`,
      IOT_JOB_INTERVAL_SECONDS: '0',
      ESCALATION_INTERVAL_SECONDS: '0',
    });
    const t1 = performance.now();
    const shanzhi = await createShanzhi(config, { db, serveWeb: false });
    const loadMs = performance.now() - t1;
    gc();
    const loaded = process.memoryUsage();
    row(
      `start with ${fmt(shanzhi.module<IotModule>('iot').ingestor.size)} devices: directory load`,
      `${(loadMs / 1000).toFixed(1)} s`,
      `live state ${mb(loaded.heapUsed - before.heapUsed)} heap (${fmt((loaded.heapUsed - before.heapUsed) / DEVICES)} B/device), RSS ${mb(loaded.rss)}`,
    );

    const ingestor = shanzhi.module<IotModule>('iot').ingestor;
    /** Publishes an order and waits until the ingestion has taken every message of it; shows progress. */
    async function stream(order: Omit<FloodOrder, 'broker' | 'topicRoot' | 'devices'>) {
      const startCount = ingestor.counters.received;
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const pub = publish({ broker: MOSQUITTO, topicRoot: root, devices: DEVICES, ...order });
      let first = 0;
      let shown = performance.now();
      while (ingestor.counters.received - startCount < order.messages) {
        if (!first && ingestor.counters.received > startCount) first = performance.now();
        if (performance.now() - shown > 2000) {
          shown = performance.now();
          process.stderr.write(
            `\r  ingested ${fmt(ingestor.counters.received - startCount)} / ${fmt(order.messages)}   `,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      process.stderr.write('\n');
      const ms = performance.now() - (first || t);
      await ingestor.flush();
      const cpu = process.cpuUsage(cpu0);
      return { ms, cpuShare: (cpu.user + cpu.system) / 1000 / ms, published: await pub };
    }

    const flood = await stream({ messages: MESSAGES, alarmEvery: 0, window: 1000, rate: 0 });
    const rate = (MESSAGES / flood.ms) * 1000;
    gc();
    row(
      'Shanzhi ingestion through Mosquitto, flood (rules, live state, batched writes)',
      `${fmt(rate)} msg/s`,
      `${((rate / rawRate) * 100).toFixed(0)}% of the raw broker; Shanzhi process ${(flood.cpuShare * 100).toFixed(0)}% of one core; heap ${mb(process.memoryUsage().heapUsed)}`,
    );

    // latency in a steady stream at ThingsBoard's published 2-vCPU figure, which the ingestion sustains with room
    const steady = Number(process.env.BENCH_IOT_STREAM_RATE ?? 5000);
    const seconds = 20;
    const run = await stream({ messages: steady * seconds, alarmEvery: 200, window: 1000, rate: steady });
    const dead = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM iot_dead_letters');
    const latency = await db.query<{ ms: number }>(
      `SELECT extract(epoch FROM e.sent_at - a.device_time) * 1000 AS ms FROM iot_alarms a
       JOIN iot_escalations e ON e.alarm_id = a.id AND e.step = 'fire_centre' WHERE a.type = 'smoke'`,
    );
    const ms = latency.map((r) => Number(r.ms));
    row(
      `alarm → stored → fire centre step sent, in a ${fmt(steady)} msg/s stream (${ms.length}/${run.published.alarms} alarms)`,
      `p50 ${pct(ms, 50).toFixed(1)} ms`,
      `p99 ${pct(ms, 99).toFixed(1)} ms; dead letters ${dead[0]?.n ?? 0}`,
    );
    await shanzhi.close();
  } finally {
    broker.stop();
    await db.close();
    await created.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
