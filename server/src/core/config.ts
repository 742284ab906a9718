import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AliyunSmsSettings } from './sms.js';
import type { MpWechatSettings } from './wechat.js';

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
  PUBLIC_URL: z.string().url().optional(),
  /** Who may say what the client's address and scheme were (X-Forwarded-For, -Proto, -Host): Fastify's trustProxy. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, 'true, false, or addresses/CIDRs, comma-separated')
    .default('false'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  EVENTS_RELAY: z.enum(['on', 'off']).default('on'),
  EVENTS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  SMS_GATEWAY: z.enum(['dev_outbox', 'aliyun']).default('dev_outbox'),
  SMS_ENDPOINT: z.string().url().default('https://dysmsapi.aliyuncs.com'),
  SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
  SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  SMS_SIGN_NAME: z.string().min(1).optional(),
  SMS_TEMPLATE_OTP: z.string().min(1).optional(),
  SMS_TEMPLATE_NOTICE: z.string().min(1).optional(),
  WECHAT_GATEWAY: z.enum(['dev', 'mp']).default('dev'),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_APP_ID: z.string().min(1).optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  WECHAT_TEMPLATE_NOTICE: z.string().min(1).optional(),
});

export type Engine = 'embedded' | 'server';

/** What the platform itself needs, whatever modules run. */
export interface CoreConfig {
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
  /** Where residents' phones reach this server: printed in QR codes, and the origin the console's writes come from. */
  publicUrl: string;
  /**
   * The proxies whose X-Forwarded-* headers are believed (Fastify's trustProxy): behind a TLS proxy the request is
   * https, so the session cookie is Secure and HSTS is sent.
   */
  trustProxy: boolean | string;
  /** Whether this instance relays the outbox to subscribers, and how often a failing delivery is tried. */
  events: { relay: boolean; maxAttempts: number };
  /** Where texts go: the development outbox, or Alibaba Cloud's SMS service with its approved templates. */
  sms: { gateway: 'dev_outbox' } | ({ gateway: 'aliyun' } & AliyunSmsSettings);
  /** Where WeChat template messages go: the development outbox, or an Official Account's template message API. */
  wechat: { gateway: 'dev' } | ({ gateway: 'mp' } & MpWechatSettings);
}

/**
 * Each module's settings under its name (`config.iot`, `config.cases`, …). A module adds its entry by declaration
 * merging in its `<name>.settings.ts`, next to the environment variables it reads.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by each module's declaration merging
export interface ModuleSettings {}

export interface Config extends CoreConfig, ModuleSettings {}

/** A module's environment variables (a zod fragment of the one environment schema) and the settings they make. */
export interface SettingsFragment {
  key: keyof ModuleSettings;
  env: z.ZodObject;
  build(env: Record<string, unknown>, core: CoreConfig): unknown;
}

export function defineSettings<K extends keyof ModuleSettings, S extends z.ZodObject>(
  key: K,
  env: S,
  build: (env: z.output<S>, core: CoreConfig) => ModuleSettings[K],
): SettingsFragment {
  return { key, env, build: build as SettingsFragment['build'] };
}

/** Every environment variable the core and these modules read: README's configuration table must name each. */
export function environmentVariables(settings: readonly SettingsFragment[]): string[] {
  return [...Object.keys(envSchema.shape), ...settings.flatMap((f) => Object.keys(f.env.shape))];
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function trustProxyOf(value: string): boolean | string {
  return value === 'true' || value === 'false' ? value === 'true' : value;
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

/**
 * The one configuration: the core's variables and every module's fragment, checked together so that every wrong
 * variable is named at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv, settings: readonly SettingsFragment[]): Config {
  // An empty variable means "not set", as shells and .env files commonly write it.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const problems: string[] = [];
  const parse = <S extends z.ZodObject>(schema: S): z.output<S> | undefined => {
    const parsed = schema.safeParse(given);
    if (parsed.success) return parsed.data;
    problems.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    return undefined;
  };
  const e = parse(envSchema);
  const fragments = settings.map((f) => ({ f, parsed: parse(f.env) }));
  if (!e || problems.length) throw new ConfigError(problems);
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
  if (e.SMS_GATEWAY === 'aliyun') {
    const missing = (
      [
        'SMS_ACCESS_KEY_ID',
        'SMS_ACCESS_KEY_SECRET',
        'SMS_SIGN_NAME',
        'SMS_TEMPLATE_OTP',
        'SMS_TEMPLATE_NOTICE',
      ] as const
    )
      .filter((k) => !e[k])
      .map((k) => `${k}: required when SMS_GATEWAY=aliyun`);
    if (missing.length) throw new ConfigError(missing);
  }
  if (e.WECHAT_GATEWAY === 'mp') {
    const missing = (['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TEMPLATE_NOTICE'] as const)
      .filter((k) => !e[k])
      .map((k) => `${k}: required when WECHAT_GATEWAY=mp`);
    if (missing.length) throw new ConfigError(missing);
  }
  const core: CoreConfig = {
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
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    events: { relay: e.EVENTS_RELAY === 'on', maxAttempts: e.EVENTS_MAX_ATTEMPTS },
    sms:
      e.SMS_GATEWAY === 'aliyun'
        ? {
            gateway: 'aliyun',
            endpoint: e.SMS_ENDPOINT,
            accessKeyId: e.SMS_ACCESS_KEY_ID as string,
            accessKeySecret: e.SMS_ACCESS_KEY_SECRET as string,
            signName: e.SMS_SIGN_NAME as string,
            templates: { otp: e.SMS_TEMPLATE_OTP as string, notice: e.SMS_TEMPLATE_NOTICE as string },
          }
        : { gateway: 'dev_outbox' },
    wechat:
      e.WECHAT_GATEWAY === 'mp'
        ? {
            gateway: 'mp',
            apiBase: e.WECHAT_API_BASE,
            appId: e.WECHAT_APP_ID as string,
            appSecret: e.WECHAT_APP_SECRET as string,
            templates: { notice: e.WECHAT_TEMPLATE_NOTICE as string },
          }
        : { gateway: 'dev' },
  };
  const modules = Object.fromEntries(fragments.map(({ f, parsed }) => [f.key, f.build(parsed ?? {}, core)]));
  return { ...core, ...modules } as Config;
}
