import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServerDatabase } from '../../server/src/test/support.js';
import { type FirstAdmin, testTemplate } from '../../server/src/test/templates.js';

const MAIN = path.join(import.meta.dirname, '../../server/src/main.ts');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  startMs: number;
  admin?: FirstAdmin;
  /** SIGTERM waits for a graceful shutdown; SIGKILL is a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Shanzhi as its own process, the way `npm start` runs it, for tests and benchmarks that must kill or time it. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = fork(MAIN, [], {
      execArgv: ['--import', 'tsx'],
      // any free ports: several server processes (and a developer's own) may run at once
      env: { ...process.env, PORT: '0', MQTT_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const onExit = (code: number | null) => reject(new Error(`server exited early with ${code}`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.on('message', (m: { ready?: boolean; port: number; admin?: ServerProcess['admin'] }) => {
      if (!m.ready) return;
      child.off('exit', onExit);
      resolve({
        child,
        port: m.port,
        base: `http://127.0.0.1:${m.port}`,
        startMs: Date.now() - started,
        admin: m.admin,
        stop: (signal = 'SIGTERM') =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    });
  });
}

/** POSTs JSON to a server process, with the headers given (a session cookie, a bearer token). */
export const postJson = (base: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/**
 * What a test needs to start, kill and start again its own server process on the run's template (all demo grids):
 * a data directory with the template copied in (embedded) or a database made from it (PostgreSQL), fresh secrets,
 * the template's first administrator, and a clean-up for afterwards. `env` holds what the test adds.
 */
export async function restartableServer(
  prefix: string,
  env: Record<string, string> = {},
): Promise<{ env: Record<string, string>; admin: FirstAdmin; cleanUp: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const base = {
    // grids are all these tests need: synthetic residents and devices would only slow every start
    DEMO_DATA: 'grids',
    SESSION_SECRET: randomBytes(32).toString('base64'),
    DATA_KEY: randomBytes(32).toString('base64'),
    ESCALATION_INTERVAL_SECONDS: '0',
    DATA_DIR: dataDir,
    ...env,
  };
  const template = await testTemplate('all');
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (template.engine === 'embedded') {
    cpSync(template.dataDir, dataDir, { recursive: true });
    return { env: { ...base, DATABASE_URL: '' }, admin: template.admin, cleanUp: async () => removeDir() };
  }
  const created = await createServerDatabase(template.adminUrl, prefix, template.database);
  return {
    env: { ...base, DATABASE_URL: created.url },
    admin: template.admin,
    cleanUp: async () => {
      await created.drop();
      removeDir();
    },
  };
}

/** The body of a response that must have succeeded; anything else fails the test with the status and body. */
export async function okJson(res: Response) {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** A resident created by the administrator, with a password of their own, signed in as a phone's bearer token. */
export async function residentToken(server: ServerProcess, adminCookie: string, username: string): Promise<string> {
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    postJson(server.base, url, body, headers);
  const created = await okJson(
    await post(
      '/api/identity/users',
      { username, displayName: '居民', role: 'resident', scopeCode: '370983' },
      { cookie: adminCookie },
    ),
  );
  const first = String(
    (await post('/api/identity/sessions', { username, password: created.oneTimePassword })).headers.get('set-cookie'),
  ).split(';')[0] as string;
  const password = 'Resident-Phone-2026';
  await post(
    '/api/identity/password',
    { currentPassword: created.oneTimePassword, newPassword: password },
    { cookie: first },
  );
  return (await okJson(await post('/api/identity/tokens', { username, password, name: 'phone' }))).token;
}

/**
 * Signs the first administrator in with the one-time password (a first start's, or the template's), sets a real
 * one, and returns the session cookie.
 */
export async function adminSession(
  server: ServerProcess,
  newPassword: string,
  admin: FirstAdmin | undefined = server.admin,
): Promise<string> {
  if (!admin) throw new Error('this server process was not a first start: no one-time password');
  const signIn = await postJson(server.base, '/api/identity/sessions', {
    username: admin.username,
    password: admin.oneTimePassword,
  });
  const cookie = String(signIn.headers.get('set-cookie')).split(';')[0] as string;
  await postJson(
    server.base,
    '/api/identity/password',
    { currentPassword: admin.oneTimePassword, newPassword },
    { cookie },
  );
  return cookie;
}
