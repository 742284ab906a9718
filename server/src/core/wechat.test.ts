import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MpWechat, WechatError } from './wechat.js';

/**
 * The Official Account adapter against a local server that answers as WeChat's API does: the access token is fetched
 * once and kept, fetched again when WeChat calls it invalid or expired, and the template message has WeChat's shape.
 */
interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

let server: http.Server;
let apiBase: string;
let seen: Seen[] = [];
let tokens = 0;
/** What the next template sends answer, in turn; afterwards `{ errcode: 0 }`. */
let sendAnswers: object[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://wechat.local');
      seen.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, body });
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/cgi-bin/token') {
        const ok = url.searchParams.get('appid') === 'wx-app' && url.searchParams.get('secret') === 's3cret';
        tokens += ok ? 1 : 0;
        res.end(JSON.stringify(ok ? { access_token: `TOKEN${tokens}`, expires_in: 7200 } : { errcode: 40125 }));
      } else if (url.pathname === '/cgi-bin/message/template/send') {
        const current = url.searchParams.get('access_token') === `TOKEN${tokens}`;
        res.end(
          JSON.stringify(
            sendAnswers.shift() ??
              (current
                ? { errcode: 0, errmsg: 'ok', msgid: 200228332 }
                : { errcode: 40001, errmsg: 'invalid credential' }),
          ),
        );
      } else if (url.pathname === '/sns/oauth2/access_token') {
        const code = url.searchParams.get('code');
        res.end(
          JSON.stringify(
            code === 'good-code'
              ? { access_token: 'web-token', expires_in: 7200, openid: 'oUser123456789', scope: 'snsapi_base' }
              : { errcode: 40029, errmsg: 'invalid code' },
          ),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  sendAnswers = [];
});

let clock = Date.parse('2026-03-01T00:00:00Z');
const wechat = (secret = 's3cret') =>
  new MpWechat(
    { apiBase, appId: 'wx-app', appSecret: secret, templates: { notice: 'TPL-NOTICE' } },
    fetch,
    () => clock,
  );
/** The error a call that must fail ends with; a call that succeeds fails the test. */
const refusal = (call: Promise<unknown>): Promise<WechatError> =>
  call.then(
    () => {
      throw new Error('expected WeChat to refuse');
    },
    (e: unknown) => e as WechatError,
  );

const message = { openid: 'oUser123456789', template: 'notice' as const, data: { keyword1: '路灯已修好' }, text: '' };

describe('the WeChat Official Account adapter over real HTTP', () => {
  it('posts the template message in WeChat’s shape, with a token fetched once for many messages', async () => {
    const mp = wechat();
    const sent = await Promise.all([
      mp.send({ ...message, url: 'https://shanzhi.example/m' }),
      mp.send(message),
      mp.send(message),
    ]);
    expect(sent.map((s) => s.providerId)).toEqual(['200228332', '200228332', '200228332']);
    const tokenCalls = seen.filter((s) => s.path === '/cgi-bin/token');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.query.get('grant_type')).toBe('client_credential');
    const posts = seen.filter((s) => s.path === '/cgi-bin/message/template/send');
    expect(posts.map((p) => [p.method, p.query.get('access_token')])).toEqual([
      ['POST', `TOKEN${tokens}`],
      ['POST', `TOKEN${tokens}`],
      ['POST', `TOKEN${tokens}`],
    ]);
    expect(JSON.parse(posts[0]?.body ?? '')).toEqual({
      touser: 'oUser123456789',
      template_id: 'TPL-NOTICE',
      url: 'https://shanzhi.example/m',
      data: { keyword1: { value: '路灯已修好' } },
    });
    expect(JSON.parse(posts[1]?.body ?? '')).not.toHaveProperty('url');
  });

  it('keeps the token until shortly before it expires, then fetches a new one', async () => {
    const mp = wechat();
    await mp.send(message);
    clock += 110 * 60_000; // 110 of the token's 120 minutes
    await mp.send(message);
    expect(seen.filter((s) => s.path === '/cgi-bin/token')).toHaveLength(1);
    clock += 6 * 60_000; // inside the last five minutes
    await mp.send(message);
    expect(seen.filter((s) => s.path === '/cgi-bin/token')).toHaveLength(2);
  });

  it('fetches a new token after WeChat calls the kept one invalid (40001), and sends once more', async () => {
    const mp = wechat();
    await mp.send(message);
    sendAnswers = [{ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }];
    const before = tokens;
    expect(await mp.send(message)).toEqual({ providerId: '200228332' });
    expect(tokens).toBe(before + 1);
    const posts = seen.filter((s) => s.path === '/cgi-bin/message/template/send');
    expect(posts.at(-1)?.query.get('access_token')).toBe(`TOKEN${tokens}`);
  });

  it('reports an unfollowed account (43004) and other refusals by WeChat’s errcode, without retrying', async () => {
    const mp = wechat();
    sendAnswers = [{ errcode: 43004, errmsg: 'require subscribe' }];
    const err = await refusal(mp.send(message));
    expect(err).toBeInstanceOf(WechatError);
    expect(err.providerCode).toBe('43004');
    expect(seen.filter((s) => s.path === '/cgi-bin/message/template/send')).toHaveLength(1);
  });

  it('never puts the secret or the token in an error', async () => {
    const refused = await refusal(wechat('wrong-secret').send(message));
    expect(refused).toBeInstanceOf(WechatError);
    expect(refused.providerCode).toBe('40125');
    const unreachable = await refusal(
      new MpWechat(
        { apiBase: 'http://127.0.0.1:1', appId: 'wx-app', appSecret: 's3cret', templates: { notice: 'T' } },
        fetch,
      ).send(message),
    );
    expect(unreachable.providerCode).toBe('unreachable');
    for (const e of [refused, unreachable]) expect(`${e.message} ${e.stack}`).not.toMatch(/s3cret|wrong-secret|TOKEN/);
  });

  it('turns the code of WeChat’s web authorisation into the openid, and refuses a used code', async () => {
    const mp = wechat();
    expect(await mp.openidForCode('good-code')).toBe('oUser123456789');
    const call = seen.find((s) => s.path === '/sns/oauth2/access_token');
    expect(Object.fromEntries(call?.query ?? [])).toEqual({
      appid: 'wx-app',
      secret: 's3cret',
      code: 'good-code',
      grant_type: 'authorization_code',
    });
    const used = await refusal(mp.openidForCode('used-code'));
    expect(used.providerCode).toBe('40029');
  });

  it('sends the phone to WeChat’s authorisation page with the redirect and state', () => {
    const url = new URL(wechat().authorizeUrl('https://shanzhi.example/m?wechat=bind', 'abc12345'));
    expect(url.origin + url.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(url.searchParams.get('redirect_uri')).toBe('https://shanzhi.example/m?wechat=bind');
    expect(url.searchParams.get('scope')).toBe('snsapi_base');
    expect(url.searchParams.get('state')).toBe('abc12345');
    expect(url.hash).toBe('#wechat_redirect');
  });
});
