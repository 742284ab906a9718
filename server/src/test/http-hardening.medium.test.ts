import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, startTestApp, TEST_PASSWORD, type TestApp } from './support.js';

/**
 * What every answer carries and what every write must look like, whatever the module: a browser's session cookie
 * goes with any request to this server, so a write must come from our own pages and in the media type the route takes.
 */
let t: TestApp;
let userId: number;
beforeAll(async () => {
  t = await startTestApp({ grids: 'none' });
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/identity/users',
    headers: { cookie: t.adminCookie },
    payload: { username: 'csrf.target', displayName: '被重置者', role: 'grid_worker', scopeCode: '370983' },
  });
  expect(created.statusCode, created.body).toBe(200);
  userId = created.json().user.id;
});
afterAll(async () => t?.stop());

/** The route a page on another port once used to rotate a detector's secret: a write with no body at all. */
const resetPassword = (headers: Record<string, string>, payload?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/identity/users/${userId}/reset-password`,
    headers: { cookie: t.adminCookie, host: 'gov.example:3000', ...headers },
    ...(payload === undefined ? {} : { payload }),
  });

describe('writes with the session cookie', () => {
  it('are refused when the browser says another site, or another port of this one, sent them', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await resetPassword({ 'sec-fetch-site': site, origin: 'http://gov.example:8080' });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'auth.cross_site', field: 'Sec-Fetch-Site' });
    }
  });

  it('are refused from an Origin that is not this server, where the browser sends no Sec-Fetch-Site', async () => {
    for (const origin of ['http://gov.example:8080', 'https://gov.example:3000', 'null']) {
      const res = await resetPassword({ origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'auth.cross_site', field: 'Origin' });
    }
    const en = await resetPassword({ origin: 'http://evil.example', 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/another site/);
  });

  it('go through from the console itself, by the Host it was asked for or the configured public URL', async () => {
    const allowed: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin', origin: 'http://gov.example:3000' },
      { origin: 'http://gov.example:3000' },
      { origin: t.ctx.config.publicUrl },
      {},
    ];
    for (const headers of allowed) {
      const res = await resetPassword(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
    }
  });

  it('leave bearer-token clients alone: no page can send a token for somebody else', async () => {
    await t.userCookie('district_admin', '', 'token.admin');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/identity/tokens',
      payload: { username: 'token.admin', password: TEST_PASSWORD, name: 'hotline bridge' },
    });
    expect(token.statusCode, token.body).toBeLessThan(300);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/identity/users/${userId}/reset-password`,
      headers: { authorization: `Bearer ${token.json().token}`, origin: 'https://hotline.example' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('take JSON only where the route takes JSON: no text/plain or multipart form', async () => {
    const plain = await resetPassword({ 'content-type': 'text/plain' }, 'x=1');
    expect(plain.statusCode).toBe(415);
    expect(plain.json().error).toMatchObject({ code: 'validation.media_type', field: 'content-type' });
    const form = await t.app.inject({
      method: 'PATCH',
      url: `/api/identity/users/${userId}`,
      headers: { cookie: t.adminCookie, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="displayName"\r\n\r\n改名\r\n--x--\r\n',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.message).toContain('application/json');
  });
});

describe('strings with a NUL character', () => {
  it('are refused naming the field, even on the sign-in form before anybody is known', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { username: 'admin\u0000', password: 'x' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation.invalid', field: 'username' });
  });

  it('are refused deep inside a body, in a key, and in the query string', async () => {
    const nested = await t.app.inject({
      method: 'PATCH',
      url: `/api/identity/users/${userId}`,
      headers: { cookie: t.adminCookie, 'accept-language': 'en' },
      payload: { displayName: 'ok', extra: [{ note: 'a\u0000b' }] },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error).toMatchObject({ field: 'extra.0.note' });
    expect(nested.json().error.message).toContain('NUL');
    const key = await t.app.inject({
      method: 'PATCH',
      url: `/api/identity/users/${userId}`,
      headers: { cookie: t.adminCookie },
      payload: { 'display\u0000Name': 'x' },
    });
    expect(key.statusCode).toBe(400);
    const query = await t.app.inject({
      method: 'GET',
      url: '/api/identity/users?q=%00',
      headers: { cookie: t.adminCookie },
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().error).toMatchObject({ field: 'q' });
  });
});

describe('headers', () => {
  it('on pages and API answers: a content security policy, no framing, no sniffing, no referrer to others', async () => {
    for (const url of ['/healthz', '/api/identity/me', '/docs', '/no-such-page']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain('worker-src');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('behind a TLS proxy', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ grids: 'none', env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => proxied?.stop());

  const signIn = (headers: Record<string, string>) =>
    proxied.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      remoteAddress: '203.0.113.9',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ username: 'nobody', password: 'nothing-at-all' }),
    });

  it('gives the session cookie Secure and sends HSTS when the proxy says the browser came over https', async () => {
    const admin = await proxied.app.inject({
      method: 'POST',
      url: '/api/identity/users',
      headers: { cookie: proxied.adminCookie },
      payload: { username: 'tls.user', displayName: '代理后', role: 'district_admin', scopeCode: '' },
    });
    const password = admin.json().oneTimePassword as string;
    const res = await proxied.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'gov.example' },
      payload: { username: 'tls.user', password },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    // the console's own writes then come from https://gov.example, which the proxy named
    const write = await proxied.app.inject({
      method: 'DELETE',
      url: '/api/identity/sessions/current',
      remoteAddress: '127.0.0.1',
      headers: {
        cookie: cookieOf(res),
        origin: 'https://gov.example',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'gov.example',
      },
    });
    expect(write.statusCode, write.body).toBeLessThan(300);
  });

  it('believes no X-Forwarded-Proto from an address it was not told to trust', async () => {
    const res = await signIn({ 'x-forwarded-proto': 'https' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
