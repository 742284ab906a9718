import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

const MAIN = path.join(import.meta.dirname, '../../server/src/main.ts');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  startMs: number;
  admin?: { username: string; oneTimePassword: string };
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

/** Signs the first administrator in with the one-time password, sets a real one, and returns the session cookie. */
export async function adminSession(server: ServerProcess, newPassword: string): Promise<string> {
  const admin = server.admin;
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
