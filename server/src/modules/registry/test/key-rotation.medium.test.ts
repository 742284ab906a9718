import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShanzhi, type Shanzhi } from '../../../app.js';
import { checkCharacter } from '../../../core/id-number.js';
import { resealDevWechatOutbox } from '../../../core/wechat.js';
import { cookieOf, squareAround, startTestApp, type TestApp } from '../../../test/support.js';
import { resealCases } from '../../cases/index.js';
import { resealIdentity } from '../../identity/index.js';
import { resealRegistry } from '../commands/rotate-keys.js';

/**
 * A data key is replaced: Shanzhi restarts with the new key current and the old one retired, finds and refuses to
 * duplicate people sealed under the old key, the rotation seals everything again, and after that the old key can go.
 */
const ID = `37098319700101123${checkCharacter('37098319700101123')}`;
const PHONE = '13905389876';
const RESIDENT_ID = `37098319851120246${checkCharacter('37098319851120246')}`;
let t: TestApp;
const apps: Shanzhi[] = [];

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'], env: { LOG_LEVEL: 'error' } });
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await t?.stop();
});

async function restartWith(keys: { current: Buffer; version: string; retired: { version: string; key: Buffer }[] }) {
  const app = await createShanzhi(
    { ...t.ctx.config, dataKey: keys.current, dataKeyVersion: keys.version, retiredDataKeys: keys.retired },
    { db: t.db, serveWeb: false },
  );
  apps.push(app);
  return (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.app.inject({ method, url, headers: { cookie: t.adminCookie }, ...(payload ? { payload } : {}) });
}

type Call = (
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
) => Promise<{ json(): { created: boolean }; headers: Record<string, unknown> }>;

/**
 * Signs a resident in by a texted code through one of the apps, the code read from the development outbox; `cookie`
 * is their session.
 */
async function phoneSignIn(call: Call, phone: string): Promise<{ created: boolean; cookie: string }> {
  // let the previous code's resend wait pass
  await t.db.query(`UPDATE identity_phone_codes SET created_at = created_at - interval '2 minutes'`);
  await call('POST', '/api/identity/phone-codes', { phone });
  const [row] = await t.db.query<{ text: string }>('SELECT text FROM core_sms_outbox ORDER BY id DESC LIMIT 1');
  const code = row?.text.match(/验证码是 (\d{6})/)?.[1];
  const res = await call('POST', '/api/identity/phone-sessions', { phone, code });
  return { ...res.json(), cookie: cookieOf(res) };
}

/** A resident gives their real name through one of the apps. */
async function giveRealName(app: Shanzhi | TestApp, cookie: string, idNumber: string) {
  return app.app.inject({
    method: 'PUT',
    url: '/api/identity/me/real-name',
    headers: { cookie },
    payload: { name: '李秀英', idNumber },
  });
}

describe('rotating the data key', () => {
  it('keeps every person findable during the rotation and readable after it, under the new key only', async () => {
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie: t.adminCookie }, ...(payload ? { payload } : {}) });
    const grids = (await call('GET', '/api/geo/regions/370983002001/grids')).json().features;
    const centre = (await call('GET', `/api/geo/grids/${grids[0].properties.code}`)).json().grid.centroid as number[];
    const [x, y] = centre as [number, number];
    const building = await call('POST', '/api/registry/buildings', {
      name: '1 栋',
      address: '老城街道南关社区 1 栋',
      footprint: squareAround([x, y]),
      floors: 6,
    });
    const household = await call('POST', `/api/registry/buildings/${building.json().id}/households`, {
      room: '101',
      use: 'owner_occupied',
    });
    const person = { name: '王建国', idNumber: ID, phone: PHONE, householdId: household.json().id, registered: true };
    expect((await call('POST', '/api/registry/people', person)).statusCode).toBe(201);
    const reported = await call('POST', '/api/cases', {
      categoryCode: 'S05',
      description: '楼道堆放杂物',
      location: { lng: x, lat: y },
      contact: { name: '王建国', phone: PHONE },
      viaHotline: true,
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const RESIDENT = '13905381357';
    const QUIET = '13905382468';
    expect(await phoneSignIn(call, RESIDENT)).toMatchObject({ created: true });
    const quiet = await phoneSignIn(call, QUIET);
    expect(quiet).toMatchObject({ created: true });
    // QUIET also gave a real name: sealed and hashed under the old key until the rotation reaches them
    expect((await giveRealName(t, quiet.cookie, RESIDENT_ID)).statusCode).toBe(200);
    // a grid worker with a work phone on the grid card and a bound WeChat, and a message in the WeChat dev outbox
    const WORK_PHONE = '0538-3210000';
    const staff = await call('POST', '/api/identity/users', {
      username: 'rotation.worker',
      displayName: '孙网格员',
      role: 'grid_worker',
      scopeCode: grids[0].properties.code,
      workPhone: WORK_PHONE,
    });
    const staffId = staff.json().user.id as number;
    await call('PUT', `/api/geo/grids/${grids[0].properties.code}/team`, {
      members: [{ role: 'grid_worker', name: '孙网格员', userId: staffId }],
    });
    const openid = await t.ctx.wechat.openidForCode('rotation-code');
    await t.db.query('UPDATE identity_users SET wechat_openid_enc = $2, wechat_openid_hash = $3 WHERE id = $1', [
      staffId,
      t.ctx.cipher.encrypt(openid),
      t.ctx.cipher.searchHash(openid),
    ]);
    await t.ctx.wechat.send({ openid, template: 'notice', data: { keyword1: '测试' }, text: '测试' });

    const oldKey = t.ctx.config.dataKey;
    const newKey = randomBytes(32);
    const during = await restartWith({ current: newKey, version: 'v2', retired: [{ version: 'v1', key: oldKey }] });
    expect((await during('GET', `/api/registry/people?idNumber=${ID}`)).json().items).toHaveLength(1);
    expect((await during('GET', `/api/registry/people?phone=${PHONE}`)).json().items).toHaveLength(1);
    const twice = await during('POST', '/api/registry/people', { ...person, name: '重复登记' });
    expect(twice.statusCode).toBe(409);
    // a resident whose number was hashed under the old key still signs in as themselves
    const resident = await phoneSignIn(during, RESIDENT);
    expect(resident).toMatchObject({ created: false });
    // and nobody can take an ID number that was bound under the old key
    const [duringApp] = apps;
    if (!duringApp) throw new Error('no restarted app');
    const taken = await giveRealName(duringApp, resident.cookie, RESIDENT_ID);
    expect(taken.statusCode, taken.body).toBe(409);

    const cipher = apps[0]?.ctx.cipher;
    if (!cipher) throw new Error('no restarted app');
    expect(await resealRegistry(t.db, cipher)).toMatchObject({ people: 1 });
    expect(await resealCases(t.db, cipher)).toBe(1);
    // signing in during the rotation sealed RESIDENT's number again already; QUIET's and the grid worker's wait
    expect(await resealIdentity(t.db, cipher)).toBe(2);
    expect(await resealDevWechatOutbox(t.db, cipher)).toBe(1);
    const sealed = await t.db.query<{ v: string }>(
      `SELECT id_number_enc AS v FROM registry_people UNION ALL SELECT phone_enc FROM registry_people
       UNION ALL SELECT reporter_phone_enc FROM cases_cases WHERE reporter_phone_enc IS NOT NULL
       UNION ALL SELECT phone_enc FROM identity_users WHERE phone_enc IS NOT NULL
       UNION ALL SELECT work_phone_enc FROM identity_users WHERE work_phone_enc IS NOT NULL
       UNION ALL SELECT wechat_openid_enc FROM identity_users WHERE wechat_openid_enc IS NOT NULL
       UNION ALL SELECT openid_enc FROM core_wechat_outbox
       UNION ALL SELECT real_name_enc FROM identity_users WHERE real_name_enc IS NOT NULL
       UNION ALL SELECT id_number_enc FROM identity_users WHERE id_number_enc IS NOT NULL`,
    );
    expect(sealed.map((r) => r.v.slice(0, 3))).toEqual(Array(10).fill('v2:'));
    const [rehashed] = await t.db.query<{ hash: string }>(
      'SELECT wechat_openid_hash AS hash FROM identity_users WHERE id = $1',
      [staffId],
    );
    expect(rehashed?.hash).toBe(cipher.searchHash(openid));
    const [bound] = await t.db.query<{ hash: string }>(
      'SELECT id_number_hash AS hash FROM identity_users WHERE id_number_hash IS NOT NULL',
    );
    expect(bound?.hash).toBe(cipher.searchHash(RESIDENT_ID));
    expect(await resealRegistry(t.db, cipher)).toMatchObject({ people: 0 });

    const retiredGone = await restartWith({ current: newKey, version: 'v2', retired: [] });
    const [found] = (await retiredGone('GET', `/api/registry/people?idNumber=${ID}`)).json().items;
    expect(found).toBeDefined();
    const revealed = await retiredGone('POST', `/api/registry/people/${found.id}/reveal`, {
      field: 'phone',
      reason: '密钥轮换后核对',
    });
    expect(revealed.json().value).toBe(PHONE);
    // and, with the old key gone, by a hash made under the new one
    expect(await phoneSignIn(retiredGone, RESIDENT)).toMatchObject({ created: false });
    expect(await phoneSignIn(retiredGone, QUIET)).toMatchObject({ created: false });
    // the work phone opens under the new key alone, on the public grid card
    const card = await retiredGone('GET', `/api/geo/grids/${grids[0].properties.code}/card`);
    expect(card.json().team).toEqual([{ role: 'grid_worker', name: '孙网格员', phone: WORK_PHONE }]);
    const after = await phoneSignIn(retiredGone, RESIDENT);
    const stillTaken = await giveRealName(apps[1] as Shanzhi, after.cookie, RESIDENT_ID);
    expect(stillTaken.statusCode, stillTaken.body).toBe(409);
  });
});
