import { createHash, timingSafeEqual } from 'node:crypto';
import { applySignals } from '../commands/apply-signals.js';
import {
  activeAlarmKeys,
  type DeadLetter,
  type DirectoryRow,
  directoryPage,
  insertDeadLetters,
  insertTelemetry,
  upsertStates,
} from '../db/iot.repository.js';
import type { AlarmType } from '../domain/alarm-types.js';
import { deviceTimeOf, type MessageType, parsePayload, parseTopic } from '../domain/messages.js';
import { evaluate, type RuleDevice, type RuleMemory, type Signal } from '../domain/rules.js';
import type { IotDeps } from '../iot.deps.js';

/** One device as the ingestion holds it: what the rules need, and its latest state until the next flush. */
interface LiveDevice extends RuleDevice {
  id: number;
  code: string;
  buildingId: number | null;
  floor: number | null;
  venueId: number | null;
  gridPath: string;
  enabled: boolean;
  secretHash: string;
  lastSeen: number;
  battery: number | null;
  signal: number | null;
  memory: RuleMemory | undefined;
}

export type IngestSource = 'mqtt' | 'http';

const DEAD_LETTER_BUFFER = 10_000;
const PAGE = 50_000;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * The hot path. Heartbeats and telemetry change memory only and are written in batches by `flush`; a message
 * whose rules raise or clear an alarm is written before `handle` resolves, so the broker's acknowledgement (sent
 * when it resolves) means the alarm is on disk. Nothing a device sends throws: bad input becomes a dead letter.
 */
export class Ingestor {
  private readonly devices = new Map<string, LiveDevice>();
  private active = new Map<string, Set<AlarmType>>();
  private dirty = new Set<LiveDevice>();
  private telemetry = {
    ids: [] as number[],
    receivedAt: [] as Date[],
    deviceTime: [] as (Date | null)[],
    values: [] as string[],
  };
  private deadLetters: DeadLetter[] = [];
  private flushing: Promise<void> | undefined;
  readonly counters = { received: 0, deadLettered: 0, deadLettersDropped: 0, alarmWrites: 0 };
  /** Whether the message just handed in went to the dead letters (read synchronously after `handle`). */
  lastDeadLettered = false;

  constructor(
    private readonly deps: IotDeps,
    readonly topicRoot: string,
  ) {}

  get size(): number {
    return this.devices.size;
  }

