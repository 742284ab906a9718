import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
});
afterAll(async () => t?.stop());

type Payload = Record<string, unknown>;
const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  opts: { cookie?: string; payload?: Payload; headers?: Record<string, string> } = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
    ...(opts.payload ? { payload: opts.payload } : {}),
  });

async function createUser(role: string, scopeCode: string, username: string) {
  const res = await call('POST', '/api/identity/users', {
    cookie: t.adminCookie,
    payload: { username, displayName: username, role, scopeCode },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { user: { id: number }; oneTimePassword: string };
}

async function audit(action: string, subject?: string) {
  return t.db.query<{ action: string }>(
    'SELECT action FROM core_audit WHERE action = $1 AND ($2::text IS NULL OR subject = $2)',
    [action, subject ?? null],
  );
}

describe('sign-in', () => {
  it('makes a first sign-in change the one-time password before anything else', async () => {
    const { oneTimePassword } = await createUser('street_staff', '370983002', 'first.login');
    const res = await call('POST', '/api/identity/sessions', {
      payload: { username: 'first.login', password: oneTimePassword },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    const blocked = await call('GET', '/api/geo/regions', { cookie: cookieOf(res) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.password_change_required');
    const me = await call('GET', '/api/identity/me', { cookie: cookieOf(res) });
    expect(me.json().user.username).toBe('first.login');
  });

  it('answers a wrong password and an unknown user alike, and audits both', async () => {
    await createUser('street_staff', '370983002', 'li.ming');
    const wrong = await call('POST', '/api/identity/sessions', {
      payload: { username: 'li.ming', password: 'nope-nope-nope' },
    });
    const unknown = await call('POST', '/api/identity/sessions', {
      payload: { username: 'nobody.here', password: 'x' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.json().error.message).toBe('用户名或密码错误；多次输错后须等待 15 分钟再试');
    expect((await audit('identity.sign_in_failed')).length).toBeGreaterThanOrEqual(2);
  });

  it('shuts the guessing address out after five failures, even against the right password', async () => {
    const { oneTimePassword } = await createUser('community_staff', '370983002001', 'wang.fang');
    for (let i = 0; i < 5; i++) {
      const r = await call('POST', '/api/identity/sessions', {
        payload: { username: 'wang.fang', password: `wrong-${i}` },
        headers: { 'accept-language': 'en' },
      });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toMatch(/wait 15 minutes/);
    }
    const right = await call('POST', '/api/identity/sessions', {
      payload: { username: 'wang.fang', password: oneTimePassword },
    });
    expect(right.statusCode).toBe(401);
    expect(await audit('identity.locked')).toHaveLength(1);
    expect(await audit('identity.sign_in_locked')).toHaveLength(1);
  });

  it('an administrator reset unlocks with a new one-time password', async () => {
    const { user } = await createUser('community_staff', '370983002001', 'zhao.lei');
    for (let i = 0; i < 5; i++) {
      await call('POST', '/api/identity/sessions', { payload: { username: 'zhao.lei', password: `wrong-${i}` } });
    }
    const reset = await call('POST', `/api/identity/users/${user.id}/reset-password`, { cookie: t.adminCookie });
    expect(reset.statusCode).toBe(200);
    const again = await call('POST', '/api/identity/sessions', {
      payload: { username: 'zhao.lei', password: reset.json().oneTimePassword },
    });
    expect(again.statusCode).toBe(200);
  });

  it('signs out: the cookie stops working', async () => {
    const cookie = await t.userCookie('street_staff', '370983002');
    expect((await call('GET', '/api/identity/me', { cookie })).statusCode).toBe(200);
    expect((await call('DELETE', '/api/identity/sessions/current', { cookie })).statusCode).toBe(204);
    expect((await call('GET', '/api/identity/me', { cookie })).statusCode).toBe(401);
  });

  it('issues bearer tokens for API clients', async () => {
    await t.userCookie('command_centre', '370983', 'api.client');
    const res = await call('POST', '/api/identity/tokens', {
      payload: { username: 'api.client', password: TEST_PASSWORD, name: 'big screen', ttlDays: 7 },
    });
    expect(res.statusCode).toBe(200);
    const { token } = res.json();
    const me = await call('GET', '/api/identity/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.json().user.role).toBe('command_centre');
    const forged = await call('GET', '/api/identity/me', { headers: { authorization: `Bearer ${token}x` } });
    expect(forged.statusCode).toBe(401);
    const [stored] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM identity_sessions WHERE token_hash = $1',
      [token],
    );
    expect(stored?.n).toBe(0);
    // a staff token reaches personal data: a year is refused, naming the field and the limit
    const year = await call('POST', '/api/identity/tokens', {
      payload: { username: 'api.client', password: TEST_PASSWORD, name: 'big screen', ttlDays: 365 },
    });
    expect(year.statusCode).toBe(400);
    expect(year.json().error).toMatchObject({ code: 'identity.staff_token_too_long', field: 'ttlDays' });
    expect(year.json().error.message).toContain('30 天');
  });
});

describe('password change', () => {
  it('names the wrong field and ends the other sessions', async () => {
    const a = await t.userCookie('street_staff', '370983002', 'chen.jing');
    const signIn = await call('POST', '/api/identity/sessions', {
      payload: { username: 'chen.jing', password: TEST_PASSWORD },
    });
    const b = cookieOf(signIn);
    const wrong = await call('POST', '/api/identity/password', {
      cookie: a,
      payload: { currentPassword: 'not-it', newPassword: 'Another-Pass-2026' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('currentPassword');
    const weak = await call('POST', '/api/identity/password', {
      cookie: a,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.json().error).toMatchObject({ field: 'newPassword', code: 'identity.weak_password' });
    expect(weak.json().error.message).toContain('至少 10 位');
    const ok = await call('POST', '/api/identity/password', {
      cookie: a,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Pass-2026' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await call('GET', '/api/identity/me', { cookie: a })).statusCode).toBe(200);
    expect((await call('GET', '/api/identity/me', { cookie: b })).statusCode).toBe(401);
  });
});

describe('user administration', () => {
  it('only administrators manage users, and only inside their scope', async () => {
    // district and street administrators do (users-admin.medium.test.ts); a community's staff do not
    const communityStaff = await t.userCookie('community_staff', '370983002001');
    expect((await call('GET', '/api/identity/users', { cookie: communityStaff })).statusCode).toBe(403);
    const localAdmin = await t.userCookie('district_admin', '370983', 'feicheng.admin');
    const outside = await call('POST', '/api/identity/users', {
      cookie: localAdmin,
      payload: { username: 'yuhua.staff', displayName: '雨花', role: 'street_staff', scopeCode: '320114001' },
    });
    expect(outside.statusCode).toBe(403);
    const everything = await call('POST', '/api/identity/users', {
      cookie: localAdmin,
      payload: { username: 'root.wannabe', displayName: 'x', role: 'district_admin', scopeCode: '' },
    });
    expect(everything.statusCode).toBe(403);
    const listed = (await call('GET', '/api/identity/users?limit=200', { cookie: localAdmin })).json();
    expect(listed.items.every((u: { scopePath: string }) => u.scopePath.startsWith('37.3709.370983'))).toBe(true);
    expect(listed.items.some((u: { username: string }) => u.username === 'admin')).toBe(false);
  });

  it('refuses unknown scopes, taken names and bad input with the field named, changing nothing', async () => {
    const before = (await call('GET', '/api/identity/users?limit=200', { cookie: t.adminCookie })).json().total;
    const cases: [Payload, string][] = [
      [{ username: 'new.one', displayName: 'n', role: 'street_staff', scopeCode: '999999999' }, 'scopeCode'],
      [{ username: 'admin', displayName: 'n', role: 'street_staff', scopeCode: '370983' }, 'username'],
      [{ username: 'a', displayName: 'n', role: 'street_staff', scopeCode: '370983' }, 'username'],
      [{ username: 'new.two', displayName: 'n', role: 'mayor', scopeCode: '370983' }, 'role'],
      [{ username: 'new.three', displayName: 'n', role: 'street_staff', scopeCode: 42 }, 'scopeCode'],
      [{ username: 'new.four', displayName: 'n', role: 'department_staff', scopeCode: '370983' }, 'orgCode'],
      [
        {
          username: 'new.five',
          displayName: 'n',
          role: 'department_staff',
          scopeCode: '370983',
          orgCode: '370983-nothing',
        },
        'orgCode',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await call('POST', '/api/identity/users', { cookie: t.adminCookie, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.field).toBe(field);
    }
    const after = (await call('GET', '/api/identity/users?limit=200', { cookie: t.adminCookie })).json().total;
    expect(after).toBe(before);
  });

  it('disabling a user ends their sessions; every change is audited', async () => {
    const cookie = await t.userCookie('grid_worker', '370983002001', 'sun.wei');
    const { items } = (await call('GET', '/api/identity/users?q=sun.wei', { cookie: t.adminCookie })).json();
    const id = items[0].id;
    const res = await call('PATCH', `/api/identity/users/${id}`, {
      cookie: t.adminCookie,
      payload: { disabled: true },
    });
    expect(res.json().user.disabled).toBe(true);
    expect((await call('GET', '/api/identity/me', { cookie })).statusCode).toBe(401);
    expect(await audit('identity.user_changed', `user:${id}`)).toHaveLength(1);
    expect((await audit('identity.user_created')).length).toBeGreaterThan(3);
  });

  it('lists the departments and rapid-response teams a case can go to, and binds department staff to one', async () => {
    const street = await t.userCookie('street_staff', '370983002');
    const orgs = (await call('GET', '/api/identity/orgs', { cookie: street })).json().items as {
      code: string;
      kind: string;
    }[];
    expect(orgs.map((o) => o.code)).toContain('370983-urban_management');
    expect(orgs.map((o) => o.code)).toContain('370983002-rapid_response');
    expect(orgs.some((o) => o.code === '370983001-rapid_response')).toBe(false);
    const res = await call('POST', '/api/identity/users', {
      cookie: t.adminCookie,
      payload: {
        username: 'cg.staff',
        displayName: '城管',
        role: 'department_staff',
        scopeCode: '370983',
        orgCode: '370983-urban_management',
      },
    });
    expect(res.json().user.orgCode).toBe('370983-urban_management');
  });
});
