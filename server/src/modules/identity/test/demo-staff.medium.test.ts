import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { findOnDutyUserIds, registerOrgs, seedDemoMembers, seedDemoStaff } from '../index.js';

/**
 * The demo district's staff: a first start gives every grid, community, street, department and rapid-response team
 * named people, so that what the case loop and the fire chain send reaches someone from the start.
 */

const DISTRICT = '320114';
let t: TestApp;
let seeded: number;

const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.db.query<{ n: number }>(sql, params))[0]?.n ?? 0);

beforeAll(async () => {
  t = await startTestApp({ grids: [DISTRICT] });
  seeded = await seedDemoStaff(t.db, { districtCode: DISTRICT, seed: 'test' });
});
afterAll(async () => t?.stop());

describe('demo staff of the demo district', () => {
  it("gives each live grid an account named as the grid's team lists its grid worker, linked to the team", async () => {
    const grids = await count(
      `SELECT count(*)::int AS n FROM geo_grids WHERE code LIKE '${DISTRICT}%' AND merged_into IS NULL`,
    );
    expect(grids).toBeGreaterThan(10);
    expect(await count(`SELECT count(*)::int AS n FROM identity_users WHERE role = 'grid_worker'`)).toBe(grids);
    const unlinked = await count(
      `SELECT count(*)::int AS n FROM geo_grid_members m JOIN geo_grids g ON g.code = m.grid_code
       WHERE g.code LIKE '${DISTRICT}%' AND m.role = 'grid_worker' AND m.seq = 1 AND m.user_id IS NULL`,
    );
    expect(unlinked).toBe(0);

    const [grid] = await t.db.query<{ code: string }>(
      `SELECT code FROM geo_grids WHERE code LIKE '${DISTRICT}%' LIMIT 1`,
    );
    const detail = (
      await t.app.inject({ url: `/api/geo/grids/${grid?.code}`, headers: { cookie: t.adminCookie } })
    ).json() as { grid: { team: { role: string; name: string; userId: number | null }[] } };
    const worker = detail.grid.team.find((m) => m.role === 'grid_worker');
    const [account] = await t.db.query<{ displayName: string; username: string }>(
      'SELECT display_name AS "displayName", username FROM identity_users WHERE id = $1',
      [worker?.userId],
    );
    expect(account).toEqual({ displayName: worker?.name, username: `gw-${grid?.code}` });
  });

  it("staffs the rapid-response teams as the seed's 雨花台区 does: 37 full-time and 25 part-time, two on duty each", async () => {
    const by = await t.db.query<{ employment: string; n: number }>(
      `SELECT employment, count(*)::int AS n FROM identity_users WHERE org_code LIKE '${DISTRICT}%-rapid_response'
       GROUP BY employment ORDER BY employment`,
    );
    expect(by).toEqual([
      { employment: 'full_time', n: 37 },
      { employment: 'part_time', n: 25 },
    ]);
    const teams = await t.db.query<{ code: string }>(
      `SELECT code FROM identity_orgs WHERE kind = 'rapid_response_team' AND code LIKE '${DISTRICT}%'`,
    );
    for (const team of teams) expect(await findOnDutyUserIds(t.db, team.code)).toHaveLength(2);
  });

  it('gives every department members, and a report in any demo grid reaches its grid worker by name', async () => {
    const departmentsStaffed = await count(
      `SELECT count(DISTINCT u.org_code)::int AS n FROM identity_users u JOIN identity_orgs o ON o.code = u.org_code
       WHERE o.kind = 'department' AND o.code LIKE '${DISTRICT}-%'`,
    );
    expect(departmentsStaffed).toBe(10);
    const [grid] = await t.db.query<{ code: string; lng: number; lat: number; name: string }>(
      `SELECT code, name, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
       FROM geo_grids WHERE code LIKE '${DISTRICT}%' AND merged_into IS NULL ORDER BY code DESC LIMIT 1`,
    );
    const resident = await t.userCookie('resident', DISTRICT, 'demo.resident');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: resident },
      payload: { categoryCode: 'E0302', description: '楼道杂物堆积', location: { lng: grid?.lng, lat: grid?.lat } },
    });
    expect(res.statusCode, res.body).toBe(201);
    await t.events.drain();
    const steps = (
      await t.app.inject({
        url: `/api/notify/steps?subject=case:${res.json().case.id}`,
        headers: { cookie: t.adminCookie },
      })
    ).json().items;
    expect(steps).toEqual([
      expect.objectContaining({ step: 'new_report', targetName: grid?.name, recipients: 1, raisedToName: null }),
    ]);
  });

  it('creates nobody twice when run again, and fire centres get members with the first on duty', async () => {
    expect(seeded).toBeGreaterThan(100);
    expect(await seedDemoStaff(t.db, { districtCode: DISTRICT, seed: 'test' })).toBe(0);
    const [district] = await t.db.query<{ path: string }>(
      `SELECT path::text AS path FROM geo_regions WHERE code = $1`,
      [DISTRICT],
    );
    const centre = { code: `${DISTRICT}-fire_centre_a`, regionPath: district?.path as string };
    await registerOrgs(t.db, [{ ...centre, name: '演示消防服务中心', kind: 'fire_service_centre' }]);
    expect(await seedDemoMembers(t.db, [centre], { perOrg: 3, seed: 'test' })).toBe(3);
    expect(await findOnDutyUserIds(t.db, centre.code)).toHaveLength(1);
  });
});