  async load(): Promise<void> {
    let after = 0;
    for (;;) {
      const rows = await directoryPage(this.deps.ctx.db, after, PAGE);
      for (const r of rows) this.put(r);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
    await this.refreshActive();
  }

  /** Another instance, an operator or the offline job may have raised or cleared alarms: the database is the truth. */
  async refreshActive(): Promise<void> {
    const next = new Map<string, Set<AlarmType>>();
    for (const { code, type } of await activeAlarmKeys(this.deps.ctx.db)) {
      const set = next.get(code) ?? new Set<AlarmType>();
      set.add(type);
      next.set(code, set);
    }
    this.active = next;
  }

  put(r: DirectoryRow): void {
    const known = this.devices.get(r.code);
    this.devices.set(r.code, {
      id: r.id,
      code: r.code,
      kind: r.kind,
      heatClass: r.heatClass,
      heatMode: r.heatMode,
      buildingId: r.buildingId,
      floor: r.floor,
      venueId: r.venueId,
      gridPath: r.gridPath,
      enabled: r.enabled,
      secretHash: r.secretHash,
      lastSeen: known?.lastSeen ?? r.lastSeen ?? 0,
      battery: known?.battery ?? null,
      signal: known?.signal ?? null,
      memory: known?.memory,
    });
  }

  forgetAlarm(code: string, type: AlarmType): void {
    this.active.get(code)?.delete(type);
  }

  /** Device credentials for the embedded broker: the device's own secret, compared in constant time. */
  authenticate(code: string, secret: string): boolean {
    const d = this.devices.get(code);
    if (!d?.enabled) return false;
    const a = Buffer.from(hashSecret(secret), 'hex');
    const b = Buffer.from(d.secretHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  handle(source: IngestSource, topic: string, payload: Buffer | string): Promise<void> | undefined {
    this.counters.received++;
    this.lastDeadLettered = false;
    const t = parseTopic(this.topicRoot, topic);
    if (!t) return this.deadLetter(source, topic, payload, 'unknown topic');
    return this.handleTyped(source, t.code, t.type, payload, topic);
  }

  handleTyped(
    source: IngestSource,
    code: string,
    type: MessageType,
    payload: Buffer | string,
    topic = `${code}/${type}`,
  ): Promise<void> | undefined {
    this.lastDeadLettered = false;
    const device = this.devices.get(code);
    if (!device) return this.deadLetter(source, topic, payload, 'unknown device');
    if (!device.enabled) return this.deadLetter(source, topic, payload, 'device disabled', device.gridPath);
    const parsed = parsePayload(type, payload);
    if (!parsed.ok) return this.deadLetter(source, topic, payload, parsed.reason, device.gridPath);
    const message = parsed.message;
    const now = Date.now();
    device.lastSeen = now;
    if (message.battery !== undefined) device.battery = Math.round(message.battery);
    if (message.signal !== undefined) device.signal = Math.round(message.signal);
    this.dirty.add(device);
    const deviceTime = deviceTimeOf(message);
    if (message.type === 'telemetry') {
      this.telemetry.ids.push(device.id);
      this.telemetry.receivedAt.push(new Date(now));
      this.telemetry.deviceTime.push(deviceTime);
      this.telemetry.values.push(JSON.stringify(message.values));
    }
    const { signals, memory } = evaluate(device, device.memory ?? {}, message, this.deps.rules(device.gridPath), now);
    device.memory = memory.temperature === undefined && memory.chargingSince === undefined ? undefined : memory;
    const active = this.active.get(code);
    // a clear needs a write only when this alarm is active; raises always write (a repeat updates the alarm)
    const needed = signals.filter((s) => s.state === 'raise' || active?.has(s.type));
    if (!needed.length) return undefined;
    return this.writeSignals(device, needed, deviceTime, now);
  }

  private async writeSignals(device: LiveDevice, signals: Signal[], deviceTime: Date | null, now: number) {
    this.counters.alarmWrites++;
    await applySignals(this.deps, device, signals, deviceTime, new Date(now));
    const set = this.active.get(device.code) ?? new Set<AlarmType>();
    for (const s of signals) {
      if (s.state === 'raise') set.add(s.type);
      else set.delete(s.type);
    }
    if (set.size) this.active.set(device.code, set);
    else this.active.delete(device.code);
  }

  private deadLetter(
    source: IngestSource,
    topic: string,
    payload: Buffer | string,
    reason: string,
    gridPath: string | null = null,
  ): undefined {
    this.counters.deadLettered++;
    this.lastDeadLettered = true;
    if (this.deadLetters.length >= DEAD_LETTER_BUFFER) {
      this.counters.deadLettersDropped++;
      return undefined;
    }
    const text = typeof payload === 'string' ? payload : payload.toString('utf8');
    this.deadLetters.push({
      source,
      topic: storable(topic).slice(0, 300),
      payload: storable(text).slice(0, 2000),
      reason: storable(reason),
      gridPath,
    });
    return undefined;
  }

  /** Writes the batched state, telemetry and dead letters; one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    // a device reloaded since its last message sits here twice (old and new object): one row per device id
    const dirty = [...new Map([...this.dirty].map((d) => [d.id, d])).values()];
    this.dirty = new Set();
    const telemetry = this.telemetry;
    this.telemetry = { ids: [], receivedAt: [], deviceTime: [], values: [] };
    const dead = this.deadLetters;
    this.deadLetters = [];
    const db = this.deps.ctx.db;
    if (dirty.length) {
      await upsertStates(db, {
        ids: dirty.map((d) => d.id),
        lastSeen: dirty.map((d) => new Date(d.lastSeen)),
        battery: dirty.map((d) => d.battery),
        signal: dirty.map((d) => d.signal),
      });
    }
    await insertTelemetry(db, telemetry);
    await insertDeadLetters(db, dead);
  }

  /** Rough bytes per device of the live state, for the bench's memory figure. */
  describe() {
    return { devices: this.devices.size, activeAlarmDevices: this.active.size, ...this.counters };
  }
}

/**
 * PostgreSQL text cannot hold U+0000, and one such byte in a batch of dead letters would fail the whole insert: it is
 * kept as the six characters `\u0000`, so the letter still shows what the device sent.
 */
function storable(text: string): string {
  return text.replaceAll('\0', '\\u0000');
}
