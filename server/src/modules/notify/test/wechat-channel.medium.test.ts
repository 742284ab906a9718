import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MpWechat } from '../../../core/wechat.js';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { WechatSender } from '../senders.js';

/**
 * Notices by WeChat template message: a person binds their WeChat through the authorisation callback (the development
 * stand-in turns the code into a dev openid), chooses WeChat, and hears each step there; every attempt is recorded
 * with its outcome, and quiet hours hold for everything but fire.
 */
let t: TestApp;
let worker: string;
let workerId: number;
let other: string;
let grid: string;
let point: { lng: number; lat: number };

const put = (cookie: string, prefs: object) =>
  t.app.inject({ method: 'PUT', url: '/api/notify/preferences', headers: { cookie }, payload: prefs });
const bind = (cookie: string, code: string) =>
  t.app.inject({ method: 'POST', url: '/api/identity/wechat-binding', headers: { cookie }, payload: { code } });

async function report(description: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: t.adminCookie },
    payload: { categoryCode: 'S02', description, location: point },
  });
  expect(res.statusCode, res.body).toBe(201);
  await t.events.drain();
  return res.json().case.number;
}

const lastWechat = async (userId: number) =>
  (
    await t.db.query<{ outcome: string; detail: string | null }>(
      `SELECT d.outcome, d.detail FROM notify_deliveries d JOIN notify_messages m ON m.id = d.message_id
       WHERE m.user_id = $1 AND d.channel = 'wechat' ORDER BY d.id DESC LIMIT 1`,
      [userId],
    )
  )[0];

const outbox = async () =>
  t.db.query<{ text: string; openid_enc: string; openid_masked: string; data: Record<string, string> }>(
    'SELECT text, openid_enc, openid_masked, data FROM core_wechat_outbox ORDER BY id',
  );

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const [g] = await t.db.query<{ code: string; lng: number; lat: number }>(
    `SELECT code, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM geo_grids
     WHERE community_code LIKE '370983002%' ORDER BY code LIMIT 1`,
  );
  grid = g?.code as string;
  point = { lng: g?.lng as number, lat: g?.lat as number };
  worker = await t.userCookie('grid_worker', grid, 'wx.worker');
  other = await t.userCookie('grid_worker', grid, 'wx.other');
  workerId = (await t.app.inject({ url: '/api/identity/me', headers: { cookie: worker } })).json().user.id;
});
afterAll(async () => t?.stop());

const neverQuiet = { sms: false, wechat: true, quietFrom: 0, quietTo: 0 };

