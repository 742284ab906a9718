import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

/**
 * 用户管理 within a scope: what a street administrator may and may not do, the guard against locking everyone out,
 * what disabling does to open sessions, and the last sign-in the list shows.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
});
afterAll(async () => t?.stop());

type Payload = Record<string, unknown>;
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: Payload) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function listed(cookie: string, q: string) {
  const res = await call('GET', `/api/identity/users?q=${encodeURIComponent(q)}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: number; username: string; lastSignInAt: string | null }[];
}

describe('last sign-in', () => {
  it('is empty for a new account and set by a successful sign-in, not by a failed one', async () => {
    const created = await call('POST', '/api/identity/users', t.adminCookie, {
      username: 'last.seen',
      displayName: '最近登录',
      role: 'community_staff',
      scopeCode: '370983002001',
    });
    expect(created.json().user.lastSignInAt).toBeNull();
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { username: 'last.seen', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect((await listed(t.adminCookie, 'last.seen'))[0]?.lastSignInAt).toBeNull();
    const before = Date.now();
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { username: 'last.seen', password: created.json().oneTimePassword },
    });
    expect(ok.statusCode).toBe(200);
    const at = (await listed(t.adminCookie, 'last.seen'))[0]?.lastSignInAt;
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT/);
    // the database's clock and this process's agree to well within a minute
    expect(Math.abs(new Date(at as string).getTime() - before)).toBeLessThan(60_000);
  });
});
