import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createShanzhi, type Shanzhi } from '../app.js';
import { type Db, openEmbedded, openServer } from '../core/db.js';
import type { GeoModule } from '../modules/geo/index.js';
import type { IotModule } from '../modules/iot/index.js';
import { loadShanzhiConfig } from '../modules.js';
import { adminQuery, databaseUrl, type Grids, type Template, testTemplate } from './templates.js';

/**
 * Tests run on the engine CI selects: a throw-away PostgreSQL database when DATABASE_URL is set, an in-memory
 * PGlite otherwise, each a copy of the run's migrated and seeded template (templates.ts). Both go through the
 * same migrations and code.
 */
export const ENGINE = process.env.DATABASE_URL ? 'server' : 'embedded';
if (ENGINE === 'embedded' && !process.env.SHANZHI_QUIET_ENGINE) {
  console.info(
    '[shanzhi tests] engine: embedded PGlite (set DATABASE_URL to run the same tests on a PostgreSQL server)',
  );
}

/**
 * A new PostgreSQL database next to the one DATABASE_URL names, empty or a copy of a template database; `drop`
 * removes it again.
 */
export async function createServerDatabase(
  adminUrl: string,
  prefix = 'shanzhi_test',
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return {
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A database of the caller's own, a copy of the run's template for these grids; `drop` closes and removes it. */
export async function testDatabase(grids: Grids): Promise<{ db: Db; drop: () => Promise<void>; template: Template }> {
  const template = await testTemplate(grids);
  return { ...(await databaseFrom(template)), template };
}

async function databaseFrom(template: Template): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (template.engine === 'embedded') {
    const db = await openEmbedded('memory', { loadFrom: new Blob([readFileSync(template.tarball)]) });
    // the worker process runs the next file, so its PGlite (about a gigabyte) must not outlive this one
    return { db, drop: () => db.close() };
  }
  const created = await createServerDatabase(template.adminUrl, 'shanzhi_test', template.database);
  const db = await openServer(created.url);
  return {
    db,
    drop: async () => {
      await db.close();
      await created.drop();
    },
  };
}

export interface TestApp extends Shanzhi {
  geo: GeoModule;
  iot: IotModule;
  adminCookie: string;
  /** Signs a new user in through the API and returns their session cookie. */
  userCookie(role: string, scopeCode: string, username?: string, orgCode?: string): Promise<string>;
  stop(): Promise<void>;
}

export const TEST_PASSWORD = 'Test-Password-2026';
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  return String(first).split(';')[0] as string;
}

export async function startTestApp(
  opts: { grids?: Grids; serveWeb?: boolean; mqttUrl?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const { db, drop, template } = await testDatabase(opts.grids ?? 'all');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-test-'));
  const config = loadShanzhiConfig({
    LOG_LEVEL: 'silent',
    ESCALATION_INTERVAL_SECONDS: '0',
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('base64'),
    DATA_KEY: randomBytes(32).toString('base64'),
    // every test app its own broker port and topic root, so files running in parallel never hear each other
    MQTT_PORT: '0',
    HOST: '127.0.0.1',
    IOT_TOPIC_ROOT: `t${randomBytes(4).toString('hex')}`,
    IOT_JOB_INTERVAL_SECONDS: '0',
    IOT_FLUSH_MS: '100',
    IOT_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    // texts go out at whatever hour the suite runs; quiet hours are tested where they are computed
    NOTIFY_QUIET_HOURS: '00:00-00:00',
    ...(opts.mqttUrl ? { MQTT_URL: opts.mqttUrl } : {}),
    ...opts.env,
  });
  const shanzhi = await createShanzhi(config, { db, serveWeb: opts.serveWeb ?? false });
  // the template is seeded already and holds the first administrator, who signs in here for the first time
  const adminCookie = await signInAndSetPassword(shanzhi, template.admin.username, template.admin.oneTimePassword);

  let n = 0;
  return {
    ...shanzhi,
    geo: shanzhi.module<GeoModule>('geo'),
    iot: shanzhi.module<IotModule>('iot'),
    adminCookie,
    async userCookie(role, scopeCode, username, orgCode) {
      const res = await shanzhi.app.inject({
        method: 'POST',
        url: '/api/identity/users',
        headers: { cookie: adminCookie },
        payload: {
          username: username ?? `${role.replace(/_/g, '')}${++n}`,
          displayName: `测试${role}`,
          role,
          scopeCode,
          ...(orgCode ? { orgCode } : {}),
        },
      });
      if (res.statusCode !== 200) throw new Error(`create user failed: ${res.body}`);
      const { user, oneTimePassword } = res.json() as { user: { username: string }; oneTimePassword: string };
      return signInAndSetPassword(shanzhi, user.username, oneTimePassword);
    },
    async stop() {
      await shanzhi.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function signInAndSetPassword(s: Shanzhi, username: string, password: string): Promise<string> {
  const res = await s.app.inject({ method: 'POST', url: '/api/identity/sessions', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  const cookie = cookieOf(res);
  const change = await s.app.inject({
    method: 'POST',
    url: '/api/identity/password',
    headers: { cookie },
    payload: { currentPassword: password, newPassword: TEST_PASSWORD },
  });
  if (change.statusCode !== 204) throw new Error(`password change failed: ${change.body}`);
  return cookie;
}

/** A square building footprint around a point, `d` degrees each way (0.0002° is about 20 m). */
export function squareAround([x, y]: [number, number], d = 0.0002) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x - d, y - d],
        [x + d, y - d],
        [x + d, y + d],
        [x - d, y + d],
        [x - d, y - d],
      ],
    ],
  };
}