describe('notices by WeChat template message', () => {
  it('are off until chosen, and reach nobody while no WeChat is bound', async () => {
    expect((await t.app.inject({ url: '/api/notify/preferences', headers: { cookie: worker } })).json()).toMatchObject({
      sms: true,
      wechat: false,
    });
    await report('楼道灯不亮');
    expect(await lastWechat(workerId)).toEqual({ outcome: 'opted_out', detail: null });

    expect((await put(worker, neverQuiet)).json()).toMatchObject({ wechat: true });
    await report('井盖松动');
    expect(await lastWechat(workerId)).toEqual({ outcome: 'not_bound', detail: null });
    expect(await outbox()).toEqual([]);
  });

  it('reach a bound WeChat, the openid sealed at rest and shown masked', async () => {
    const bound = await bind(worker, 'code-from-wechat');
    expect(bound.statusCode, bound.body).toBe(200);
    const binding = await t.app.inject({
      url: '/api/identity/wechat-binding?state=abcd1234',
      headers: { cookie: worker },
    });
    expect(binding.json()).toMatchObject({ bound: true, gateway: 'dev' });
    const [row] = await t.db.query<{ enc: string; hash: string }>(
      'SELECT wechat_openid_enc AS enc, wechat_openid_hash AS hash FROM identity_users WHERE id = $1',
      [workerId],
    );
    const openid = await t.ctx.wechat.openidForCode('code-from-wechat');
    expect(row?.enc).toMatch(/^v1:/);
    expect(row?.enc).not.toContain(openid);
    expect(row?.hash).toBe(t.ctx.cipher.searchHash(openid));

    const number = await report('路面塌陷');
    expect(await lastWechat(workerId)).toEqual({ outcome: 'sent', detail: expect.stringMatching(/^dev-\d+$/) });
    const [sent] = await outbox();
    expect(sent?.text).toContain(number);
    expect(sent?.data.keyword1).toContain(number);
    expect(sent?.openid_enc).not.toContain(openid);
    expect(t.ctx.cipher.decrypt(sent?.openid_enc as string)).toBe(openid);
    expect(sent?.openid_masked).toMatch(/^dev_\*{4}.{4}$/);

    const page = await t.app.inject({ url: '/api/admin/wechat-outbox', headers: { cookie: t.adminCookie } });
    expect(page.json()).toMatchObject({ gateway: 'dev', items: [{ openidMasked: sent?.openid_masked }] });
    expect(page.body).not.toContain(openid);
    const refused = await t.app.inject({ url: '/api/admin/wechat-outbox', headers: { cookie: worker } });
    expect(refused.statusCode).toBe(403);
  });

  it('keep one WeChat to one account: another account cannot take it, and unbinding stops the messages', async () => {
    const taken = await bind(other, 'code-from-wechat');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'identity.wechat_taken', field: 'code' });

    const off = await t.app.inject({
      method: 'DELETE',
      url: '/api/identity/wechat-binding',
      headers: { cookie: worker },
    });
    expect(off.statusCode).toBe(204);
    await report('垃圾满溢');
    expect(await lastWechat(workerId)).toEqual({ outcome: 'not_bound', detail: null });
    const audit = await t.db.query<{ action: string; detail: unknown }>(
      `SELECT action, detail FROM core_audit WHERE subject = $1 AND action LIKE 'identity.wechat_%' ORDER BY id`,
      [`user:${workerId}`],
    );
    expect(audit.map((a) => a.action)).toEqual(['identity.wechat_bound', 'identity.wechat_unbound']);
    expect(JSON.stringify(audit)).not.toContain('dev_');
    // now free, the same WeChat binds to the other account
    expect((await bind(other, 'code-from-wechat')).statusCode).toBe(200);
  });

  it('wait out quiet hours except for a fire', async () => {
    expect((await bind(worker, 'second-code')).statusCode).toBe(200);
    await put(worker, { ...neverQuiet, quietFrom: 0, quietTo: 1439 });
    const sender = new WechatSender(t.db, t.ctx.cipher, t.ctx.wechat, { from: 0, to: 0 }, 'https://shanzhi.example');
    const base = { id: 1, userId: workerId, at: new Date(), titleEn: '', subject: null, readAt: null };
    expect(await sender.send({ ...base, kind: 'cases.case_closed.v1', titleZh: '已办结' })).toEqual({
      outcome: 'quiet_hours',
    });
    expect(
      await sender.send({ ...base, kind: 'iot.alarm_escalated.v1:grid_worker', titleZh: '火警：3 栋 5 层' }),
    ).toEqual({
      outcome: 'sent',
      detail: expect.stringMatching(/^dev-\d+$/),
    });
  });

  it('record an unfollowed Official Account (43004) as opted out and any other refusal as failed', async () => {
    await put(worker, neverQuiet);
    const answers = [
      { errcode: 43004, errmsg: 'require subscribe' },
      { errcode: 45009, errmsg: 'api freq out of limit' },
    ];
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      req.resume();
      req.on('end', () =>
        res.end(
          JSON.stringify(
            req.url?.startsWith('/cgi-bin/token') ? { access_token: 'T', expires_in: 7200 } : answers.shift(),
          ),
        ),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const mp = new MpWechat({
        apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        appId: 'wx',
        appSecret: 'secret',
        templates: { notice: 'TPL' },
      });
      const sender = new WechatSender(t.db, t.ctx.cipher, mp, { from: 0, to: 0 }, 'https://shanzhi.example');
      const m = {
        id: 1,
        userId: workerId,
        at: new Date(),
        kind: 'cases.x',
        titleZh: '标题',
        titleEn: '',
        subject: null,
        readAt: null,
      };
      expect(await sender.send(m)).toEqual({ outcome: 'opted_out', detail: 'unsubscribed' });
      expect(await sender.send(m)).toEqual({ outcome: 'failed', detail: '45009' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('refuse a preferences body whose WeChat choice is not a yes or no, naming the field', async () => {
    const bad = await put(worker, { ...neverQuiet, wechat: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('wechat');
  });
});
