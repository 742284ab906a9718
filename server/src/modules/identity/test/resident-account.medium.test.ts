import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/id-number.js';
import { cookieOf, startTestApp, type TestApp } from '../../../test/support.js';

/**
 * A resident who signed up by phone manages their own account: a password (the first only with a fresh texted
 * code), signing in with number and password, and a real name checked by GB 11643 and sealed.
 */
let t: TestApp;
const logFile = path.join(os.tmpdir(), `shanzhi-resident-account-${process.pid}-${Date.now()}.log`);

const PHONE = '13905387001';
const OTHER = '13905387002';
const NAME = '张三丰';
/** An ID number whose check character is X, to show that a lower-case x is the same number. */
const ID = (() => {
  for (let seq = 100; seq < 999; seq++) {
    const first17 = `37098319800214${seq}`;
    if (checkCharacter(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no ID number ending in X');
})();
const BAD_CHECK = `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`;
const GOOD_PASSWORD = 'Lamp-post-2026';

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'], env: { LOG_LEVEL: 'info', LOG_FILE: logFile } });
});
afterAll(async () => t?.stop());

let ipSeq = 0;
const ip = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (cookie: string | undefined, method: Method, url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    remoteAddress: ip(),
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload ? { payload } : {}),
  });

/** Lets the resend wait pass without waiting. */
const backdate = () => t.db.query(`UPDATE identity_phone_codes SET created_at = created_at - interval '2 minutes'`);

async function lastCode(): Promise<string> {
  const [row] = await t.db.query<{ text: string }>('SELECT text FROM core_sms_outbox ORDER BY id DESC LIMIT 1');
  return row?.text.match(/验证码是 (\d{6})/)?.[1] as string;
}

async function signUp(phone: string): Promise<string> {
  await backdate();
  expect((await call(undefined, 'POST', '/api/identity/phone-codes', { phone })).statusCode).toBe(200);
  const res = await call(undefined, 'POST', '/api/identity/phone-sessions', { phone, code: await lastCode() });
  expect(res.statusCode, res.body).toBe(200);
  return cookieOf(res);
}

/** A fresh code texted to the signed-in resident's own number. */
async function ownCode(cookie: string): Promise<string> {
  await backdate();
  const res = await call(cookie, 'POST', '/api/identity/me/phone-codes');
  expect(res.statusCode, res.body).toBe(200);
  return lastCode();
}

/** How each audit row of this action says the person proved themselves ('code' or 'password'), oldest first. */
const audits = async (action: string) =>
  (
    await t.db.query<{ method: string | null }>(
      `SELECT detail->>'method' AS method FROM core_audit WHERE action = $1 ORDER BY id`,
      [action],
    )
  ).map((r) => r.method);

describe('a resident’s password', () => {
  let resident: string;

  it('cannot be set the first time without a fresh code texted to the resident’s number', async () => {
    resident = await signUp(PHONE);
    const other = await signUp(PHONE);
    expect((await call(resident, 'GET', '/api/identity/me/profile')).json()).toEqual({
      phoneMasked: '139****7001',
      hasPassword: false,
      realName: null,
    });

    const bare = await call(resident, 'PUT', '/api/identity/me/password', {
      newPassword: GOOD_PASSWORD,
      currentPassword: 'anything-at-all',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ code: 'identity.code_required', field: 'code' });

    const code = await ownCode(resident);
    const wrong = await call(resident, 'PUT', '/api/identity/me/password', {
      newPassword: GOOD_PASSWORD,
      code: code === '000000' ? '000001' : '000000',
    });
    expect(wrong.json().error).toMatchObject({ code: 'identity.bad_code', field: 'code' });
    const weak = await call(resident, 'PUT', '/api/identity/me/password', { newPassword: 'short', code });
    expect(weak.json().error).toMatchObject({ code: 'identity.weak_password', field: 'newPassword' });

    // the weak try did not spend the code
    const set = await call(resident, 'PUT', '/api/identity/me/password', { newPassword: GOOD_PASSWORD, code });
    expect(set.statusCode, set.body).toBe(204);
    const again = await call(resident, 'PUT', '/api/identity/me/password', { newPassword: 'Another-one-2026', code });
    expect(again.json().error).toMatchObject({ code: 'identity.bad_code', field: 'code' });

    expect((await call(resident, 'GET', '/api/identity/me/profile')).json().hasPassword).toBe(true);
    expect(await audits('identity.password_set')).toEqual(['code']);
    // any other session of the account ends with the change
    expect((await call(other, 'GET', '/api/identity/me')).statusCode).toBe(401);
  });

  it('signs the resident in with number and password; a wrong password and an unknown number answer alike', async () => {
    const ok = await call(undefined, 'POST', '/api/identity/phone-password-sessions', {
      phone: PHONE,
      password: GOOD_PASSWORD,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.role).toBe('resident');
    const me = await call(cookieOf(ok), 'GET', '/api/identity/me');
    expect(me.json().user.id).toBe(ok.json().user.id);

    const wrong = await call(undefined, 'POST', '/api/identity/phone-password-sessions', {
      phone: PHONE,
      password: 'Not-the-password-1',
    });
    const unknown = await call(undefined, 'POST', '/api/identity/phone-password-sessions', {
      phone: '13905387999',
      password: 'Not-the-password-1',
    });
    const noPassword = await call(undefined, 'POST', '/api/identity/phone-password-sessions', {
      phone: OTHER,
      password: 'Not-the-password-1',
    });
    await signUp(OTHER);
    const noPasswordYet = await call(undefined, 'POST', '/api/identity/phone-password-sessions', {
      phone: OTHER,
      password: 'Not-the-password-1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({
      code: 'identity.bad_phone_credentials',
      message: '手机号或密码错误；多次输错后须等待 15 分钟再试',
    });
    for (const same of [unknown, noPassword, noPasswordYet]) {
      expect([same.statusCode, same.body]).toEqual([wrong.statusCode, wrong.body]);
    }
  });

  it('is changed with the current password or a fresh code, and locks after as many wrong tries as staff sign-in', async () => {
    const byPassword = await call(resident, 'PUT', '/api/identity/me/password', {
      newPassword: 'Second-lamp-2026',
      currentPassword: GOOD_PASSWORD,
    });
    expect(byPassword.statusCode, byPassword.body).toBe(204);
    const unproven = await call(resident, 'PUT', '/api/identity/me/password', { newPassword: 'Third-lamp-2026' });
    expect(unproven.json().error).toMatchObject({ code: 'identity.proof_required', field: 'currentPassword' });
    const byCode = await call(resident, 'PUT', '/api/identity/me/password', {
      newPassword: 'Third-lamp-2026',
      code: await ownCode(resident),
    });
    expect(byCode.statusCode, byCode.body).toBe(204);
    // the first is the test administrator's own first sign-in
    expect((await audits('identity.password_changed')).slice(1)).toEqual(['password', 'code']);

    // every call above came from an address of its own; the guesses below come from one
    const guess = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/identity/phone-password-sessions',
        payload: { phone: PHONE, password },
        remoteAddress: '10.9.9.9',
      });
    const answers: string[] = [];
    for (let i = 0; i < t.ctx.config.identity.lockout.threshold; i++) {
      const res = await guess(`Wrong-guess-${i}-x`);
      answers.push(`${res.statusCode} ${res.body}`);
    }
    // that address is shut out, even with the right password, and is told no more than a wrong one
    const locked = await guess('Third-lamp-2026');
    expect(`${locked.statusCode} ${locked.body}`).toBe(answers[0]);
    // the resident elsewhere is not
    const elsewhere = await call(undefined, 'POST', '/api/identity/phone-password-sessions', {
      phone: PHONE,
      password: 'Third-lamp-2026',
    });
    expect(elsewhere.statusCode).toBe(200);
    expect((await audits('identity.sign_in_locked')).length).toBeGreaterThan(0);
  });
});

