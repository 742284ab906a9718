import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Keys are 32 random bytes, base64-encoded; checked here so a typo fails at start, not at first use. */
const key32 = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: key32.optional(),
  DATA_KEY: key32.optional(),
  DATA_KEY_VERSION: z
    .string()
    .regex(/^v\d{1,3}$/, 'v1, v2, …')
    .default('v1'),
  /** Keys a rotation retired, still needed to read what they sealed: `v1:<base64>,v2:<base64>`. */
  DATA_KEYS_RETIRED: z
    .string()
    .regex(/^(v\d{1,3}:[A-Za-z0-9+/=]{40,}(,|$))+$/, 'version:base64key, comma-separated')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().min(1).optional(),
  DEMO_DATA: z.enum(['none', 'grids', 'demo']).default('demo'),
  DEMO_SCALE: z.enum(['small', 'district']).default('small'),
  MAP_TILE_URL: z.string().url().optional(),
  MAP_TILE_CRS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  MAP_TILE_ATTRIBUTION: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  ESCALATION_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  CJK_FONT: z.string().optional(),
  MQTT_URL: z
    .string()
    .regex(/^mqtts?:\/\//, 'must start with mqtt:// or mqtts://')
    .optional(),
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
  MQTT_PROTOCOL_VERSION: z.enum(['4', '5']).default('5'),
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1884),
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
});

export type Engine = 'embedded' | 'server';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  engine: Engine;
  databaseUrl?: string;
  databasePoolSize: number;
  sessionSecret: Buffer;
  dataKey: Buffer;
  dataKeyVersion: string;
  retiredDataKeys: { version: string; key: Buffer }[];
  logLevel: string;
  /** Logs go to this file instead of standard output. */
  logFile?: string;
  /** none: real divisions only; grids: and generated grids; demo: and synthetic buildings, people, devices. */
  demoData: 'none' | 'grids' | 'demo';
  /** How many synthetic residents the demo district gets: small for a first look, district for 雨花台区's size. */
  demoScale: 'small' | 'district';
  map: { tileUrl?: string; tileCrs: 'wgs84' | 'gcj02'; attribution?: string };
  sessionTtlHours: number;
  lockout: { threshold: number; minutes: number };
  /** How often overdue cases are escalated; 0 turns the job off (tests drive it by hand). */
  escalationIntervalSeconds: number;
  /** Where residents' phones reach this server: printed in QR codes. */
  publicUrl: string;
  /** A font with Chinese glyphs for PDFs; the Noto CJK font of Debian's fonts-noto-cjk unless set. */
  cjkFont: string;
  iot: {
    /** An external broker (Mosquitto, EMQX); unset runs the embedded broker on `embeddedPort`. */
    mqttUrl?: string;
    username?: string;
    password?: string;
    protocolVersion: 4 | 5;
    embeddedPort: number;
    topicRoot: string;
    /** Names this instance's persistent MQTT session: the same id after a restart gets the queued messages. */
    instanceId: string;
    /** How often escalation, offline detection and fault cases run; 0 turns them off (tests drive them). */
    jobIntervalSeconds: number;
    flushMs: number;
    webhookSecret?: string;
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

interface StoredSecrets {
  sessionSecret: string;
  dataKey: string;
}

/** Embedded mode keeps its generated secrets beside its data so a restart can still read what it wrote. */
function embeddedSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    sessionSecret: randomBytes(32).toString('base64'),
    dataKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as shells and .env files commonly write it.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const engine: Engine = e.DATABASE_URL ? 'server' : 'embedded';
  const dataDir = path.resolve(e.DATA_DIR);
  let sessionSecret = e.SESSION_SECRET;
  let dataKey = e.DATA_KEY;
  if (engine === 'server') {
    const missing = [
      !sessionSecret && 'SESSION_SECRET: required when DATABASE_URL is set (openssl rand -base64 32)',
      !dataKey && 'DATA_KEY: required when DATABASE_URL is set (openssl rand -base64 32)',
    ].filter((m): m is string => Boolean(m));
    if (missing.length) throw new ConfigError(missing);
  } else if (!sessionSecret || !dataKey) {
    const stored = embeddedSecrets(dataDir);
    sessionSecret ??= stored.sessionSecret;
    dataKey ??= stored.dataKey;
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    engine,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sessionSecret: Buffer.from(sessionSecret as string, 'base64'),
    dataKey: Buffer.from(dataKey as string, 'base64'),
    dataKeyVersion: e.DATA_KEY_VERSION,
    retiredDataKeys: (e.DATA_KEYS_RETIRED ?? '')
      .split(',')
      .filter(Boolean)
      .map((entry) => {
        const [version, key] = entry.split(':') as [string, string];
        return { version, key: Buffer.from(key, 'base64') };
      }),
    logLevel: e.LOG_LEVEL,
    logFile: e.LOG_FILE,
    demoData: e.DEMO_DATA,
    demoScale: e.DEMO_SCALE,
    map: { tileUrl: e.MAP_TILE_URL, tileCrs: e.MAP_TILE_CRS, attribution: e.MAP_TILE_ATTRIBUTION },
    sessionTtlHours: e.SESSION_TTL_HOURS,
    lockout: { threshold: e.LOCKOUT_THRESHOLD, minutes: e.LOCKOUT_MINUTES },
    escalationIntervalSeconds: e.ESCALATION_INTERVAL_SECONDS,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    cjkFont: e.CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    iot: {
      mqttUrl: e.MQTT_URL,
      username: e.MQTT_USERNAME,
      password: e.MQTT_PASSWORD,
      protocolVersion: e.MQTT_PROTOCOL_VERSION === '4' ? 4 : 5,
      embeddedPort: e.MQTT_PORT,
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
    },
  };
}
