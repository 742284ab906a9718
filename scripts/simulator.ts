// The device simulator's engine, shared by `npm run simulate`, the iot bench and the browser test: it publishes
// the v1 topic scheme (docs/IOT.md) for a list of devices over MQTT, a background stream of heartbeats and
// telemetry at a chosen rate, and scenarios on top.
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';

export interface SimDevice {
  code: string;
  kind: string;
  buildingId: number | null;
  floor: number | null;
}

export const SCENARIOS = ['false_alarm', 'real_fire', 'dying_battery', 'gateway_offline'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SimulationOptions {
  broker: string;
  topicRoot: string;
  devices: SimDevice[];
  /** Background messages a second, over all devices; 0 sends scenarios only. */
  rate: number;
  durationSeconds: number;
  scenarios: Scenario[];
  qos?: 0 | 1;
  mqtt?: IClientOptions;
  /** Scenario steps are this many seconds apart (shorter in tests). */
  stepSeconds?: number;
}

export interface Progress {
  elapsed: number;
  sent: number;
  acked: number;
  rate: number;
  events: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Normal readings for each kind, with a little noise: what a quiet night looks like. */
function background(d: SimDevice, i: number): { type: string; payload: object } {
  const battery = 60 + ((i * 7) % 40);
  const signal = -70 - ((i * 3) % 30);
  switch (d.kind) {
    case 'heat':
    case 'combined':
      return { type: 'telemetry', payload: { battery, signal, values: { temperature: 22 + ((i * 13) % 50) / 10 } } };
    case 'ebike_charger':
      return {
        type: 'telemetry',
        payload: { values: { current: 2 + ((i * 11) % 20) / 10, temperature: 30, charging: i % 3 !== 0 } },
      };
    case 'electrical':
      return { type: 'telemetry', payload: { values: { residualCurrent: 20 + (i % 60), cableTemperature: 32 } } };
    case 'water_pressure':
      return { type: 'telemetry', payload: { values: { pressure: 0.3 } } };
    default:
      return { type: 'heartbeat', payload: { battery, signal } };
  }
}

/** A building floor with two smoke detectors and a floor above with one, for the spreading fire. */
function fireSite(devices: SimDevice[]): { first: SimDevice[]; heat?: SimDevice; above: SimDevice[] } | undefined {
  const byFloor = new Map<string, SimDevice[]>();
  for (const d of devices) {
    if (d.buildingId === null || d.floor === null) continue;
    const key = `${d.buildingId}:${d.floor}`;
    byFloor.set(key, [...(byFloor.get(key) ?? []), d]);
  }
  for (const [key, list] of byFloor) {
    const smoke = list.filter((d) => d.kind === 'smoke');
    if (smoke.length < 2) continue;
    const [building, floor] = key.split(':').map(Number) as [number, number];
    const above = (byFloor.get(`${building}:${floor + 1}`) ?? []).filter((d) => d.kind === 'smoke');
    return { first: smoke, heat: list.find((d) => d.kind === 'heat' || d.kind === 'combined'), above };
  }
  return undefined;
}

export async function runSimulation(opts: SimulationOptions, onProgress?: (p: Progress) => void): Promise<Progress> {
  const qos = opts.qos ?? 1;
  const step = (opts.stepSeconds ?? 5) * 1000;
  const client: MqttClient = await connectAsync(opts.broker, {
    clientId: `shanzhi-sim-${process.pid}-${Date.now()}`,
    ...opts.mqtt,
  });
  const progress: Progress = { elapsed: 0, sent: 0, acked: 0, rate: 0, events: [] };
  const silenced = new Set<string>();
  const send = (d: SimDevice, type: string, payload: object) => {
    progress.sent++;
    const body = JSON.stringify({ ts: Date.now(), ...payload });
    return client.publishAsync(`${opts.topicRoot}/v1/devices/${d.code}/${type}`, body, { qos }).then(() => {
      progress.acked++;
    });
  };
  const note = (text: string) => progress.events.push(`${new Date().toISOString().slice(11, 19)} ${text}`);

  const scenarios = opts.scenarios.map(async (scenario) => {
    if (scenario === 'false_alarm') {
      // the other end of the list from the fire, so the two stories never share a building
      const d = [...opts.devices].reverse().find((x) => x.kind === 'smoke');
      if (!d) return;
      await send(d, 'alarm', { event: 'smoke' });
      note(`false alarm: ${d.code} smoke`);
      await sleep(step * 4);
      await send(d, 'alarm', { event: 'smoke', state: 'clear' });
      note(`false alarm: ${d.code} cleared`);
    } else if (scenario === 'real_fire') {
      const site = fireSite(opts.devices);
      if (!site) return note('real fire: no floor with two smoke detectors in the device list');
      const [a, b] = site.first as [SimDevice, SimDevice];
      await send(a, 'alarm', { event: 'smoke' });
      note(`real fire: ${a.code} smoke (building ${a.buildingId}, floor ${a.floor})`);
      await sleep(step);
      if (site.heat) {
        for (const temperature of [45, 58, 72]) {
          await send(site.heat, 'telemetry', { values: { temperature } });
          await sleep(step / 3);
        }
        note(`real fire: ${site.heat.code} 72 °C`);
      }
      await send(b, 'alarm', { event: 'smoke' });
      note(`real fire: ${b.code} smoke — second detector on the floor`);
      await sleep(step);
      for (const d of site.above) {
        await send(d, 'alarm', { event: 'smoke' });
        note(`real fire: spreading upward, ${d.code} smoke`);
      }
    } else if (scenario === 'dying_battery') {
      const smoke = opts.devices.filter((x) => x.kind === 'smoke');
      const d = smoke[Math.floor(smoke.length / 2)];
      if (!d) return;
      for (const battery of [35, 25, 18, 9]) {
        await send(d, 'heartbeat', { battery, signal: -90 });
        await sleep(step);
      }
      note(`dying battery: ${d.code} down to 9 %`);
    } else if (scenario === 'gateway_offline') {
      const building = opts.devices.find((x) => x.buildingId !== null)?.buildingId;
      for (const d of opts.devices) if (d.buildingId === building) silenced.add(d.code);
      note(`gateway offline: ${silenced.size} devices of building ${building} fall silent`);
    }
  });

  const started = Date.now();
  const end = started + opts.durationSeconds * 1000;
  let i = 0;
  let lastReport = started;
  let lastSent = 0;
  const inflight: Promise<void>[] = [];
  while (Date.now() < end) {
    if (opts.rate > 0 && opts.devices.length) {
      const due = Math.floor(((Date.now() - started) / 1000) * opts.rate);
      for (let tries = 0; progress.sent < due && inflight.length < 2000 && tries < opts.devices.length; tries++) {
        const d = opts.devices[i++ % opts.devices.length] as SimDevice;
        if (silenced.has(d.code)) continue;
        tries = 0;
        const { type, payload } = background(d, i);
        const p = send(d, type, payload);
        inflight.push(p);
        void p.finally(() => inflight.splice(inflight.indexOf(p), 1));
      }
    }
    const now = Date.now();
    if (now - lastReport >= 1000) {
      progress.elapsed = (now - started) / 1000;
      progress.rate = ((progress.sent - lastSent) * 1000) / (now - lastReport);
      lastSent = progress.sent;
      lastReport = now;
      onProgress?.(progress);
    }
    await sleep(opts.rate > 0 ? 5 : 100);
  }
  await Promise.all(scenarios);
  await Promise.all(inflight);
  progress.elapsed = (Date.now() - started) / 1000;
  onProgress?.(progress);
  await client.endAsync();
  return progress;
}
