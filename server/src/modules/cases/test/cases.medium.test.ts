import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/auth.js';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { GRIDS_CHANGED_CHANNEL } from '../../geo/index.js';
import { transitionCase } from '../commands/transition-case.js';
import { ACTIONS } from '../domain/case-status.js';
import { escalateOverdue } from '../jobs/escalate-overdue.js';

let t: TestApp;
let point: { lng: number; lat: number };
const u: Record<string, string> = {};
const STREET = '370983002';
/** 处置总结: every close says what was done, why, and whether it may come back. */
const SUMMARY = { measures: '已修复', rootCause: 'facility_ageing', mayRecur: 'unknown' };

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const grids = await t.app.inject({
    url: `/api/geo/regions/${STREET}001/grids`,
    headers: { cookie: t.adminCookie },
  });
  const gridCode = grids.json().features[0].properties.code as string;
  const grid = (await t.app.inject({ url: `/api/geo/grids/${gridCode}`, headers: { cookie: t.adminCookie } })).json()
    .grid;
  point = { lng: grid.centroid[0], lat: grid.centroid[1] };
  u.resident = await t.userCookie('resident', '370983', 'resident.li');
  u.otherResident = await t.userCookie('resident', '370983', 'resident.wang');
  u.gridWorker = await t.userCookie('grid_worker', gridCode, 'gw.zhang');
  u.community = await t.userCookie('community_staff', `${STREET}001`, 'cs.chen');
  u.street = await t.userCookie('street_staff', STREET, 'ss.zhao');
  u.otherStreet = await t.userCookie('street_staff', '370983001', 'ss.other');
  u.department = await departmentUser('ds.cg', '370983-urban_management');
  u.market = await departmentUser('ds.sj', '370983-market');
});

async function departmentUser(username: string, orgCode: string): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/identity/users',
    headers: { cookie: t.adminCookie },
    payload: { username, displayName: username, role: 'department_staff', scopeCode: '370983', orgCode },
  });
  const otp = created.json().oneTimePassword;
  const s = await t.app.inject({ method: 'POST', url: '/api/identity/sessions', payload: { username, password: otp } });
  const cookie = String(s.headers['set-cookie']).split(';')[0] as string;
  await t.app.inject({
    method: 'POST',
    url: '/api/identity/password',
    headers: { cookie },
    payload: { currentPassword: otp, newPassword: 'Dept-Pass-2026' },
  });
  return cookie;
}

async function actorOf(cookie: string): Promise<Actor> {
  const { user } = (await t.app.inject({ url: '/api/identity/me', headers: { cookie } })).json();
  return { ...user, mustChangePassword: false, sessionId: 0 };
}
afterAll(async () => t?.stop());

