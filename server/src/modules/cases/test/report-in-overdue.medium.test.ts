import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/auth.js';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { findOrg } from '../../identity/index.js';
import { transitionCase } from '../commands/transition-case.js';
import { escalateMissedReportIns } from '../jobs/escalate-missed-report-ins.js';

let t: TestApp;
let point: { lng: number; lat: number };
let marketName: string;
const u: Record<string, string> = {};
const STREET = '370983002';
const URBAN = '370983-urban_management';
const MARKET = '370983-market';
const MINUTE = 60_000;

// 吹哨 at 09:00 China time with two hours to report in: the deadline is 11:00 the same day (03:00 UTC)
const WHISTLED_AT = new Date('2025-06-03T09:00:00+08:00');
const DUE = new Date('2025-06-03T11:00:00+08:00');

type Msg = { titleZh: string; titleEn: string; subject: string; kind: string };
const missed = async (cookie: string, id: number) =>
  ((await t.app.inject({ url: '/api/notify/messages', headers: { cookie } })).json().items as Msg[]).filter(
    (m) => m.subject === `case:${id}` && m.kind === 'case_work.report_in_missed',
  );
const view = async (cookie: string, id: number) =>
  (await t.app.inject({ url: `/api/cases/${id}`, headers: { cookie } })).json();

async function actorOf(cookie: string): Promise<Actor> {
  const { user } = (await t.app.inject({ url: '/api/identity/me', headers: { cookie } })).json();
  return { ...user, mustChangePassword: false, sessionId: 0 };
}

/** A report accepted by the street and whistled at WHISTLED_AT with two hours to report in. */
async function whistledCase(orgs: { orgCode: string; role: 'lead' | 'helper' }[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: u.resident as string },
    payload: { categoryCode: 'E0302', description: '占道经营堵塞消防通道', location: point },
  });
  const { id, number } = res.json().case as { id: number; number: string };
  const street = await actorOf(u.street as string);
  await transitionCase(t, street, id, { action: 'accept' });
  await transitionCase(t, street, id, { action: 'whistle', reportInHours: 2, orgs }, WHISTLED_AT);
  return { id, number };
}

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
  marketName = (await findOrg(t.db, MARKET))?.name as string;
  u.resident = await t.userCookie('resident', '370983', 'rio.resident');
  u.street = await t.userCookie('street_staff', STREET, 'rio.street');
  u.otherStreet = await t.userCookie('street_staff', '370983001', 'rio.otherstreet');
  u.districtAdmin = await t.userCookie('district_admin', '370983', 'rio.district');
  u.commandCentre = await t.userCookie('command_centre', '370983', 'rio.command');
  u.urban = await t.userCookie('department_staff', '370983', 'rio.urban', URBAN);
  u.market = await t.userCookie('department_staff', '370983', 'rio.market', MARKET);
  u.market2 = await t.userCookie('department_staff', '370983', 'rio.market2', MARKET);
});
afterAll(async () => t?.stop());

