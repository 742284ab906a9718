import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminSession,
  okJson,
  postJson,
  residentToken,
  restartableServer,
  type ServerProcess,
  startServerProcess,
} from '../support/server-process.js';

/**
 * The outbox across a crash: reports are committed with their events, the process is killed -9 before any event is
 * delivered, and after a restart every reporter hears about every report exactly once — not zero times, not twice,
 * however often the process starts again. Runs on the embedded engine, or on PostgreSQL when DATABASE_URL is set.
 */
const REPORTS = 20;
let setup: Awaited<ReturnType<typeof restartableServer>>;
let server: ServerProcess | undefined;

beforeAll(async () => {
  setup = await restartableServer('shanzhi_outbox');
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await setup?.cleanUp();
});

describe('a crash between a commit and the delivery of its events', () => {
  it('delivers each event once after the restart, and never again', async () => {
    // this instance commits events but relays none of them: every report's event is still undelivered at the kill
    server = await startServerProcess({ ...setup.env, EVENTS_RELAY: 'off' });
    const adminCookie = await adminSession(server, 'Outbox-Boss-Pass-2026', setup.admin);
    const token = await residentToken(server, adminCookie, 'outbox.resident');
    const auth = { authorization: `Bearer ${token}` };
    const numbers: string[] = [];
    for (let i = 0; i < REPORTS; i++) {
      const res = await postJson(
        server.base,
        '/api/cases',
        { categoryCode: 'S05', description: `楼道堆放杂物 ${i}`, location: { lng: 116.7712, lat: 36.1791 } },
        { ...auth, 'idempotency-key': `outbox-${i}-${randomBytes(4).toString('hex')}` },
      );
      numbers.push((await okJson(res)).case.number);
    }
    const inbox = async (s: ServerProcess) =>
      (await okJson(await fetch(`${s.base}/api/notify/messages?limit=100`, { headers: auth }))).items as {
        titleEn: string;
      }[];
    expect(await inbox(server)).toHaveLength(0);
    await server.stop('SIGKILL');

    server = await startServerProcess(setup.env);
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
    server = await startServerProcess(setup.env);
    const again = server;
    // the relay has run once nothing is left pending; a delivery claimed by the killed process waits out its
    // lease (a minute on PostgreSQL) before it runs again
    const pending = async () =>
      (
        await okJson(
          await fetch(`${again.base}/api/admin/events/deliveries?status=pending`, {
            headers: { cookie: adminCookie },
          }),
        )
      ).counts.pending;
    await expect.poll(pending, { timeout: 90_000 }).toBe(0);
    expect(await inbox(again)).toHaveLength(REPORTS);
  }, 300_000);
});