describe('a resident’s real name', () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    first = await signUp('13905387101');
    second = await signUp('13905387102');
  });

  it('refuses a bad check digit and a name that is not one, naming the field', async () => {
    const bad = await call(first, 'PUT', '/api/identity/me/real-name', { name: NAME, idNumber: BAD_CHECK });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'identity.bad_id_number', field: 'idNumber' });
    expect(bad.json().error.message).toContain('校验码错误');
    const noName = await call(first, 'PUT', '/api/identity/me/real-name', { name: '123', idNumber: ID });
    expect(noName.json().error).toMatchObject({ code: 'validation.invalid', field: 'name' });
    expect((await call(first, 'GET', '/api/identity/me/profile')).json().realName).toBeNull();
  });

  it('seals a good one at rest and shows it masked', async () => {
    const res = await call(first, 'PUT', '/api/identity/me/real-name', { name: NAME, idNumber: ID });
    expect(res.statusCode, res.body).toBe(200);
    const masked = { nameMasked: '张*丰', idNumberMasked: `370983********${ID.slice(-4)}` };
    expect(res.json().realName).toEqual(masked);
    expect((await call(first, 'GET', '/api/identity/me/profile')).json().realName).toEqual(masked);

    const [row] = await t.db.query<{ name: string; id: string; hash: string }>(
      `SELECT real_name_enc AS name, id_number_enc AS id, id_number_hash AS hash FROM identity_users
       WHERE id_number_hash IS NOT NULL`,
    );
    expect(row?.name).toMatch(/^v1:/);
    expect(row?.id).toMatch(/^v1:/);
    expect(row?.hash).toBe(t.ctx.cipher.searchHash(ID));
    expect(t.ctx.cipher.decrypt(row?.name as string)).toBe(NAME);
    const everything = JSON.stringify([
      await t.db.query('SELECT * FROM identity_users'),
      await t.db.query('SELECT * FROM core_audit'),
    ]);
    expect(everything).not.toContain(NAME);
    expect(everything).not.toContain(ID);
    expect(await audits('identity.real_name_set')).toHaveLength(1);
  });

  it('refuses the same ID number on a second account, in either case of its X', async () => {
    const twice = await call(second, 'PUT', '/api/identity/me/real-name', {
      name: '李四',
      idNumber: ID.toLowerCase(),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'identity.id_number_taken', field: 'idNumber' });
  });

  it('is removed entirely, and the number is free again', async () => {
    const removed = await call(first, 'DELETE', '/api/identity/me/real-name');
    expect(removed.json().realName).toBeNull();
    const left = await t.db.query(
      'SELECT 1 FROM identity_users WHERE real_name_enc IS NOT NULL OR id_number_enc IS NOT NULL OR id_number_hash IS NOT NULL',
    );
    expect(left).toHaveLength(0);
    const now = await call(second, 'PUT', '/api/identity/me/real-name', { name: '李四', idNumber: ID });
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json().realName.nameMasked).toBe('李*');
  });

  it('is the resident’s own: staff have no real name to give here', async () => {
    const staff = await t.userCookie('grid_worker', '370983', 'realname.gw');
    const res = await call(staff, 'PUT', '/api/identity/me/real-name', { name: NAME, idNumber: ID });
    expect(res.statusCode).toBe(403);
  });

  it('keeps names, ID numbers and passwords out of the log', async () => {
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('real-name');
    for (const secret of [NAME, ID, ID.toLowerCase(), '李四', GOOD_PASSWORD, PHONE]) expect(log).not.toContain(secret);
  });
});
