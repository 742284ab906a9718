import os from 'node:os';
import { z } from 'zod';
import { defineSettings } from '../../core/config.js';

export interface IotSettings {
  /** An external broker (Mosquitto, EMQX); unset runs the embedded broker on `embeddedPort`. */
  mqttUrl?: string;
  username?: string;
  password?: string;
  protocolVersion: 4 | 5;
  embeddedPort: number;
  /** The largest MQTT packet a client may send the embedded broker (or an external broker may send Shanzhi). */
  maxPacketBytes: number;
  topicRoot: string;
  /** Names this instance's persistent MQTT session: the same id after a restart gets the queued messages. */
  instanceId: string;
  /** How often escalation, offline detection and fault cases run; 0 turns them off (tests drive them). */
  jobIntervalSeconds: number;
  flushMs: number;
  webhookSecret?: string;
}

declare module '../../core/config.js' {
  interface ModuleSettings {
    iot: IotSettings;
  }
}

export const iotSettings = defineSettings(
  'iot',
  z.object({
    MQTT_URL: z
      .string()
      .regex(/^mqtts?:\/\//, 'must start with mqtt:// or mqtts://')
      .optional(),
    MQTT_USERNAME: z.string().optional(),
    MQTT_PASSWORD: z.string().optional(),
    MQTT_PROTOCOL_VERSION: z.enum(['4', '5']).default('5'),
    MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1884),
    MQTT_MAX_PACKET_BYTES: z.coerce.number().int().min(1024).max(268_435_455).default(65_536),
    IOT_TOPIC_ROOT: z
      .string()
      .regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, _ or -')
      .default('shanzhi'),
    IOT_INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .optional(),
    IOT_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
    IOT_FLUSH_MS: z.coerce.number().int().min(50).max(60_000).default(500),
    IOT_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  }),
  (e) => ({
    mqttUrl: e.MQTT_URL,
    username: e.MQTT_USERNAME,
    password: e.MQTT_PASSWORD,
    protocolVersion: e.MQTT_PROTOCOL_VERSION === '4' ? 4 : 5,
    embeddedPort: e.MQTT_PORT,
    maxPacketBytes: e.MQTT_MAX_PACKET_BYTES,
    topicRoot: e.IOT_TOPIC_ROOT,
    instanceId:
      e.IOT_INSTANCE_ID ??
      os
        .hostname()
        .replace(/[^A-Za-z0-9_-]/g, '-')
        .slice(0, 40),
    jobIntervalSeconds: e.IOT_JOB_INTERVAL_SECONDS,
    flushMs: e.IOT_FLUSH_MS,
    webhookSecret: e.IOT_WEBHOOK_SECRET,
  }),
);
