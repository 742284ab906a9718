import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
const logFile = path.join(os.tmpdir(), `shanzhi-phone-${process.pid}-${Date.now()}.log`);
const seen: string[] = [];

beforeAll(async () => {
  // logs on, into a file this test reads back: codes and numbers must not be in it
  t = await startTestApp({ grids: ['370983'], env: { LOG_LEVEL: 'info', LOG_FILE: logFile } });
});
afterAll(async () => t?.stop());

let ipSeq = 0;
const ip = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

const askCode = (phone: string, from = ip()) =>
  t.app.inject({ method: 'POST', url: '/api/identity/phone-codes', payload: { phone }, remoteAddress: from });
const signIn = (phone: string, code: string) =>
  t.app.inject({ method: 'POST', url: '/api/identity/phone-sessions', payload: { phone, code }, remoteAddress: ip() });

/** The newest text in the development outbox for a number, as the administrator's page shows it. */
async function lastCodeFor(phone: string): Promise<string> {
  const res = await t.app.inject({ url: '/api/admin/sms-outbox', headers: { cookie: t.adminCookie } });
  expect(res.json().gateway).toBe('dev_outbox');
  const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const text = res.json().items.find((i: { phoneMasked: string }) => i.phoneMasked === masked)?.text as string;
  const code = text.match(/验证码是 (\d{6})/)?.[1] as string;
  seen.push(code, phone);
  return code;
}

/** Lets the resend wait pass without waiting: the number's earlier codes were asked for two minutes ago. */
const backdate = (minutes = 2) =>
  t.db.query(`UPDATE identity_phone_codes SET created_at = created_at - make_interval(mins => $1)`, [minutes]);

describe('a resident signs up with a mobile number and a code', () => {
  it('signs up on the first right code, as a resident, and signs in again on the next', async () => {
    expect((await askCode('13905381111')).json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const first = await signIn('13905381111', await lastCodeFor('13905381111'));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: true, user: { role: 'resident', displayName: '居民1111' } });
    const me = await t.app.inject({ url: '/api/identity/me', headers: { cookie: cookieOf(first) } });
    expect(me.json().user.id).toBe(first.json().user.id);
    // the number is sealed at rest
    expect(JSON.stringify(await t.db.query('SELECT * FROM identity_users'))).not.toContain('13905381111');
    expect(JSON.stringify(await t.db.query('SELECT * FROM core_sms_outbox'))).not.toContain('13905381111');

    await backdate();
    await askCode('13905381111');
    const again = await signIn('13905381111', await lastCodeFor('13905381111'));
    expect(again.json()).toMatchObject({ created: false, user: { id: first.json().user.id } });
  });

  it('refuses an expired code, a used one, and a code after too many wrong tries, naming the field', async () => {
    await askCode('13905382222');
    const code = await lastCodeFor('13905382222');
    await t.db.query(`UPDATE identity_phone_codes SET expires_at = now() - interval '1 second'`);
    const expired = await signIn('13905382222', code);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toMatchObject({ code: 'identity.bad_code', field: 'code' });

    await backdate();
    await askCode('13905382222');
    const fresh = await lastCodeFor('13905382222');
    const wrong = fresh === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await signIn('13905382222', wrong)).statusCode).toBe(400);
    expect((await signIn('13905382222', fresh)).statusCode).toBe(400);

    await backdate();
    await askCode('13905382222');
    const once = await lastCodeFor('13905382222');
    expect((await signIn('13905382222', once)).statusCode).toBe(200);
    expect((await signIn('13905382222', once)).statusCode).toBe(400);
  });

  it('limits codes per number and per address, and says when to try again', async () => {
    await askCode('13905383333');
    const soon = await askCode('13905383333');
    expect(soon.statusCode).toBe(429);
    expect(soon.json().error).toMatchObject({ code: 'identity.code_too_soon', field: 'phone' });
    expect(soon.json().error.message).toMatch(/请 \d+ 秒后再试/);
    for (let i = 0; i < 4; i++) {
      await backdate();
      expect((await askCode('13905383333')).statusCode).toBe(200);
    }
    await backdate();
    const hourly = await askCode('13905383333');
    expect(hourly.json().error).toMatchObject({ code: 'identity.too_many_codes', field: 'phone' });

    const statuses = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await askCode(`1370538${String(i).padStart(4, '0')}`, '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('answers alike for a registered number and an unknown one, and never signs staff in by code', async () => {
    await backdate(90);
    const registered = await askCode('13905381111');
    const unknown = await askCode('13905389999');
    expect([registered.statusCode, registered.body]).toEqual([unknown.statusCode, unknown.body]);

    const staff = await t.userCookie('grid_worker', '370983', 'phone.gw');
    const me = (await t.app.inject({ url: '/api/identity/me', headers: { cookie: staff } })).json().user;
    await t.db.query('UPDATE identity_users SET phone_hash = $2 WHERE id = $1', [
      me.id,
      t.ctx.cipher.searchHash('13905384444'),
    ]);
    await askCode('13905384444');
    const asStaff = await signIn('13905384444', await lastCodeFor('13905384444'));
    expect(asStaff.statusCode).toBe(400);
    expect(asStaff.json().error.code).toBe('identity.bad_code');
  });

  it('refuses a malformed number by field, in Chinese', async () => {
    const bad = await askCode('12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('phone');
  });

  it('keeps every code and number out of the log', async () => {
    const log = readFileSync(logFile, 'utf8');
    expect(log.length).toBeGreaterThan(0);
    expect(log).toContain('phone-codes');
    for (const secret of seen) expect(log).not.toContain(secret);
  });
});
