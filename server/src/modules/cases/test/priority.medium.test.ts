import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/auth.js';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { transitionCase } from '../commands/transition-case.js';
import { escalateOverdue } from '../jobs/escalate-overdue.js';

/**
 * 分级响应 in 肥城市 (370983): urgent, important and normal cases, each with its own 立案, 派遣 and 办结 limits, and
 * every inbox listing urgent first.
 */
let t: TestApp;
let point: { lng: number; lat: number };
const u: Record<string, string> = {};
const STREET = '370983002';
const COMMUNITY = `${STREET}001`;

type Row = { action: string; actorName: string; note: string; detail: Record<string, unknown> };
type Msg = { titleZh: string; subject: string };

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const report = async (cookie: string, body: Record<string, unknown>) => {
  const res = await call('POST', '/api/cases', cookie, { location: point, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().case as { id: number; number: string; priority: string; reportedAt: string; respondDueAt: string };
};
const view = async (id: number) => (await call('GET', `/api/cases/${id}`, u.community as string)).json();
const box = async (cookie: string, name: string) =>
  ((await call('GET', `/api/cases?box=${name}`, cookie)).json().items as { id: number; priority: string }[]).map(
    (c) => c.id,
  );
const inbox = async (cookie: string) =>
  ((await call('GET', '/api/notify/messages', cookie)).json() as { items: Msg[] }).items;

async function actorOf(cookie: string): Promise<Actor> {
  const { user } = (await t.app.inject({ url: '/api/identity/me', headers: { cookie } })).json();
  return { ...user, mustChangePassword: false, sessionId: 0 };
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const grids = (await call('GET', `/api/geo/regions/${COMMUNITY}/grids`, t.adminCookie)).json().features;
  const gridCode = grids[0].properties.code as string;
  const [lng, lat] = (await call('GET', `/api/geo/grids/${gridCode}`, t.adminCookie)).json().grid.centroid;
  point = { lng, lat };
  u.resident = await t.userCookie('resident', '370983', 'resident.prio');
  u.gridWorker = await t.userCookie('grid_worker', gridCode, 'gw.prio');
  u.community = await t.userCookie('community_staff', COMMUNITY, 'cs.prio');
  u.street = await t.userCookie('street_staff', STREET, 'ss.prio');
  u.districtAdmin = await t.userCookie('district_admin', '370983', 'da.prio');
});
afterAll(async () => t?.stop());

describe('priority and graded response', () => {
  it('computes an important case’s limits from its district’s: respond 4 h, dispatch 3 h, handle 3 working days', async () => {
    // 物业服务 (S02): 8 h to accept and 5 working days to handle for a normal case; 肥城市 gives 6 h to dispatch
    const limits = await call('PATCH', '/api/cases/categories/S02', u.districtAdmin as string, { dispatchHours: 6 });
    expect(limits.statusCode, limits.body).toBe(200);
    expect(limits.json()).toMatchObject({ dispatchHours: 6, respondHours: 8, handleWorkdays: 5, ownLimits: true });

    const c = await report(u.gridWorker as string, {
      categoryCode: 'S02',
      description: '电梯困人后物业迟迟不到',
      priority: 'important',
    });
    expect(c.priority).toBe('important');
    // 立案: 8 h × 60 ÷ 2 = 240 minutes after the report
    expect(Date.parse(c.respondDueAt) - Date.parse(c.reportedAt)).toBe(240 * 60_000);

    // accepted on Wednesday 30 September 2026 at 16:00, the eve of the National Day holiday (1–7 October)
    const community = await actorOf(u.community as string);
    await transitionCase(t, community, c.id, { action: 'accept' }, new Date('2026-09-30T16:00:00+08:00'));
    const accepted = (await view(c.id)).case;
    // 派遣: 6 h × 60 ÷ 2 = 180 minutes → 19:00 the same day
    expect(accepted.dispatchDueAt).toBe(new Date('2026-09-30T19:00:00+08:00').toISOString());
    // 办结: ⌈5 ÷ 2⌉ = 3 working days: 8 October (Thu), 9 October (Fri), 10 October (Saturday, a make-up workday)
    expect(accepted.dueAt).toBe(new Date('2026-10-10T23:59:59.999+08:00').toISOString());
  });

  it('escalates a case accepted and not dispatched in time: timeline, supervision board, overdue box, community and street told', async () => {
    const c = await report(u.resident as string, { categoryCode: 'S02', description: '小区门禁坏了一周' });
    expect(c.priority).toBe('normal');
    const community = await actorOf(u.community as string);
    const acceptedAt = new Date('2026-11-02T09:00:00+08:00');
    await transitionCase(t, community, c.id, { action: 'accept' }, acceptedAt);
    // a normal case: the district's 6 h to dispatch → 15:00
    expect((await view(c.id)).case.dispatchDueAt).toBe(new Date('2026-11-02T15:00:00+08:00').toISOString());

    await escalateOverdue(t, new Date('2026-11-02T14:59:00+08:00'));
    expect((await view(c.id)).case).toMatchObject({ supervised: false, escalationCount: 0 });
    await escalateOverdue(t, new Date('2026-11-02T15:01:00+08:00'));
    const late = await view(c.id);
    expect(late.case).toMatchObject({ status: 'accepted', supervised: true, escalationCount: 1, deadline: 'overdue' });
    expect(late.timeline.at(-1)).toMatchObject({
      action: 'escalate',
      actorRole: 'system',
      detail: { dueAt: new Date('2026-11-02T15:00:00+08:00').toISOString() },
    });
    expect(late.timeline.at(-1).note).toContain('超时未派遣');
    // not again until the dispatch limit passes once more
    await escalateOverdue(t, new Date('2026-11-02T20:00:00+08:00'));
    expect((await view(c.id)).case.escalationCount).toBe(1);

    expect(await box(u.street as string, 'overdue')).toContain(c.id);
    expect(await box(u.street as string, 'supervised')).toContain(c.id);
    await t.events.drain();
    for (const who of [u.community, u.street]) {
      const told = (await inbox(who as string)).filter((m) => m.subject === `case:${c.id}`).map((m) => m.titleZh);
      expect(told).toContainEqual(expect.stringContaining(`问题 ${c.number} 超时未派遣，已列入督办`));
    }
    // dispatching it still works: the late step is done
    const sent = await call('POST', `/api/cases/${c.id}/actions`, u.community as string, {
      action: 'dispatch',
      level: 'grid',
    });
    expect(sent.json().case.status).toBe('dispatched');
  });

  it('lists urgent first, then important, then normal in every box, each by its deadline', async () => {
    // the earlier tests' cases are finished, so the box to accept holds only these
    await t.db.query(`UPDATE cases_cases SET closed_at = now(), status = 'closed'`);
    const urgent = await report(u.gridWorker as string, {
      categoryCode: 'S0401',
      description: '消防通道被货车堵死',
      priority: 'urgent',
    });
    const normal = await report(u.gridWorker as string, { categoryCode: 'S02', description: '绿化带缺人修剪' });
    const important = await report(u.gridWorker as string, {
      categoryCode: 'S02',
      description: '地下室渗水',
      priority: 'important',
    });
    // a normal case reported last, with a shorter limit (E0101 暴露垃圾: 2 h), comes before the 8 h one
    const soonerNormal = await report(u.gridWorker as string, { categoryCode: 'E0101', description: '垃圾堆在路口' });
    const order = [urgent.id, important.id, soonerNormal.id, normal.id];
    const these = (ids: number[]) => ids.filter((id) => order.includes(id));
    expect(await box(u.community as string, 'to_accept')).toEqual(order);
    expect(these(await box(u.community as string, 'all'))).toEqual(order);
    expect(these(await box(u.gridWorker as string, 'reported_by_me'))).toEqual(order);
    // a resident's word does not make a case urgent: it takes its category's default
    const resident = await report(u.resident as string, {
      categoryCode: 'S02',
      description: '我觉得很急',
      priority: 'urgent',
    });
    expect(resident.priority).toBe('normal');
  });

  it('lets staff raise or lower the priority when accepting or dispatching, with who and why on the timeline', async () => {
    const c = await report(u.resident as string, { categoryCode: 'S02', description: '楼顶水箱漏水，流进电梯井' });
    const act = (body: Record<string, unknown>) =>
      call('POST', `/api/cases/${c.id}/actions`, u.community as string, body);
    const silent = await act({ action: 'accept', priority: 'urgent' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().error).toMatchObject({ code: 'cases.priority_reason_required', field: 'note' });

    const raised = await act({ action: 'accept', priority: 'urgent', note: '水进电梯井，有触电危险' });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json().case.priority).toBe('urgent');
    const acceptRow = (raised.json().timeline as Row[]).at(-1) as Row;
    expect(acceptRow).toMatchObject({
      action: 'accept',
      actorName: '测试community_staff',
      note: '水进电梯井，有触电危险',
      detail: { priority: { from: 'normal', to: 'urgent' } },
    });
    // urgent: 肥城市's 6 h × 60 ÷ 4 = 90 minutes to dispatch
    const { acceptedAt, dispatchDueAt } = raised.json().case;
    expect(Date.parse(dispatchDueAt) - Date.parse(acceptedAt)).toBe(90 * 60_000);

    const lowered = await act({ action: 'dispatch', level: 'grid', priority: 'important', note: '已关闭总阀' });
    expect(lowered.json().case.priority).toBe('important');
    expect((lowered.json().timeline as Row[]).at(-1)).toMatchObject({
      action: 'dispatch',
      detail: { priority: { from: 'urgent', to: 'important' } },
    });
    const elsewhere = await call('POST', `/api/cases/${c.id}/actions`, u.gridWorker as string, {
      action: 'start',
      priority: 'normal',
    });
    expect(elsewhere.json().error).toMatchObject({ code: 'cases.priority_not_here', field: 'priority' });
  });
});