describe('吹哨报到: the report-in deadline is enforced', () => {
  let id: number;
  let number: string;

  it('a department that did not report in by its deadline goes on the timeline and the board, and is told', async () => {
    ({ id, number } = await whistledCase([
      { orgCode: URBAN, role: 'lead' },
      { orgCode: MARKET, role: 'helper' },
    ]));
    // the lead reports in on time, an hour after the whistle
    await transitionCase(
      t,
      await actorOf(u.urban as string),
      id,
      { action: 'report_in' },
      new Date(DUE.getTime() - 60 * MINUTE),
    );
    await t.events.drain();

    expect(await escalateMissedReportIns(t, new Date(DUE.getTime() - MINUTE))).toBe(0);
    expect((await view(u.street as string, id)).case.supervised).toBe(false);

    const found = new Date(DUE.getTime() + 30 * MINUTE);
    expect(await escalateMissedReportIns(t, found)).toBe(1);
    await t.events.drain();

    const seen = await view(u.street as string, id);
    expect(seen.timeline.at(-1)).toMatchObject({
      action: 'report_in_overdue',
      actorName: '系统',
      actorRole: 'system',
      fromStatus: 'dispatched',
      toStatus: 'dispatched',
      note: `${marketName}超时未报到（报到时限 2025-06-03 11:00），列入督办 / ${marketName} did not report in by 2025-06-03 11:00, under supervision`,
      detail: { org: MARKET, orgName: marketName, reportInDueAt: '2025-06-03T03:00:00.000Z' },
    });
    expect(seen.case).toMatchObject({ supervised: true, supervisionReason: 'report_in_overdue', status: 'dispatched' });
    const orgs = Object.fromEntries(
      seen.case.whistleOrgs.map((w: { org: string; escalatedAt: string | null }) => [
        w.org,
        w.escalatedAt && new Date(w.escalatedAt).getTime(),
      ]),
    );
    expect(orgs).toEqual({ [URBAN]: null, [MARKET]: found.getTime() });

    // the supervision board of the street over the case shows it, another street's does not
    const board = (await t.app.inject({ url: '/api/cases?box=supervised', headers: { cookie: u.street as string } }))
      .json()
      .items.find((c: { id: number }) => c.id === id);
    expect(board).toMatchObject({ supervisionReason: 'report_in_overdue' });
    const other = await t.app.inject({
      url: '/api/cases?box=supervised',
      headers: { cookie: u.otherStreet as string },
    });
    expect(other.json().items.map((c: { id: number }) => c.id)).not.toContain(id);

    // the late department's people, by its name
    for (const member of [u.market, u.market2]) {
      expect((await missed(member as string, id)).map((m) => m.titleZh)).toEqual([
        `问题 ${number}：${marketName}未在 2025-06-03 11:00 前报到，已列入督办，请立即报到`,
      ]);
    }
    // whoever blew the whistle, by their name
    expect((await missed(u.street as string, id)).map((m) => m.titleZh)).toEqual([
      `测试street_staff：您吹哨召集的${marketName}未在 2025-06-03 11:00 前报到问题 ${number}，已列入督办`,
    ]);
    // the district's supervisors
    for (const supervisor of [u.districtAdmin, u.commandCentre]) {
      const [m] = await missed(supervisor as string, id);
      expect(m?.titleZh).toMatch(
        new RegExp(`^督办：问题 ${number} 的${marketName}未在 2025-06-03 11:00 前报到，请.+督促$`),
      );
      expect(m?.titleEn).toContain('did not report in');
    }
    // the department that came on time and the resident hear nothing of it
    expect(await missed(u.urban as string, id)).toEqual([]);
    expect(await missed(u.resident as string, id)).toEqual([]);
  });

  it('running the check again, or on two instances at once, changes nothing', async () => {
    const before = (await view(u.street as string, id)).timeline.length;
    const later = new Date(DUE.getTime() + 24 * 60 * MINUTE);
    const runs = await Promise.all([escalateMissedReportIns(t, later), escalateMissedReportIns(t, later)]);
    expect(runs).toEqual([0, 0]);
    await t.events.drain();
    expect((await view(u.street as string, id)).timeline.length).toBe(before);
    expect(await missed(u.market as string, id)).toHaveLength(1);
    expect(await missed(u.street as string, id)).toHaveLength(1);
    const [{ n } = { n: 0 }] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cases_supervision WHERE case_id = $1',
      [id],
    );
    expect(n).toBe(1);
  });

  it('a late department may still report in; its report-in is marked late, the on-time one is not', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      headers: { cookie: u.market as string },
      payload: { action: 'report_in' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const reportIns = res.json().timeline.filter((e: { action: string }) => e.action === 'report_in');
    expect(reportIns[0].detail).toEqual({ org: URBAN });
    expect(reportIns[1].detail).toMatchObject({ org: MARKET, late: true });
    expect(new Date(reportIns[1].detail.reportInDueAt).getTime()).toBe(DUE.getTime());
    expect(await escalateMissedReportIns(t)).toBe(0);
  });

  it('a department that reported in on time puts nothing on the board', async () => {
    const c = await whistledCase([{ orgCode: URBAN, role: 'lead' }]);
    await transitionCase(
      t,
      await actorOf(u.urban as string),
      c.id,
      { action: 'report_in' },
      new Date(DUE.getTime() - MINUTE),
    );
    expect(await escalateMissedReportIns(t, new Date(DUE.getTime() + 60 * MINUTE))).toBe(0);
    await t.events.drain();
    const seen = await view(u.street as string, c.id);
    expect(seen.case).toMatchObject({ supervised: false, supervisionReason: null });
    expect(seen.timeline.map((e: { action: string }) => e.action)).not.toContain('report_in_overdue');
    expect(seen.timeline.find((e: { action: string }) => e.action === 'report_in').detail).toEqual({ org: URBAN });
    expect(await missed(u.street as string, c.id)).toEqual([]);
  });
});
