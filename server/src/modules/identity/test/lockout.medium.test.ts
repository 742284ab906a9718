import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support.js';

/**
 * The sign-in throttle (domain/throttle.ts) as a user meets it: whoever guesses is shut out from where they guess,
 * the owner signing in from elsewhere is not, and no answer tells a shut account from a wrong password or from nobody.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
});
afterAll(async () => t?.stop());

const signIn = (username: string, password: string, from: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/identity/sessions',
    payload: { username, password },
    remoteAddress: from,
  });

const answer = (res: { statusCode: number; body: string }) => `${res.statusCode} ${res.body}`;

/** A staff account that has chosen its password (TEST_PASSWORD) and signed in once, from `from`. */
async function staff(username: string, from = '192.0.2.250') {
  await t.userCookie('street_staff', '370983002', username);
  expect((await signIn(username, TEST_PASSWORD, from)).statusCode).toBe(200);
  const [user] = await t.db.query<{ id: number }>('SELECT id::int AS id FROM identity_users WHERE username = $1', [
    username,
  ]);
  return user?.id as number;
}

async function guess(username: string, from: string, times = t.ctx.config.identity.lockout.threshold) {
  for (let i = 0; i < times; i++) expect((await signIn(username, `Wrong-guess-${i}`, from)).statusCode).toBe(401);
}

async function listed(username: string, cookie = t.adminCookie) {
  const res = await t.app.inject({
    url: `/api/identity/users?q=${username}`,
    headers: { cookie },
  });
  return (res.json().items as { username: string; locked: boolean }[]).find((u) => u.username === username);
}

describe('an address guessing one account’s password', () => {
  it('is shut out of it, the right password included, while the owner elsewhere signs in', async () => {
    await staff('lock.owner');
    await guess('lock.owner', '203.0.113.1');
    expect((await signIn('lock.owner', TEST_PASSWORD, '203.0.113.1')).statusCode).toBe(401);
    const tokenThere = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      payload: { username: 'lock.owner', password: TEST_PASSWORD, name: 'x', ttlDays: 1 },
      remoteAddress: '203.0.113.1',
    });
    expect(tokenThere.statusCode).toBe(401);

    expect((await signIn('lock.owner', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
    const tokenElsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      payload: { username: 'lock.owner', password: TEST_PASSWORD, name: 'x', ttlDays: 1 },
      remoteAddress: '198.51.100.8',
    });
    expect(tokenElsewhere.statusCode).toBe(200);
    expect((await listed('lock.owner'))?.locked).toBe(true);
  });

  it('hears the same bytes for an unknown name, a wrong password and a shut account', async () => {
    await staff('lock.same');
    await guess('lock.same', '203.0.113.2');
    const shutRight = await signIn('lock.same', TEST_PASSWORD, '203.0.113.2');
    const wrong = await signIn('lock.same', 'Wrong-guess-x', '203.0.113.3');
    const unknown = await signIn('nobody.at.all', TEST_PASSWORD, '203.0.113.4');
    // an unknown name is shut after as many guesses as a real one, so that tells nothing either
    await guess('nobody.either', '203.0.113.5');
    const unknownShut = await signIn('nobody.either', TEST_PASSWORD, '203.0.113.5');
    expect(wrong.statusCode).toBe(401);
    for (const same of [shutRight, unknown, unknownShut]) expect(answer(same)).toBe(answer(wrong));
  });
});

describe('an address trying many names', () => {
  it('is shut out of every account, and no one else is', async () => {
    await staff('lock.walked');
    const { perAddress } = t.ctx.config.identity.lockout;
    for (let i = 0; i < perAddress; i++) await signIn(`walk.${i}`, 'Wrong-guess-1', '203.0.113.20');
    expect((await signIn('lock.walked', TEST_PASSWORD, '203.0.113.20')).statusCode).toBe(401);
    expect((await signIn('lock.walked', TEST_PASSWORD, '203.0.113.21')).statusCode).toBe(200);
  });
});

describe('guesses at one account from many addresses', () => {
  it('past the ceiling let in only addresses the account signed in from before', async () => {
    await staff('lock.crowd', '198.51.100.30');
    const { perAccount, threshold } = t.ctx.config.identity.lockout;
    for (let a = 0; a * threshold < perAccount; a++) await guess('lock.crowd', `203.0.113.${100 + a}`);
    expect((await signIn('lock.crowd', TEST_PASSWORD, '198.51.100.31')).statusCode).toBe(401);
    expect((await signIn('lock.crowd', TEST_PASSWORD, '198.51.100.30')).statusCode).toBe(200);
  });
});

describe('unlocking', () => {
  it('an administrator lets the shut address back in through the API, keeping the password', async () => {
    const id = await staff('lock.unlock');
    await guess('lock.unlock', '203.0.113.40');
    const street = await t.userCookie('street_staff', '370983001', 'lock.other.street');
    const outside = await t.app.inject({
      method: 'POST',
      url: `/api/identity/users/${id}/unlock`,
      headers: { cookie: street },
    });
    expect(outside.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/identity/users/${id}/unlock`,
      headers: { cookie: t.adminCookie },
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await listed('lock.unlock'))?.locked).toBe(false);
    expect((await signIn('lock.unlock', TEST_PASSWORD, '203.0.113.40')).statusCode).toBe(200);
    const [audit] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM core_audit WHERE action = 'identity.user_unlocked' AND subject = $1`,
      [`user:${id}`],
    );
    expect(audit?.n).toBe(1);
  });

  it('a district administrator over everything makes a second one, who unlocks the first', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/identity/users',
      headers: { cookie: t.adminCookie },
      payload: { username: 'second.admin', displayName: '第二管理员', role: 'district_admin', scopeCode: '' },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().user).toMatchObject({ role: 'district_admin', scopeCode: '' });
    const first = await signIn('second.admin', created.json().oneTimePassword, '198.51.100.50');
    const second = cookieOf(first);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/identity/password',
      headers: { cookie: second },
      payload: { currentPassword: created.json().oneTimePassword, newPassword: 'Second-admin-2026' },
    });
    expect(changed.statusCode).toBe(204);

    const [admin] = await t.db.query<{ id: number; username: string }>(
      `SELECT id::int AS id, username FROM identity_users WHERE role = 'district_admin' ORDER BY id LIMIT 1`,
    );
    await guess(admin?.username as string, '203.0.113.60');
    expect((await listed(admin?.username as string, second))?.locked).toBe(true);
    const unlocked = await t.app.inject({
      method: 'POST',
      url: `/api/identity/users/${admin?.id}/unlock`,
      headers: { cookie: second },
    });
    expect(unlocked.statusCode, unlocked.body).toBe(204);
    expect((await signIn(admin?.username as string, TEST_PASSWORD, '203.0.113.60')).statusCode).toBe(200);
  });
});
