import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

/**
 * 工作电话: an administrator gives a staff member a work phone, sealed at rest and masked in every staff list; the grid
 * card, public by design, lists it in full for the team members whose account has one, so residents can call them.
 */
const COMMUNITY = '370983002001';
const WORK_PHONE = '13905381122';
const LANDLINE = '0538-3456789';

let t: TestApp;
let grid: string;

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, cookie = t.adminCookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  grid = (await call('GET', `/api/geo/regions/${COMMUNITY}/grids`)).json().features[0].properties.code;
});
afterAll(async () => t?.stop());

async function staff(username: string, workPhone?: string) {
  const res = await call('POST', '/api/identity/users', {
    username,
    displayName: username === 'wp.leader' ? '赵网格长' : '钱网格员',
    role: 'grid_worker',
    scopeCode: grid,
    ...(workPhone ? { workPhone } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().user as { id: number; workPhoneMasked: string | null };
}

describe('a staff member’s work phone', () => {
  it('is sealed at rest and masked in the user list and the audit trail', async () => {
    const user = await staff('wp.worker', WORK_PHONE);
    expect(user.workPhoneMasked).toBe('139****1122');
    const [row] = await t.db.query<{ enc: string; masked: string }>(
      'SELECT work_phone_enc AS enc, work_phone_masked AS masked FROM identity_users WHERE id = $1',
      [user.id],
    );
    expect(row?.enc).toMatch(/^v1:/);
    expect(row?.enc).not.toContain(WORK_PHONE);
    expect(t.ctx.cipher.decrypt(row?.enc as string)).toBe(WORK_PHONE);
    const list = await call('GET', '/api/identity/users?q=wp.worker');
    expect(list.json().items[0].workPhoneMasked).toBe('139****1122');
    expect(list.body).not.toContain(WORK_PHONE);
    const audit = await t.db.query('SELECT detail FROM core_audit WHERE subject = $1', [`user:${user.id}`]);
    expect(JSON.stringify(audit)).not.toContain(WORK_PHONE);
  });

  it('is changed or taken away by an administrator, a landline with its area code as well', async () => {
    const user = await staff('wp.changing');
    const changed = await call('PATCH', `/api/identity/users/${user.id}`, { workPhone: LANDLINE });
    expect(changed.json().user.workPhoneMasked).toBe('053****6789');
    const cleared = await call('PATCH', `/api/identity/users/${user.id}`, { workPhone: null });
    expect(cleared.json().user.workPhoneMasked).toBeNull();
    const [row] = await t.db.query<{ enc: string | null }>(
      'SELECT work_phone_enc AS enc FROM identity_users WHERE id = $1',
      [user.id],
    );
    expect(row?.enc).toBeNull();
  });

  it('refuses a number that is none, and a work phone for a resident, naming the field', async () => {
    const user = await staff('wp.bad');
    const bad = await call('PATCH', `/api/identity/users/${user.id}`, { workPhone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('workPhone');
    const resident = await call('POST', '/api/identity/users', {
      username: 'wp.resident',
      displayName: '居民',
      role: 'resident',
      scopeCode: grid,
      workPhone: WORK_PHONE,
    });
    expect(resident.statusCode).toBe(400);
    expect(resident.json().error).toMatchObject({ code: 'identity.work_phone_staff_only', field: 'workPhone' });
    const [stored] = await t.db.query("SELECT 1 FROM identity_users WHERE username = 'wp.resident'");
    expect(stored).toBeUndefined();
  });

  it('is on the public grid card for the team members whose account has one, and only theirs', async () => {
    const leader = await staff('wp.leader', LANDLINE);
    const worker = await staff('wp.noPhone');
    const team = await call('PUT', `/api/geo/grids/${grid}/team`, {
      members: [
        { role: 'grid_leader', name: '赵网格长', userId: leader.id },
        { role: 'grid_worker', name: '钱网格员', userId: worker.id },
        { role: 'police_officer', name: '周民警' },
      ],
    });
    expect(team.statusCode, team.body).toBe(200);
    const card = await t.app.inject({ url: `/api/geo/grids/${grid}/card` });
    expect(card.json().team).toEqual([
      { role: 'grid_leader', name: '赵网格长', phone: LANDLINE },
      { role: 'grid_worker', name: '钱网格员', phone: null },
      { role: 'police_officer', name: '周民警', phone: null },
    ]);
    // a disabled account no longer answers for the grid: its number leaves the card
    await call('PATCH', `/api/identity/users/${leader.id}`, { disabled: true });
    const after = await t.app.inject({ url: `/api/geo/grids/${grid}/card` });
    expect(after.json().team[0]).toEqual({ role: 'grid_leader', name: '赵网格长', phone: null });
  });
});
