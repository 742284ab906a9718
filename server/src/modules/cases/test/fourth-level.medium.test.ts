import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/auth.js';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { transitionCase } from '../commands/transition-case.js';
import { escalateOverdue } from '../jobs/escalate-overdue.js';

/** A grid one label deeper, under 新城街道赵庄社区's 教师村小区: its cases climb grid → community → street → district. */
const COMMUNITY = '370983001023';
const STREET = '370983001';

let t: TestApp;
let grid: { code: string; name: string };
let point: { lng: number; lat: number };
const u: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const [row] = await t.db.query<{ code: string; name: string }>(
    `SELECT code, name FROM geo_grids WHERE compound_code = '37098300102301' ORDER BY code LIMIT 1`,
  );
  grid = row as { code: string; name: string };
  const detail = (
    await t.app.inject({ url: `/api/geo/grids/${grid.code}`, headers: { cookie: t.adminCookie } })
  ).json();
  point = { lng: detail.grid.centroid[0], lat: detail.grid.centroid[1] };
  u.resident = await t.userCookie('resident', '370983', 'resident.deep');
  u.gridWorker = await t.userCookie('grid_worker', grid.code, 'gw.deep');
  u.community = await t.userCookie('community_staff', COMMUNITY, 'cs.deep');
  u.street = await t.userCookie('street_staff', STREET, 'ss.deep');
  u.neighbour = await t.userCookie('community_staff', '370983001022', 'cs.neighbour');
});
afterAll(async () => t?.stop());

const view = (cookie: string, id: number) => t.app.inject({ url: `/api/cases/${id}`, headers: { cookie } });
async function actorOf(cookie: string): Promise<Actor> {
  const { user } = (await t.app.inject({ url: '/api/identity/me', headers: { cookie } })).json();
  return { ...user, mustChangePassword: false, sessionId: 0 };
}

describe('a case in a grid under a compound', () => {
  it('is its community’s and street’s, names its community, and reaches the grid’s worker by the grid’s name', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: u.resident as string },
      payload: { categoryCode: 'S0301', description: '教师村小区楼道飞线充电', location: point },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().case.id as number;
    expect(res.json().case.gridCode).toBe(grid.code);
    expect(res.json().case.areaName).toBe('赵庄社区居委会');
    expect((await view(u.community as string, id)).statusCode).toBe(200);
    expect((await view(u.street as string, id)).statusCode).toBe(200);
    expect((await view(u.neighbour as string, id)).statusCode).toBe(404);

    const community = await actorOf(u.community as string);
    const accepted = new Date('2026-09-30T15:00:00+08:00');
    await transitionCase(t, community, id, { action: 'accept' }, accepted);
    await transitionCase(t, community, id, { action: 'dispatch', level: 'grid' }, accepted);
    await t.events.drain();
    const dispatched = (await view(u.gridWorker as string, id)).json().case;
    expect(dispatched).toMatchObject({ level: 'grid', assignee: { unit: grid.code } });
    const inbox = (await t.app.inject({ url: '/api/notify/messages', headers: { cookie: u.gridWorker as string } }))
      .json()
      .items.filter((m: { subject: string }) => m.subject === `case:${id}`);
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.some((m: { titleZh: string }) => m.titleZh.includes(grid.name))).toBe(true);

    // overdue at each level: one level up each time, to the unit that level names
    await escalateOverdue(t, new Date('2026-10-09T09:00:00+08:00'));
    expect((await view(u.community as string, id)).json().case).toMatchObject({
      level: 'community',
      assignee: { unit: COMMUNITY },
    });
    await escalateOverdue(t, new Date('2026-10-13T09:00:00+08:00'));
    expect((await view(u.street as string, id)).json().case).toMatchObject({
      level: 'street',
      assignee: { unit: STREET },
    });
    await escalateOverdue(t, new Date('2026-10-20T09:00:00+08:00'));
    expect((await view(u.street as string, id)).json().case).toMatchObject({
      level: 'district',
      assignee: { unit: '370983' },
      escalationCount: 3,
    });
  });
});
