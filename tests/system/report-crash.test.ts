import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminSession,
  okJson,
  residentToken,
  restartableServer,
  type ServerProcess,
  startServerProcess,
} from '../support/server-process.js';

/**
 * Kill -9 the server while 1,000 residents report at once; restart it; let every client retry with its
 * Idempotency-Key. Every report that was answered must still be there with the same case, and no retry may
 * create a second case. Runs on the embedded engine, or on PostgreSQL when DATABASE_URL is set.
 */
const REPORTS = 1000;
const KILL_AFTER = 250;
let setup: Awaited<ReturnType<typeof restartableServer>>;
let server: ServerProcess | undefined;

beforeAll(async () => {
  setup = await restartableServer('shanzhi_crash');
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await setup?.cleanUp();
});

describe('a crash in the middle of 1,000 concurrent reports', () => {
  it('loses no acknowledged report and creates no duplicate on retry', async () => {
    server = await startServerProcess(setup.env);
    const token = await residentToken(
      server,
      await adminSession(server, 'Crash-Boss-Pass-2026', setup.admin),
      'crash.resident',
    );
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

    server = await startServerProcess(setup.env);
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
    const mine = await okJson(
      await fetch(`${after.base}/api/cases?box=reported_by_me&limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(mine.total).toBe(REPORTS);
  }, 300_000);
});