const report = (cookie: string, body: Record<string, unknown>, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
const act = (cookie: string, id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions`, headers: { cookie }, payload: body });
const view = (cookie: string, id: number) => t.app.inject({ url: `/api/cases/${id}`, headers: { cookie } });
const countCases = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases_cases'))[0]?.n;

async function expectStatus(cookie: string, id: number, body: Record<string, unknown>, status: string) {
  const res = await act(cookie, id, body);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().case.status).toBe(status);
  return res.json();
}

describe('the case loop', () => {
  it('walks report → accept → dispatch to a department → handle → verify → close → unsatisfied → rework → rated', async () => {
    const body = {
      categoryCode: 'S02',
      description: '小区电梯停运三天，物业不处理',
      address: '老城街道某小区 3 栋',
      location: point,
      contact: { name: '李女士', phone: '13812345678' },
    };
    const first = await report(u.resident as string, body, 'report-0001-abc');
    expect(first.statusCode).toBe(201);
    const retry = await report(u.resident as string, body, 'report-0001-abc');
    expect(retry.statusCode).toBe(200);
    const id = first.json().case.id as number;
    expect(retry.json().case.id).toBe(id);
    expect(await countCases()).toBe(1);
    expect(first.json().case.number).toMatch(/^SZ\d{8}\d{6}$/);
    expect(first.json().case.reporter.phone).toBe('138****5678');
    const [stored] = await t.db.query<{ phone: string }>(
      'SELECT reporter_phone_enc AS phone FROM cases_cases WHERE id = $1',
      [id],
    );
    expect(stored?.phone).not.toContain('13812345678');

    expect((await view(u.street as string, id)).statusCode).toBe(200);
    expect((await view(u.otherStreet as string, id)).statusCode).toBe(404);
    expect((await view(u.otherResident as string, id)).statusCode).toBe(404);

    const accepted = await expectStatus(u.community as string, id, { action: 'accept' }, 'accepted');
    expect(new Date(accepted.case.dueAt).getTime()).toBeGreaterThan(Date.now());
    expect(accepted.case.deadline).toBe('on_time');
    await expectStatus(
      u.community as string,
      id,
      { action: 'dispatch', level: 'department', orgCode: '370983-urban_management' },
      'dispatched',
    );
    expect((await act(u.gridWorker as string, id, { action: 'start' })).statusCode).toBe(403);
    await expectStatus(u.department as string, id, { action: 'start' }, 'in_progress');
    await expectStatus(u.department as string, id, { action: 'handle', note: '已约谈物业，电梯已修复' }, 'handled');
    const early = await act(u.community as string, id, { action: 'close' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('cases.illegal_transition');
    await expectStatus(u.gridWorker as string, id, { action: 'verify', note: '现场核实电梯运行正常' }, 'verified');
    await expectStatus(u.community as string, id, { action: 'close', summary: SUMMARY }, 'closed');
    expect(
      (await act(u.otherResident as string, id, { action: 'rate', rating: 'satisfied', resolved: true })).statusCode,
    ).toBe(404);

    const unhappy = await act(u.resident as string, id, {
      action: 'rate',
      rating: 'unsatisfied',
      resolved: false,
      note: '又坏了',
    });
    expect(unhappy.statusCode).toBe(200);
    expect(unhappy.json().case).toMatchObject({ status: 'dispatched', reopened: true, reworkCount: 1 });
    expect(unhappy.json().case.followupDueAt).not.toBeNull();

    await expectStatus(u.department as string, id, { action: 'start' }, 'in_progress');
    await expectStatus(u.department as string, id, { action: 'handle', note: '更换控制板' }, 'handled');
    await expectStatus(u.gridWorker as string, id, { action: 'verify' }, 'verified');
    await expectStatus(u.community as string, id, { action: 'close', summary: SUMMARY }, 'closed');
    const done = await expectStatus(
      u.resident as string,
      id,
      { action: 'rate', rating: 'satisfied', resolved: true },
      'rated',
    );
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'start',
      'handle',
      'verify',
      'close',
      'rate',
      'reopen',
      'start',
      'handle',
      'verify',
      'close',
      'rate',
    ]);
    await expect(t.db.query(`UPDATE cases_timeline SET note = 'x' WHERE case_id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
  });

  it('lets a grid worker handle in the grid, asks for an extension, returns, escalates to the street, suspends', async () => {
    const res = await report(u.gridWorker as string, {
      categoryCode: 'S0301',
      description: '3 栋楼道有电动车飞线充电',
      location: point,
    });
    const id = res.json().case.id as number;
    expect(res.json().case.source).toBe('grid_worker');
    const self = await expectStatus(u.gridWorker as string, id, { action: 'self_handle' }, 'in_progress');
    expect(self.case.level).toBe('grid');
    const due = new Date(self.case.dueAt).getTime();
    const asked = await act(u.gridWorker as string, id, { action: 'request_extension', days: 2, note: '需联系物业' });
    expect(asked.json().case.extensionRequestedDays).toBe(2);
    expect((await act(u.gridWorker as string, id, { action: 'approve_extension' })).statusCode).toBe(403);
    const approved = await expectStatus(u.community as string, id, { action: 'approve_extension' }, 'in_progress');
    expect(approved.case.extended).toBe(true);
    expect(new Date(approved.case.dueAt).getTime()).toBeGreaterThan(due);

    expect((await act(u.gridWorker as string, id, { action: 'return' })).json().error.field).toBe('note');
    await expectStatus(
      u.gridWorker as string,
      id,
      { action: 'return', note: '涉及消防，超出网格处置能力' },
      'returned',
    );
    await expectStatus(u.community as string, id, { action: 'dispatch', level: 'street' }, 'dispatched');
    expect((await view(u.street as string, id)).json().case.allowedActions).toContain('start');
    await expectStatus(u.community as string, id, { action: 'suspend', note: '等待业主回来' }, 'suspended');
    await expectStatus(u.community as string, id, { action: 'resume' }, 'dispatched');
    await expectStatus(u.street as string, id, { action: 'start' }, 'in_progress');
    const inbox = await t.app.inject({ url: '/api/cases?box=assigned', headers: { cookie: u.street as string } });
    expect(inbox.json().items.map((c: { id: number }) => c.id)).toContain(id);
  });

  it('merges a duplicate into its master case, and offers nearby open cases while reporting', async () => {
    const master = (
      await report(u.resident as string, { categoryCode: 'E0101', description: '路边垃圾堆积', location: point })
    ).json().case.id;
    const near = await t.app.inject({
      url: `/api/cases/nearby?categoryCode=E0101&lng=${point.lng}&lat=${point.lat}`,
      headers: { cookie: u.otherResident as string },
    });
    expect(near.json().items.map((c: { id: number }) => c.id)).toContain(master);
    const dup = (
      await report(u.otherResident as string, { categoryCode: 'E0101', description: '这里有垃圾', location: point })
    ).json().case.id;
    const merged = await expectStatus(u.community as string, dup, { action: 'merge', masterCaseId: master }, 'merged');
    expect(merged.case.mergedInto).toBe(master);
    // the duplicate's reporter now follows the master case and hears its later steps
    const followed = await t.app.inject({
      url: `/api/cases/${master}`,
      headers: { cookie: u.otherResident as string },
    });
    expect(followed.json().case).toMatchObject({ following: true, followers: 1 });
    expect((await act(u.community as string, dup, { action: 'merge', masterCaseId: dup })).statusCode).toBe(409);
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const before = await countCases();
    const cases: [Record<string, unknown>, string][] = [
      [{ categoryCode: 'ZZ99', description: '问题', location: point }, 'categoryCode'],
      [{ categoryCode: 'S02', description: '问题', location: { lng: 100, lat: 20 } }, 'location'],
      [{ categoryCode: 'S02', description: '问题', location: { lng: 500, lat: 20 } }, 'location.lng'],
      [{ categoryCode: 'S02', location: point }, 'description'],
      [{ categoryCode: 'S02', description: '问题', location: point, contact: { phone: '12345' } }, 'contact.phone'],
    ];
    for (const [body, field] of cases) {
      const res = await report(u.resident as string, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    const bad = await report(u.resident as string, { categoryCode: 'S02', description: '问题', location: point }, 'x');
    expect(bad.json().error.field).toBe('idempotency-key');
    expect(await countCases()).toBe(before);
    const id = (
      await report(u.resident as string, { categoryCode: 'S02', description: '问题', location: point })
    ).json().case.id;
    expect((await act(u.community as string, id, { action: 'reject' })).json().error.field).toBe('note');
    expect((await act(u.community as string, id, { action: 'dispatch', level: 'street' })).statusCode).toBe(409);
    await expectStatus(u.community as string, id, { action: 'accept' }, 'accepted');
    expect((await act(u.community as string, id, { action: 'dispatch' })).json().error.field).toBe('level');
    const wrongOrg = await act(u.community as string, id, {
      action: 'dispatch',
      level: 'department',
      orgCode: '320114-police',
    });
    expect(wrongOrg.json().error.field).toBe('orgCode');
    const [{ n } = { n: 0 }] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cases_timeline WHERE case_id = $1',
      [id],
    );
    expect(n).toBe(2);
  });

  it('whistles two departments: both report in, the helper finishes its part, then the lead handles', async () => {
    const id = (
      await report(u.resident as string, {
        categoryCode: 'E0302',
        description: '小区内违法搭建并占用消防通道',
        location: point,
      })
    ).json().case.id as number;
    await expectStatus(u.street as string, id, { action: 'accept' }, 'accepted');
    expect(
      (
        await act(u.street as string, id, { action: 'whistle', orgs: [{ orgCode: '370983-market', role: 'helper' }] })
      ).json().error.field,
    ).toBe('orgs');
    const whistled = await expectStatus(
      u.street as string,
      id,
      {
        action: 'whistle',
        note: '联合执法',
        reportInHours: 4,
        orgs: [
          { orgCode: '370983-urban_management', role: 'lead' },
          { orgCode: '370983-market', role: 'helper' },
        ],
      },
      'dispatched',
    );
    expect(whistled.case.whistleOrgs).toHaveLength(2);
    const box = await t.app.inject({ url: '/api/cases?box=to_report_in', headers: { cookie: u.market as string } });
    expect(box.json().items.map((c: { id: number }) => c.id)).toContain(id);
    await expectStatus(u.department as string, id, { action: 'report_in' }, 'dispatched');
    await expectStatus(u.department as string, id, { action: 'start' }, 'in_progress');
    const leadView = (await view(u.department as string, id)).json().case.allowedActions;
    expect(leadView).not.toContain('report_in');
    expect(leadView).not.toContain('handle');
    expect((await view(u.market as string, id)).json().case.allowedActions).toEqual(['report_in']);
    const early = await act(u.department as string, id, { action: 'handle', note: '已拆除' });
    expect(early.json().error.code).toBe('cases.whistle_pending');
    expect((await act(u.market as string, id, { action: 'finish_part', note: '核查经营' })).statusCode).toBe(409);
    await expectStatus(u.market as string, id, { action: 'report_in' }, 'in_progress');
    expect((await act(u.market as string, id, { action: 'handle', note: 'x' })).statusCode).toBe(403);
    await expectStatus(u.market as string, id, { action: 'finish_part', note: '已查处无照经营' }, 'in_progress');
    const handled = await expectStatus(
      u.department as string,
      id,
      { action: 'handle', note: '违建已拆除，通道已打通' },
      'handled',
    );
    expect(handled.case.whistleOrgs.every((w: { reportedInAt: string | null }) => w.reportedInAt)).toBe(true);
    expect(handled.timeline.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'accept',
      'whistle',
      'report_in',
      'start',
      'report_in',
      'finish_part',
      'handle',
    ]);
  });

  it('escalates an overdue case one level up across the National Day holiday, onto the supervision board', async () => {
    const id = (
      await report(u.resident as string, { categoryCode: 'S0301', description: '楼道飞线充电', location: point })
    ).json().case.id as number;
    const community = await actorOf(u.community as string);
    const accepted = new Date('2026-09-30T15:00:00+08:00');
    await transitionCase(t, community, id, { action: 'accept' }, accepted);
    await transitionCase(t, community, id, { action: 'dispatch', level: 'grid' }, accepted);
    const dueAt = (await view(u.community as string, id)).json().case.dueAt;
    expect(dueAt).toBe('2026-10-08T15:59:59.999Z');

    expect(await escalateOverdue(t, new Date('2026-10-05T10:00:00+08:00'))).toBe(0);
    expect(await escalateOverdue(t, new Date('2026-10-09T09:00:00+08:00'))).toBeGreaterThanOrEqual(1);
    const up = (await view(u.community as string, id)).json();
    expect(up.case).toMatchObject({ level: 'community', status: 'dispatched', supervised: true, escalationCount: 1 });
    expect(up.timeline.at(-1)).toMatchObject({ action: 'escalate', actorRole: 'system' });
    expect(await escalateOverdue(t, new Date('2026-10-09T11:00:00+08:00'))).toBe(0);
    await escalateOverdue(t, new Date('2026-10-13T09:00:00+08:00'));
    expect((await view(u.community as string, id)).json().case).toMatchObject({ level: 'street', escalationCount: 2 });
    const board = await t.app.inject({ url: '/api/cases?box=supervised', headers: { cookie: u.street as string } });
    expect(board.json().items.map((c: { id: number }) => c.id)).toContain(id);
    await expectStatus(u.street as string, id, { action: 'supervise', note: '请本周内办结' }, 'dispatched');
  });

  it('computes the KPIs with their formulas for a region, category and period', async () => {
    const mk = async () =>
      (
        await report(u.resident as string, { categoryCode: 'S06', description: '独居老人需要助餐', location: point })
      ).json().case.id as number;
    const [a, b, c] = [await mk(), await mk(), await mk()];
    await expectStatus(u.community as string, a, { action: 'accept' }, 'accepted');
    await expectStatus(u.community as string, a, { action: 'dispatch', level: 'community' }, 'dispatched');
    await expectStatus(u.community as string, a, { action: 'start' }, 'in_progress');
    await expectStatus(u.community as string, a, { action: 'handle', note: '已对接助餐点' }, 'handled');
    await expectStatus(u.community as string, a, { action: 'close', summary: SUMMARY }, 'closed');
    await expectStatus(u.resident as string, a, { action: 'rate', rating: 'satisfied', resolved: true }, 'rated');
    await expectStatus(u.community as string, b, { action: 'reject', note: '重复反映' }, 'rejected');
    await expectStatus(u.community as string, c, { action: 'accept' }, 'accepted');

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 40 * 86_400_000).toISOString();
    const res = await t.app.inject({
      url: `/api/cases/kpis?regionCode=${STREET}&categoryCode=S06&from=${from}&to=${to}`,
      headers: { cookie: u.street as string },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { counts, kpis, definitions } = res.json();
    expect(counts).toMatchObject({
      received: 3,
      accepted: 2,
      dispatched: 1,
      due: 2,
      closed: 1,
      closedOnTime: 1,
      rated: 1,
    });
    expect(kpis).toMatchObject({
      acceptRate: 0.6667,
      dispatchRate: 0.5,
      closeRate: 0.5,
      onTimeRate: 0.5,
      reworkRate: 0,
      satisfactionRate: 1,
    });
    expect(kpis.avgWorkdays).toBe(0);
    expect(definitions.onTimeRate.formula).toContain('按期结案数');
    const xlsx = await t.app.inject({
      url: `/api/cases/kpis.xlsx?regionCode=${STREET}&categoryCode=S06&from=${from}&to=${to}`,
      headers: { cookie: u.street as string },
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('考核指标');
    const onTime = sheet?.getRows(1, 20)?.find((r) => r.getCell(1).value === '按期结案率');
    expect(onTime?.getCell(2).value).toBe(0.5);
    expect(String(onTime?.getCell(3).value)).toContain('按期结案数');
    const outside = await t.app.inject({
      url: `/api/cases/kpis?regionCode=370983001&from=${from}&to=${to}`,
      headers: { cookie: u.street as string },
    });
    expect(outside.statusCode).toBe(403);
    const resident = await t.app.inject({
      url: `/api/cases/kpis?from=${from}&to=${to}`,
      headers: { cookie: u.resident as string },
    });
    expect(resident.statusCode).toBe(403);
  });

  it('traces root causes: a hotspot of the same problem and the grids where it keeps coming back', async () => {
    for (let i = 0; i < 4; i++) {
      const near = { lng: point.lng + i * 0.0002, lat: point.lat };
      await report(u.resident as string, { categoryCode: 'S05', description: `楼道堆物 ${i}`, location: near });
    }
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const res = await t.app.inject({
      url: `/api/cases/root-causes?regionCode=${STREET}&from=${from}&to=${to}&categoryCode=S05&metres=100&minPoints=3`,
      headers: { cookie: u.street as string },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { hotspots, recurring } = res.json();
    expect(hotspots[0]).toMatchObject({ categoryCode: 'S05', count: 4 });
    expect(Math.abs(hotspots[0].center[0] - (point.lng + 0.0003))).toBeLessThan(0.001);
    expect(
      recurring.some((r: { categoryCode: string; count: number }) => r.categoryCode === 'S05' && r.count >= 3),
    ).toBe(true);
    const tight = await t.app.inject({
      url: `/api/cases/root-causes?regionCode=${STREET}&from=${from}&to=${to}&categoryCode=S05&metres=10&minPoints=3`,
      headers: { cookie: u.street as string },
    });
    expect(tight.json().hotspots).toEqual([]);
  });

  it('refuses every action to everyone outside the case, whatever they ask', async () => {
    const id = (
      await report(u.resident as string, { categoryCode: 'S02', description: '权限测试', location: point })
    ).json().case.id as number;
    const outsiders = {
      otherResident: u.otherResident as string,
      otherStreet: u.otherStreet as string,
      otherGridWorker: await t.userCookie('grid_worker', '370983001001001', 'gw.other'),
      otherCommunity: await t.userCookie('community_staff', '370983002002', 'cs.other'),
      otherDistrictAdmin: await t.userCookie('district_admin', '320114', 'admin.yuhua'),
      unassignedDepartment: u.market as string,
    };
    for (const [who, cookie] of Object.entries(outsiders)) {
      // whoever may not see it is told the case is not there, so ids tried one by one tell nothing
      expect((await view(cookie, id)).statusCode, who).toBe(404);
      for (const action of ACTIONS) {
        const res = await act(cookie, id, {
          action,
          note: 'x',
          level: 'grid',
          rating: 'satisfied',
          resolved: true,
          days: 1,
        });
        expect(res.statusCode, `${who} ${action}`).toBe(404);
        expect(res.json().error.code).toBe('cases.not_found');
      }
    }
    const timeline = (await view(u.resident as string, id)).json().timeline;
    expect(timeline).toHaveLength(1);
  });

  it('lets a resident who meets the same problem follow the open case and hear back on it', async () => {
    const id = (
      await report(u.resident as string, { categoryCode: 'S03', description: '充电桩坏了', location: point })
    ).json().case.id as number;
    expect((await view(u.otherResident as string, id)).statusCode).toBe(404);
    const follow = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/follow`,
      headers: { cookie: u.otherResident as string },
      payload: { location: point },
    });
    expect(follow.statusCode, follow.body).toBe(200);
    expect(follow.json().case).toMatchObject({ following: true, followers: 1, reporter: { name: null, phone: null } });
    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/follow`,
      headers: { cookie: u.otherResident as string },
      payload: { location: point },
    });
    expect(
      (await view(u.resident as string, id)).json().timeline.filter((e: { action: string }) => e.action === 'follow'),
    ).toHaveLength(1);
    const mine = await t.app.inject({
      url: '/api/cases?box=reported_by_me',
      headers: { cookie: u.otherResident as string },
    });
    expect(mine.json().items.map((c: { id: number }) => c.id)).toContain(id);
    await expectStatus(u.community as string, id, { action: 'accept' }, 'accepted');
    await t.events.drain();
    const inbox = await t.app.inject({ url: '/api/notify/messages', headers: { cookie: u.otherResident as string } });
    expect(inbox.json().items[0].subject).toBe(`case:${id}`);
    const staff = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/follow`,
      headers: { cookie: u.community as string },
    });
    expect(staff.statusCode).toBe(403);
  });
});

describe('多格合一', () => {
  it('files a report in a grid merged into another under the absorbing grid, whose worker sees it', async () => {
    const grids = (
      await t.app.inject({ url: `/api/geo/regions/${STREET}001/grids`, headers: { cookie: t.adminCookie } })
    ).json().features as { properties: { code: string } }[];
    const [absorbing, merged] = grids.map((g) => g.properties.code) as [string, string];
    const { centroid } = (
      await t.app.inject({ url: `/api/geo/grids/${merged}`, headers: { cookie: t.adminCookie } })
    ).json().grid;
    await t.db.query('UPDATE geo_grids SET merged_into = $1 WHERE code = $2', [absorbing, merged]);
    await t.db.notify(GRIDS_CHANGED_CHANNEL, 'merge');
    await expect
      .poll(async () => {
        const res = await t.app.inject({
          url: `/api/geo/locate?lng=${centroid[0]}&lat=${centroid[1]}`,
          headers: { cookie: t.adminCookie },
        });
        return res.json().grid?.mergedInto;
      })
      .toBe(absorbing);
    try {
      const res = await report(u.resident as string, {
        categoryCode: 'S02',
        description: '合并网格内路灯不亮',
        address: '老城街道某小区',
        location: { lng: centroid[0], lat: centroid[1] },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().case.gridCode).toBe(absorbing);
      const seen = await view(u.gridWorker as string, res.json().case.id);
      expect(seen.statusCode, seen.body).toBe(200);
    } finally {
      await t.db.query('UPDATE geo_grids SET merged_into = NULL WHERE code = $1', [merged]);
      await t.db.notify(GRIDS_CHANGED_CHANNEL, 'unmerge');
    }
  });
});

describe('核查 by a second person', () => {
  it('refuses the handler’s own verification and follows the district’s choice of verifier', async () => {
    const id = (
      await report(u.gridWorker as string, { categoryCode: 'S0301', description: '楼道堆放杂物', location: point })
    ).json().case.id as number;
    await act(u.gridWorker as string, id, { action: 'self_handle' });
    const handled = await act(u.gridWorker as string, id, { action: 'handle', note: '已清理' });
    expect(handled.json().case.status).toBe('handled');
    expect(handled.json().case.allowedActions).not.toContain('verify');
    const own = await act(u.gridWorker as string, id, { action: 'verify' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('cases.handler_may_not_verify');
    const box = await t.app.inject({ url: '/api/cases?box=to_verify', headers: { cookie: u.community as string } });
    expect(box.json().items.map((c: { id: number }) => c.id)).toContain(id);

    const settings = (body: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/cases/district-settings/370983',
        headers: { cookie: t.adminCookie },
        payload: body,
      });
    expect((await settings({ verifier: 'grid_worker' })).json()).toEqual({
      anonymousReports: true,
      verifier: 'grid_worker',
    });
    expect((await act(u.community as string, id, { action: 'verify' })).statusCode).toBe(403);
    expect((await settings({ verifier: 'grid_or_community' })).statusCode).toBe(200);
    const verified = await act(u.community as string, id, { action: 'verify', note: '复核属实' });
    expect(verified.json().case.status).toBe('verified');
    expect((await settings({ verifier: 'anyone' })).json().error.field).toBe('verifier');
  });
});

describe('立案 has its own time limit', () => {
  it('puts a report nobody accepted in time on the supervision board, still waiting to be accepted', async () => {
    const res = await report(u.resident as string, {
      categoryCode: 'S0301',
      description: '无人受理的反映',
      location: point,
    });
    const id = res.json().case.id as number;
    const respondDueAt = new Date(res.json().case.respondDueAt);
    expect(respondDueAt.getTime()).toBeGreaterThan(Date.now());
    expect(res.json().case.deadline).toBe('on_time');

    await escalateOverdue(t, new Date(respondDueAt.getTime() - 60_000));
    expect((await view(u.community as string, id)).json().case.supervised).toBe(false);
    expect(await escalateOverdue(t, new Date(respondDueAt.getTime() + 5 * 86_400_000))).toBeGreaterThanOrEqual(1);
    const seen = (await view(u.community as string, id)).json();
    expect(seen.case).toMatchObject({ status: 'reported', supervised: true, escalationCount: 1 });
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'escalate', actorRole: 'system' });
    expect(seen.timeline.at(-1).note).toContain('超时未受理');
    // still the community's to accept, and it knows
    expect(seen.case.allowedActions).toContain('accept');
  });
});
