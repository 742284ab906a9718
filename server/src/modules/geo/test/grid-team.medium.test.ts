import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

/** A grid's team (五位一体) edited without re-importing the grid: in scope, out of scope, audited, seen on the card. */
const STREET = '370983002'; // 老城街道
const OTHER_STREET = '370983001'; // 新城街道

let t: TestApp;
let grid: string;
let otherGrid: string;
let communityStaff: string;
let otherCommunityStaff: string;
let gridWorker: string;

async function firstGrid(prefix: string, offset = 0): Promise<string> {
  const [g] = await t.db.query<{ code: string }>(
    'SELECT code FROM geo_grids WHERE community_code LIKE $1 ORDER BY code LIMIT 1 OFFSET $2',
    [`${prefix}%`, offset],
  );
  return g?.code as string;
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  grid = await firstGrid(STREET);
  otherGrid = await firstGrid(OTHER_STREET);
  communityStaff = await t.userCookie('community_staff', grid.slice(0, 12), 'team.community');
  otherCommunityStaff = await t.userCookie('community_staff', otherGrid.slice(0, 12));
  gridWorker = await t.userCookie('grid_worker', grid);
});
afterAll(async () => t?.stop());

const put = (code: string, cookie: string, members: unknown[]) =>
  t.app.inject({ method: 'PUT', url: `/api/geo/grids/${code}/team`, headers: { cookie }, payload: { members } });

const team = async (code: string) =>
  (await t.app.inject({ url: `/api/geo/grids/${code}`, headers: { cookie: t.adminCookie } })).json().grid.team;

describe('a grid’s team', () => {
  it('is set as a whole by the community’s staff, with a linked account, and audited', async () => {
    const before = await team(grid);
    const res = await put(grid, communityStaff, [
      { role: 'grid_leader', name: '赵网格长' },
      { role: 'grid_worker', name: '钱网格员', userId: 42 },
      { role: 'part_time_grid_worker', name: '孙兼职' },
      { role: 'part_time_grid_worker', name: '李兼职' },
      { role: 'police_officer', name: '周民警' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const after = await team(grid);
    expect(after).toEqual([
      { role: 'grid_leader', name: '赵网格长', userId: null },
      { role: 'grid_worker', name: '钱网格员', userId: 42 },
      { role: 'part_time_grid_worker', name: '孙兼职', userId: null },
      { role: 'part_time_grid_worker', name: '李兼职', userId: null },
      { role: 'police_officer', name: '周民警', userId: null },
    ]);
    const [audit] = await t.db.query<{ actor_name: string; detail: { before: unknown[]; after: unknown[] } }>(
      `SELECT actor_name, detail FROM core_audit WHERE action = 'geo.grid_team_changed' AND subject = $1`,
      [`grid:${grid}`],
    );
    expect(audit?.actor_name).toBe('team.community');
    expect(audit?.detail.before).toEqual(before);
    expect(audit?.detail.after).toHaveLength(5);
    // the public card shows the new names and never the linked account
    const card = (await t.app.inject({ url: `/api/geo/grids/${grid}/card` })).json();
    expect(card.team).toContainEqual({ role: 'grid_worker', name: '钱网格员', phone: null });
    expect(JSON.stringify(card)).not.toContain('userId');
  });

  it('is closed to another community’s staff and to grid workers, and left as it was', async () => {
    const before = await team(grid);
    const other = await put(grid, otherCommunityStaff, [{ role: 'grid_leader', name: '外人' }]);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('auth.out_of_scope');
    const worker = await put(grid, gridWorker, [{ role: 'grid_leader', name: '自封' }]);
    expect(worker.statusCode).toBe(403);
    expect(worker.json().error.details.ability).toBe('geo.grid.team.manage');
    expect(await team(grid)).toEqual(before);
  });

  it('refuses an unknown role or an empty name, naming the field', async () => {
    const res = await put(grid, communityStaff, [
      { role: 'grid_leader', name: '好' },
      { role: 'boss', name: '坏' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('members.1.role');
    const blank = await put(grid, communityStaff, [{ role: 'grid_leader', name: '  ' }]);
    expect(blank.json().error.field).toBe('members.0.name');
  });

  it("shows the grid's station on the public card, set by the community's staff and audited", async () => {
    // a demo grid keeps its station in its community's service centre
    const seeded = (await t.app.inject({ url: `/api/geo/grids/${grid}/card` })).json();
    expect(seeded.station).toMatchObject({
      name: `${seeded.name}工作站`,
      address: expect.stringContaining('党群服务中心'),
    });

    const station = { name: '南关第一网格工作站', address: '新城路 12 号一楼', hours: '每天 8:00–20:00' };
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/geo/grids/${grid}/station`,
      headers: { cookie: communityStaff },
      payload: { station },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await t.app.inject({ url: `/api/geo/grids/${grid}/card` })).json().station).toEqual(station);
    const [audit] = await t.db.query<{ detail: { after: unknown } }>(
      `SELECT detail FROM core_audit WHERE action = 'geo.grid_station_changed' AND subject = $1`,
      [`grid:${grid}`],
    );
    expect(audit?.detail.after).toEqual(station);

    const blank = await t.app.inject({
      method: 'PUT',
      url: `/api/geo/grids/${grid}/station`,
      headers: { cookie: communityStaff },
      payload: { station: { name: ' ' } },
    });
    expect(blank.json().error.field).toBe('station.name');
    const other = await t.app.inject({
      method: 'PUT',
      url: `/api/geo/grids/${grid}/station`,
      headers: { cookie: otherCommunityStaff },
      payload: { station: null },
    });
    expect(other.statusCode).toBe(403);
    const cleared = await t.app.inject({
      method: 'PUT',
      url: `/api/geo/grids/${grid}/station`,
      headers: { cookie: communityStaff },
      payload: { station: null },
    });
    expect(cleared.json()).toEqual({ station: null });
  });

  it('may be emptied, and a grid that does not exist is named', async () => {
    expect((await put(grid, t.adminCookie, [])).statusCode).toBe(200);
    expect(await team(grid)).toEqual([]);
    const missing = await put('370983002999999', t.adminCookie, []);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('geo.grid_not_found');
  });
});
