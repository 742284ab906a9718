import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../core/events.js';
import { startTestApp, type TestApp } from '../../../test/support.js';

/**
 * The platform's records for its administrator: the audit trail, readable and exportable, and the event outbox —
 * delivered in order per case, retried, given up as a dead letter that is shown and can be sent back, and never
 * delivered twice to a subscriber that keys its effect on the event id.
 */
let t: TestApp;
let resident: string;
let point: { lng: number; lat: number };
/** What the test subscriber heard, and whether it should fail the next time. */
const heard: DomainEvent<'cases.case_reported.v1' | 'cases.case_accepted.v1'>[] = [];
let failures = 0;

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'], env: { EVENTS_MAX_ATTEMPTS: '2' } });
  t.events.subscribe('test.listener', ['cases.case_reported.v1', 'cases.case_accepted.v1'], async (event) => {
    if (failures > 0) {
      failures--;
      throw new Error('listener is down');
    }
    heard.push(event);
  });
  resident = await t.userCookie('resident', '370983', 'admin.resident');
  const located = await t.app.inject({
    url: '/api/geo/locate?lng=116.7712&lat=36.1791',
    headers: { cookie: resident },
  });
  point = { lng: located.json().wgs84[0], lat: located.json().wgs84[1] };
});
afterAll(async () => t?.stop());

const report = async (description: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: resident },
    payload: { categoryCode: 'S05', description, location: point },
  });
  expect(res.statusCode).toBe(201);
  return res.json().case as { id: number; number: string };
};

const get = (url: string) => t.app.inject({ url, headers: { cookie: t.adminCookie } });

