import { type ChildProcess, fork } from 'node:child_process';
import { cpSync } from 'node:fs';
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
 * A server process's database, a copy of the run's template with every demo district's grids (what DEMO_DATA=grids
 * seeds): the template's data directory copied into dataDir, or a PostgreSQL database created from the template
 * database when DATABASE_URL is set. The process then starts as on any later start: the first administrator
 * exists, and its one-time password comes from the template, not from the process.
 */
export async function templateDatabase(
  dataDir: string,
  prefix: string,
): Promise<{ env: Record<string, string>; admin: FirstAdmin; drop: () => Promise<void> }> {
  const template = await testTemplate('all');
  if (template.engine === 'embedded') {
    cpSync(template.dataDir, dataDir, { recursive: true });
    return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, admin: template.admin, drop: async () => undefined };
  }
  const created = await createServerDatabase(template.adminUrl, prefix, template.database);
  return { env: { DATA_DIR: dataDir, DATABASE_URL: created.url }, admin: template.admin, drop: created.drop };
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
