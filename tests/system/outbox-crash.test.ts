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
 * The outbox across a crash: reports are committed with their events, the process is killed -9 before any event is
 * delivered, and after a restart every reporter hears about every report exactly once — not zero times, not twice,
 * however often the process starts again. Runs on the embedded engine, or on PostgreSQL when DATABASE_URL is set.
 */
const REPORTS = 20;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-outbox-'));
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
    DEMO_DATA: 'grids',
    SESSION_SECRET: randomBytes(32).toString('base64'),
    DATA_KEY: randomBytes(32).toString('base64'),
    ESCALATION_INTERVAL_SECONDS: '0',
  };
  const database = await templateDatabase(dataDir, 'shanzhi_outbox');
  env = { ...env, ...database.env };
  admin = database.admin;
  dropDatabase = database.drop;
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

async function residentToken(s: ServerProcess, cookie: string): Promise<string> {
  const created = await json(
    await postJson(
      s.base,
      '/api/identity/users',
      { username: 'outbox.resident', displayName: '居民', role: 'resident', scopeCode: '370983' },
      { cookie },
    ),
  );
  const first = String(
    (
      await postJson(s.base, '/api/identity/sessions', {
        username: 'outbox.resident',
        password: created.oneTimePassword,
      })
    ).headers.get('set-cookie'),
  ).split(';')[0] as string;
  await postJson(
    s.base,
    '/api/identity/password',
    { currentPassword: created.oneTimePassword, newPassword: 'Outbox-Resident-2026' },
    { cookie: first },
  );
  return (
    await json(
      await postJson(s.base, '/api/identity/tokens', {
        username: 'outbox.resident',
        password: 'Outbox-Resident-2026',
        name: 'phone',
      }),
    )
  ).token;
}

describe('a crash between a commit and the delivery of its events', () => {
  it('delivers each event once after the restart, and never again', async () => {
    // this instance commits events but relays none of them: every report's event is still undelivered at the kill
    server = await startServerProcess({ ...env, EVENTS_RELAY: 'off' });
    const adminCookie = await adminSession(server, 'Outbox-Boss-Pass-2026', admin);
    const token = await residentToken(server, adminCookie);
    const auth = { authorization: `Bearer ${token}` };
    const numbers: string[] = [];
    for (let i = 0; i < REPORTS; i++) {
      const res = await postJson(
        server.base,
        '/api/cases',
        { categoryCode: 'S05', description: `楼道堆放杂物 ${i}`, location: { lng: 116.7712, lat: 36.1791 } },
        { ...auth, 'idempotency-key': `outbox-${i}-${randomBytes(4).toString('hex')}` },
      );
      numbers.push((await json(res)).case.number);
    }
    const inbox = async (s: ServerProcess) =>
      (await json(await fetch(`${s.base}/api/notify/messages?limit=100`, { headers: auth }))).items as {
        titleEn: string;
      }[];
    expect(await inbox(server)).toHaveLength(0);
    await server.stop('SIGKILL');

    server = await startServerProcess(env);
    const restarted = server;
    await expect.poll(async () => (await inbox(restarted)).length, { timeout: 30_000 }).toBe(REPORTS);
    const told = (await inbox(restarted)).map((m) => m.titleEn);
    for (const n of numbers)
      expect(
        told.filter((t) => t.includes(n)),
        n,
      ).toHaveLength(1);

    // a second crash and start finds nothing left to deliver and tells nobody twice
    await server.stop('SIGKILL');
    server = await startServerProcess(env);
    const again = server;
    // the relay has run once nothing is left pending; a delivery claimed by the killed process waits out its
    // lease (a minute on PostgreSQL) before it runs again
    const pending = async () =>
      (
        await json(
          await fetch(`${again.base}/api/admin/events/deliveries?status=pending`, {
            headers: { cookie: adminCookie },
          }),
        )
      ).counts.pending;
    await expect.poll(pending, { timeout: 90_000 }).toBe(0);
    expect(await inbox(again)).toHaveLength(REPORTS);
  }, 300_000);
});
