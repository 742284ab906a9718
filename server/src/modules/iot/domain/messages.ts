import { z } from 'zod';

/**
 * Topic scheme v1 (docs/IOT.md): `<root>/v1/devices/<device code>/<type>`, JSON payloads, QoS 1.
 * The version sits in the topic so a v2 can run beside v1 while devices are re-flashed.
 */
export const MESSAGE_TYPES = ['heartbeat', 'telemetry', 'alarm', 'fault'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Client ids of Shanzhi's own MQTT clients start with it; a device code may not. */
export const RESERVED_CLIENT_PREFIX = 'shanzhi-';

export const topicFilter = (root: string) => `${root}/v1/devices/+/+`;
export const deviceTopic = (root: string, code: string, type: MessageType) => `${root}/v1/devices/${code}/${type}`;

export function parseTopic(root: string, topic: string): { code: string; type: MessageType } | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== root || parts[1] !== 'v1' || parts[2] !== 'devices') return undefined;
  const type = parts[4] as MessageType;
  if (!MESSAGE_TYPES.includes(type)) return undefined;
  return { code: parts[3] as string, type };
}

/** Epoch milliseconds or an ISO 8601 string; devices without a clock may leave it out. */
const deviceTime = z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]);

const common = {
  ts: deviceTime.optional(),
  seq: z.number().int().nonnegative().optional(),
  battery: z.number().min(0).max(100).optional(),
  /** RSSI in dBm, as NB-IoT modules report it. */
  signal: z.number().min(-150).max(0).optional(),
};

export const telemetryValues = z
  .object({
    temperature: z.number().min(-60).max(1000),
    smoke: z.number().min(0).max(100),
    current: z.number().min(0).max(1000),
    charging: z.boolean(),
    residualCurrent: z.number().min(0).max(100_000),
    cableTemperature: z.number().min(-60).max(1000),
    pressure: z.number().min(0).max(10),
  })
  .partial()
  .strict();
export type TelemetryValues = z.infer<typeof telemetryValues>;

// strict: a field the scheme does not name is a firmware this version does not understand, so a dead letter
export const payloadSchemas = {
  heartbeat: z.strictObject(common),
  telemetry: z.strictObject({ ...common, values: telemetryValues }),
  alarm: z.strictObject({
    ...common,
    event: z.enum(['smoke', 'heat', 'test']),
    state: z.enum(['raise', 'clear']).default('raise'),
    values: telemetryValues.optional(),
  }),
  fault: z.strictObject({
    ...common,
    fault: z.enum(['tamper', 'sensor', 'low_battery', 'power']),
    state: z.enum(['raise', 'clear']).default('raise'),
  }),
} as const;

export type DeviceMessage =
  | ({ type: 'heartbeat' } & z.infer<typeof payloadSchemas.heartbeat>)
  | ({ type: 'telemetry' } & z.infer<typeof payloadSchemas.telemetry>)
  | ({ type: 'alarm' } & z.infer<typeof payloadSchemas.alarm>)
  | ({ type: 'fault' } & z.infer<typeof payloadSchemas.fault>);

const utf8 = new TextDecoder();

/** One reason, in a line, for the dead-letter table: never an exception out of the ingestion. */
export function parsePayload(
  type: MessageType,
  raw: Uint8Array | string,
): { ok: true; message: DeviceMessage } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : utf8.decode(raw));
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const parsed = payloadSchemas[type].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys')
      return { ok: false, reason: `${[...issue.path, issue.keys[0]].join('.')}: unknown field` };
    return { ok: false, reason: `${issue?.path.join('.') || '(payload)'}: ${issue?.message}` };
  }
  return { ok: true, message: { type, ...parsed.data } as DeviceMessage };
}

export const deviceTimeOf = (m: DeviceMessage): Date | null =>
  m.ts === undefined ? null : new Date(typeof m.ts === 'number' ? m.ts : Date.parse(m.ts));
