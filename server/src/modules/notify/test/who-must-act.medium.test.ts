import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
let point: { lng: number; lat: number };
let gridCode: string;
let gridName: string;
const u: Record<string, string> = {};
const STREET = '370983002';
const COMMUNITY = `${STREET}001`;

type Msg = { titleZh: string; titleEn: string; subject: string; kind: string };
const inbox = async (cookie: string) =>
  ((await t.app.inject({ url: '/api/notify/messages', headers: { cookie } })).json() as { items: Msg[] }).items;
const about = async (cookie: string, id: number) => (await inbox(cookie)).filter((m) => m.subject === `case:${id}`);

async function report(description: string): Promise<{ id: number; number: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: u.resident as string },
    payload: { categoryCode: 'E0302', description, location: point },
  });
  expect(res.statusCode).toBe(201);
  await t.events.drain();
  return res.json().case;
}

async function act(cookie: string, id: number, body: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    headers: { cookie },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  await t.events.drain();
}

const steps = async (cookie: string, query: string) =>
  (await t.app.inject({ url: `/api/notify/steps?${query}`, headers: { cookie } })).json().items as {
    step: string;
    targetName: string;
    recipients: number;
    raisedToName: string | null;
  }[];

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const grids = await t.app.inject({ url: `/api/geo/regions/${COMMUNITY}/grids`, headers: { cookie: t.adminCookie } });
  gridCode = grids.json().features[0].properties.code as string;
  const grid = (await t.app.inject({ url: `/api/geo/grids/${gridCode}`, headers: { cookie: t.adminCookie } })).json()
    .grid;
  gridName = grid.name;
  point = { lng: grid.centroid[0], lat: grid.centroid[1] };
  u.resident = await t.userCookie('resident', '370983', 'act.resident');
  u.community = await t.userCookie('community_staff', COMMUNITY, 'act.community');
  u.street = await t.userCookie('street_staff', STREET, 'act.street');
  u.urban = await t.userCookie('department_staff', '370983', 'act.urban', '370983-urban_management');
  u.urban2 = await t.userCookie('department_staff', '370983', 'act.urban2', '370983-urban_management');
});
afterAll(async () => t?.stop());

describe('a step nobody can receive is an error, raised to the next level', () => {
  it('a report in a grid with no grid worker reaches the community, marked as raised, and shows as unreached', async () => {
    const c = await report('楼道堆放杂物，无网格员时');
    const [raised] = await about(u.community as string, c.id);
    expect(raised?.titleZh).toBe(`【原接收方无人，已上报】${gridName}有新的群众反映 ${c.number}，请及时核实处置`);
    const unreached = await steps(u.street as string, `subject=case:${c.id}&unreached=true`);
    expect(unreached).toEqual([
      expect.objectContaining({
        step: 'new_report',
        targetName: gridName,
        recipients: 0,
        raisedToName: expect.any(String),
      }),
    ]);
    expect(unreached[0]?.raisedToName).not.toBe(gridName);
    // another street's staff cannot see this street's steps
    const other = await t.userCookie('street_staff', '370983001', 'act.otherstreet');
    expect(await steps(other, `subject=case:${c.id}`)).toEqual([]);
  });
});

describe('everyone who must act is told, by name', () => {
  let id: number;
  let number: string;

  it('a new report in my grid reaches the grid worker, and only them', async () => {
    u.gridWorker = await t.userCookie('grid_worker', gridCode, 'act.gw');
    ({ id, number } = await report('消防通道被占用'));
    expect((await about(u.gridWorker as string, id)).map((m) => m.titleZh)).toEqual([
      `${gridName}有新的群众反映 ${number}，请及时核实处置`,
    ]);
    expect(await about(u.community as string, id)).toEqual([]);
    expect(await steps(u.street as string, `subject=case:${id}`)).toEqual([
      expect.objectContaining({ step: 'new_report', recipients: 1, raisedToName: null }),
    ]);
  });

  it('a whistle reaches every member of the department called in, with the report-in deadline', async () => {
    await act(u.street as string, id, { action: 'accept' });
    await act(u.street as string, id, {
      action: 'whistle',
      note: '联合执法',
      reportInHours: 4,
      orgs: [{ orgCode: '370983-urban_management', role: 'lead' }],
    });
    for (const member of [u.urban, u.urban2]) {
      const [m] = await about(member as string, id);
      expect(m?.titleZh).toMatch(
        new RegExp(`^街道吹哨：问题 ${number} 召集.*城市管理局，请于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 前报到$`),
      );
      expect(m?.kind).toBe('case_work.whistled');
    }
    // the market department was not whistled and has no members: nothing is raised for it
    expect((await steps(u.street as string, `subject=case:${id}&unreached=true`)).length).toBe(0);
  });

  it('a handled case asks the grid worker for the on-site check; the one who handled it hears nothing of it', async () => {
    await act(u.urban as string, id, { action: 'report_in' });
    await act(u.urban as string, id, { action: 'start' });
    await act(u.urban as string, id, { action: 'handle', note: '已清理' });
    const titles = (await about(u.gridWorker as string, id)).map((m) => m.titleZh);
    expect(titles[0]).toBe(`问题 ${number} 已处理完毕，请${gridName}网格员到现场核查`);
    expect((await about(u.urban as string, id)).some((m) => m.kind === 'case_work.verify')).toBe(false);
  });

  it('a dispatch to a department that has nobody goes up to the district, and the admin sees it in red', async () => {
    const c = await report('噪音扰民');
    await act(u.community as string, c.id, { action: 'accept' });
    await act(u.community as string, c.id, { action: 'dispatch', level: 'department', orgCode: '370983-ecology' });
    const unreached = await steps(t.adminCookie, 'unreached=true');
    expect(unreached[0]).toMatchObject({
      step: 'dispatched',
      recipients: 0,
      targetName: expect.stringContaining('生态环境局'),
    });
    expect(unreached[0]?.raisedToName).toBeTruthy();
    const [m] = await about(t.adminCookie, c.id);
    expect(m?.titleZh).toMatch(new RegExp(`^【原接收方无人，已上报】问题 ${c.number} 已派遣给.*，请于 .+ 前办结$`));
  });

  it('a second run of the relay tells nobody twice', async () => {
    const before = (await inbox(u.gridWorker as string)).map((m) => [m.kind, m.subject]);
    await t.db.query(
      `UPDATE core_event_deliveries SET status = 'pending', attempts = 0, next_at = now(), claimed_by = NULL, delivered_at = NULL WHERE subscriber = 'notify.case_work'`,
    );
    await t.events.drain();
    expect((await inbox(u.gridWorker as string)).map((m) => [m.kind, m.subject])).toEqual(before);
  });
});