describe('the audit trail', () => {
  it('shows who did what and when, filtered by action, actor and subject, a page at a time', async () => {
    for (const name of ['audit.one', 'audit.two', 'audit.three']) await t.userCookie('grid_worker', '370983', name);
    const all = (await get('/api/admin/audit?limit=2')).json();
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(3);
    expect(all.next).toBe(all.items[1].id);
    const second = (await get(`/api/admin/audit?limit=2&before=${all.next}`)).json();
    expect(second.items[0].id).toBeLessThan(all.items[1].id);

    const created = (await get('/api/admin/audit?action=identity.user_created&limit=100')).json();
    expect(created.items.map((r: { detail: { username?: string } }) => r.detail.username)).toEqual(
      expect.arrayContaining(['audit.one', 'audit.two', 'audit.three']),
    );
    expect(created.items.every((r: { actorName: string }) => r.actorName === 'admin')).toBe(true);
    const worker = (await get('/api/admin/audit?actor=audit.one&limit=5')).json().items;
    expect(worker[0]).toMatchObject({ actorName: 'audit.one', actorDisplayName: '测试grid_worker' });
    const byPrefix = (await get('/api/admin/audit?action=identity.&limit=500')).json();
    expect(byPrefix.total).toBeGreaterThanOrEqual(created.total);
    expect(byPrefix.items.every((r: { action: string }) => r.action.startsWith('identity.'))).toBe(true);

    const actions = (await get('/api/admin/audit/actions')).json().items;
    expect(actions).toContain('identity.user_created');

    const future = (await get('/api/admin/audit?from=2099-01-01')).json();
    expect(future).toEqual({ items: [], total: 0, next: null });
    const bad = await get('/api/admin/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('from');
  });

  it('exports the filtered trail as a spreadsheet, and the export is itself on record', async () => {
    const res = await get('/api/admin/audit.xlsx?action=identity.user_created');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志');
    expect(sheet?.getRow(1).getCell(3).value).toBe('操作 Action');
    const actions = new Set<unknown>();
    sheet?.eachRow((row, n) => n > 1 && actions.add(row.getCell(3).value));
    expect([...actions]).toEqual(['identity.user_created']);
    const exported = (await get('/api/admin/audit?action=admin.audit_exported')).json();
    expect(exported.items[0].detail).toMatchObject({ count: sheet ? sheet.rowCount - 1 : -1 });
  });
});

describe('the event outbox', () => {
  it('delivers a case’s events to each subscriber in the order they happened, retrying a failure first', async () => {
    heard.length = 0;
    failures = 1;
    const c = await report('楼道灯坏了');
    const staff = await t.userCookie('district_admin', '370983', 'admin.dispatcher');
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      headers: { cookie: staff },
      payload: { action: 'accept' },
    });
    expect(accepted.statusCode).toBe(200);
    // the report's delivery failed once and waits a second; the acceptance may not overtake it
    await expect.poll(() => heard.filter((e) => e.aggregate === `case:${c.id}`).length, { timeout: 15_000 }).toBe(2);
    const mine = heard.filter((e) => e.aggregate === `case:${c.id}`);
    expect(mine.map((e) => e.type)).toEqual(['cases.case_reported.v1', 'cases.case_accepted.v1']);
    expect(mine[0]?.id).toBeLessThan(mine[1]?.id as number);
    expect(mine[0]?.payload.number).toBe(c.number);
  });

  it('shows a delivery that kept failing as a dead letter, and sends it back on request', async () => {
    failures = 2;
    const c = await report('井盖缺失');
    const dead = async () =>
      (await get('/api/admin/events/deliveries?status=dead&subscriber=test.listener')).json().items as {
        eventId: number;
        lastError: string;
        aggregate: string;
      }[];
    await expect
      .poll(async () => (await dead()).some((d) => d.aggregate === `case:${c.id}`), { timeout: 15_000 })
      .toBe(true);
    const letter = (await dead()).find((d) => d.aggregate === `case:${c.id}`);
    expect(letter?.lastError).toBe('listener is down');
    // the reporter heard back all the same: one subscriber's failure holds up no other
    await t.events.drain();
    const inbox = (await t.app.inject({ url: '/api/notify/messages', headers: { cookie: resident } })).json();
    expect(inbox.items.some((m: { titleZh: string }) => m.titleZh.includes(c.number))).toBe(true);

    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/admin/events/${letter?.eventId}/deliveries/test.listener/retry`,
      headers: { cookie: t.adminCookie },
    });
    expect(retry.statusCode).toBe(204);
    await t.events.drain();
    expect(heard.some((e) => e.id === letter?.eventId)).toBe(true);
    expect((await dead()).some((d) => d.eventId === letter?.eventId)).toBe(false);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/admin/events/${letter?.eventId}/deliveries/test.listener/retry`,
      headers: { cookie: t.adminCookie },
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('admin.no_dead_letter');
    // another district's administrator neither reads the deployment's deliveries nor sends them back
    const district = await t.userCookie('district_admin', '320114', 'admin.yuhuatai');
    const theirs = await t.app.inject({
      url: '/api/admin/events/deliveries?status=dead',
      headers: { cookie: district },
    });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().error.code).toBe('auth.out_of_scope');
    const retried = await t.app.inject({
      method: 'POST',
      url: `/api/admin/events/${letter?.eventId}/deliveries/test.listener/retry`,
      headers: { cookie: district },
    });
    expect(retried.json().error.code).toBe('auth.out_of_scope');
    const audited = (await get('/api/admin/audit?action=admin.delivery_retried')).json();
    expect(audited.items[0]).toMatchObject({ subject: `event:${letter?.eventId}`, actorName: 'admin' });
  });

  it('tells a person once per event even when the relay runs a delivery again', async () => {
    const c = await report('路灯不亮');
    await t.events.drain();
    const count = async () =>
      (await t.app.inject({ url: '/api/notify/messages?limit=100', headers: { cookie: resident } }))
        .json()
        .items.filter((m: { titleZh: string }) => m.titleZh.includes(c.number)).length;
    expect(await count()).toBe(1);
    // what a crash after the message, before the delivery was marked, leaves behind
    await t.db.query(
      `UPDATE core_event_deliveries d SET status = 'pending', next_at = now()
       FROM core_events e WHERE e.id = d.event_id AND e.aggregate = $1 AND d.subscriber = 'notify.case_steps'`,
      [`case:${c.id}`],
    );
    t.events.kick();
    await t.events.drain();
    const [row] = await t.db.query<{ status: string }>(
      `SELECT d.status FROM core_event_deliveries d JOIN core_events e ON e.id = d.event_id
       WHERE e.aggregate = $1 AND d.subscriber = 'notify.case_steps'`,
      [`case:${c.id}`],
    );
    expect(row?.status).toBe('delivered');
    expect(await count()).toBe(1);
  });
});
