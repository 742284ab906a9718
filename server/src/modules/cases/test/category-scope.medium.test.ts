import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

/**
 * Two districts on one deployment, 青山湖区 (360111) and 雨花台区 (320114): a category's time limits are each
 * district's to set for itself, everything else about it and the defaults the global administrator's.
 */
let t: TestApp;
let qingshanhu: string;
let yuhuatai: string;

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: object) =>
  t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

const categoryAs = async (cookie?: string) =>
  (await call('GET', '/api/cases/categories', cookie))
    .json()
    .items.find((c: { code: string }) => c.code === 'E0302') as { handleWorkdays: number; ownLimits: boolean };

/** A case reported at the first grid of the district and accepted by its administrator: its deadline in ms. */
async function acceptedIn(district: string, admin: string): Promise<number> {
  const [grid] = await t.db.query<{ code: string }>(
    `SELECT g.code FROM geo_grids g, geo_regions r WHERE r.code = $1 AND g.path <@ r.path ORDER BY g.code LIMIT 1`,
    [district],
  );
  const [lng, lat] = (await call('GET', `/api/geo/grids/${grid?.code}`, t.adminCookie)).json().grid.centroid;
  const resident = await t.userCookie('resident', district, `resident.${district}`);
  const reported = await call('POST', '/api/cases', resident, {
    categoryCode: 'E0302',
    description: '路灯不亮',
    location: { lng, lat },
  });
  expect(reported.statusCode, reported.body).toBe(201);
  const accepted = await call('POST', `/api/cases/${reported.json().case.id}/actions`, admin, { action: 'accept' });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return Date.parse(accepted.json().case.dueAt);
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['320114', '360111'] });
  qingshanhu = await t.userCookie('district_admin', '360111', 'cat.qingshanhu');
  yuhuatai = await t.userCookie('district_admin', '320114', 'cat.yuhuatai');
});
afterAll(async () => t?.stop());

describe('category time limits belong to a district', () => {
  it('lets a district administrator set only their own district’s time limits', async () => {
    const defaults = await categoryAs();
    const across = await call('PATCH', '/api/cases/categories/E0302', qingshanhu, {
      districtCode: '320114',
      handleWorkdays: 99,
    });
    expect(across.statusCode).toBe(403);
    expect(across.json().error).toMatchObject({ code: 'auth.out_of_scope', field: 'districtCode' });
    const shared = await call('PATCH', '/api/cases/categories/E0302', qingshanhu, { defaultLevel: 'district' });
    expect(shared.statusCode).toBe(403);
    expect(shared.json().error).toMatchObject({ code: 'cases.deployment_category_field', field: 'defaultLevel' });

    const own = await call('PATCH', '/api/cases/categories/E0302', qingshanhu, { handleWorkdays: 99 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ handleWorkdays: 99, ownLimits: true });
    expect(await categoryAs(qingshanhu)).toMatchObject({ handleWorkdays: 99, ownLimits: true });
    // the deployment's category, as 雨花台区 and anyone without an account read it, is unchanged
    expect(await categoryAs(yuhuatai)).toMatchObject({ handleWorkdays: defaults.handleWorkdays, ownLimits: false });
    expect(await categoryAs()).toMatchObject({ handleWorkdays: defaults.handleWorkdays, ownLimits: false });
  });

  it('keeps the defaults to the global administrator and counts each case on its own district’s limit', async () => {
    const global = await call('PATCH', '/api/cases/categories/E0302', t.adminCookie, { handleWorkdays: 2 });
    expect(global.statusCode, global.body).toBe(200);
    expect(global.json()).toMatchObject({ handleWorkdays: 2, ownLimits: false });
    expect(await categoryAs(yuhuatai)).toMatchObject({ handleWorkdays: 2 });
    expect(await categoryAs(qingshanhu)).toMatchObject({ handleWorkdays: 99 });

    const days = 86_400_000;
    const yuhuataiDue = await acceptedIn('320114', yuhuatai);
    const qingshanhuDue = await acceptedIn('360111', qingshanhu);
    expect(yuhuataiDue - Date.now()).toBeLessThan(10 * days);
    expect(qingshanhuDue - Date.now()).toBeGreaterThan(99 * days);
  });
});
