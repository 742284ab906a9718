import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstAdmin } from '../../server/src/test/templates.js';
import {
  adminSession,
  postJson,
  type ServerProcess,
  startServerProcess,
  templateDatabase,
} from '../support/server-process.js';

/**
 * Kill -9 the server while 1,000 residents report at once; restart it; let every client retry with its
 * Idempotency-Key. Every report that was answered must still be there with the same case, and no retry may
 * create a second case. Runs on the embedded engine, or on PostgreSQL when DATABASE_URL is set.
 */
const REPORTS = 1000;
const KILL_AFTER = 250;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-crash-'));
let env: Record<string, string>;
let dropDatabase: () => Promise<void> = async () => undefined;
let admin: FirstAdmin;
let server: ServerProcess | undefined;

async function json(res: Response) {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

beforeAll(async () => {
  env = {
    // grids are all a report needs: the synthetic residents and devices would only slow the two starts
    DEMO_DATA: 'grids',
    SESSION_SECRET: randomBytes(32).toString('base64'),
    DATA_KEY: randomBytes(32).toString('base64'),
    ESCALATION_INTERVAL_SECONDS: '0',
  };
  const database = await templateDatabase(dataDir, 'shanzhi_crash');
  env = { ...env, ...database.env };
  admin = database.admin;
  dropDatabase = database.drop;
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

async function residentToken(server: ServerProcess): Promise<string> {
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    postJson(server.base, url, body, headers);
  const cookie = await adminSession(server, 'Crash-Boss-Pass-2026', admin);
  const created = await json(
    await post(
      '/api/identity/users',
      { username: 'crash.resident', displayName: '居民', role: 'resident', scopeCode: '370983' },
      { cookie },
    ),
  );
  const first = String(
    (
      await post('/api/identity/sessions', { username: 'crash.resident', password: created.oneTimePassword })
    ).headers.get('set-cookie'),
  ).split(';')[0] as string;
  await post(
    '/api/identity/password',
    { currentPassword: created.oneTimePassword, newPassword: 'Crash-Resident-2026' },
    { cookie: first },
  );
  return (
    await json(
      await post('/api/identity/tokens', {
        username: 'crash.resident',
        password: 'Crash-Resident-2026',
        name: 'phone',
      }),
    )
  ).token;
}

describe('a crash in the middle of 1,000 concurrent reports', () => {
  it('loses no acknowledged report and creates no duplicate on retry', async () => {
    server = await startServerProcess(env);
    const token = await residentToken(server);
    const keys = Array.from(
      { length: REPORTS },
      (_, i) => `crash-${i.toString().padStart(4, '0')}-${randomBytes(4).toString('hex')}`,
    );
    const body = JSON.stringify({
      categoryCode: 'S05',
      description: '楼道堆放杂物',
      location: { lng: 116.7712, lat: 36.1791 },
    });
    const send = (base: string, key: string) =>
      fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body,
      });

    const acknowledged = new Map<string, number>();
    const running = server;
    let killed: Promise<void> | undefined;
    await Promise.allSettled(
      keys.map(async (key) => {
        const res = await send(running.base, key);
        if (res.status !== 201 && res.status !== 200) return;
        acknowledged.set(key, (await res.json()).case.id);
        if (acknowledged.size >= KILL_AFTER && !killed) killed = running.stop('SIGKILL');
      }),
    );
    await killed;
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.size).toBeLessThan(REPORTS);

    server = await startServerProcess(env);
    const after = server;
    const retried = new Map<string, number>();
    for (let i = 0; i < keys.length; i += 100) {
      await Promise.all(
        keys.slice(i, i + 100).map(async (key) => {
          const res = await send(after.base, key);
          expect([200, 201]).toContain(res.status);
          retried.set(key, (await res.json()).case.id);
        }),
      );
    }
    for (const [key, id] of acknowledged) expect(retried.get(key), key).toBe(id);
    expect(new Set(retried.values()).size).toBe(REPORTS);
    const mine = await json(
      await fetch(`${after.base}/api/cases?box=reported_by_me&limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(mine.total).toBe(REPORTS);
  }, 300_000);
});
