import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, useSession } from '../support/browser.js';

/**
 * Another page on the same machine, one port over, tries what a hostile page would with an administrator's open
 * session: post a form to a write, and frame the console. The console's own pages meanwhile write, draw the map and
 * show the phone page and the API documentation with nothing refused by the Content-Security-Policy.
 */

const VICTIM = 'csrf.victim';
const COMMUNITY = '370983002001';

let t: TestApp;
let browser: Browser;
let base: string;
let hostile: Server;
let hostileBase: string;
let victimId: number;
let gridCode: string;

/** Every policy violation the page reports, and Chromium's console line for each. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const lines: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) lines.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspSeen: string[] }).__cspSeen = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [
    ...lines,
    ...(await page.evaluate(() => (window as unknown as { __cspSeen?: string[] }).__cspSeen ?? [])),
  ];
}

describe.skipIf(!hasChromium)('a hostile page next door', () => {
  beforeAll(async () => {
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    await t.userCookie('grid_worker', '370983', VICTIM);
    const found = await t.app.inject({ url: `/api/identity/users?q=${VICTIM}`, headers: { cookie: t.adminCookie } });
    victimId = found.json().items[0].id;
    const grids = await t.app.inject({
      url: `/api/geo/regions/${COMMUNITY}/grids`,
      headers: { cookie: t.adminCookie },
    });
    gridCode = grids.json().features[0].properties.code;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    hostile = createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/frame')
        return res.end(`<iframe id="console" src="${base}/" width="800" height="600"></iframe>`);
      res.end(`<form method="POST" enctype="text/plain" action="${base}/api/identity/users/${victimId}/reset-password">
        <input type="hidden" name="x" value="1"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileBase = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => hostile?.close(resolve));
    await t?.stop();
  });

  it('cannot reset a password with the administrator’s cookie through a form', async () => {
    const page = await browser.newPage();
    await useSession(page, base, t.adminCookie);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/reset-password')),
      page.goto(hostileBase),
    ]);
    expect(answer.status()).toBe(403);
    expect(await answer.json()).toMatchObject({ error: { code: 'auth.cross_site' } });
    // the worker's password is still the one they chose
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { username: VICTIM, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    await page.close();
  });

  it('cannot show the console inside its own frame', async () => {
    const page = await browser.newPage();
    await useSession(page, base, t.adminCookie);
    const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.goto(`${hostileBase}/frame`);
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const shown = await frame?.evaluate(() => document.querySelector('#root') !== null).catch(() => false);
    expect(shown ?? false).toBe(false);
    await page.close();
  });

  it('leaves the console’s writes, its map, the phone page and /docs working, nothing refused by the policy', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/identity/users',
      headers: { cookie: t.adminCookie },
      payload: { username: 'policy.admin', displayName: '赵主任', role: 'district_admin', scopeCode: '370983' },
    });
    const oneTimePassword = created.json().oneTimePassword as string;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const violations = await watchPolicy(page);
    await page.goto(base);
    await page.getByLabel('用户名').fill('policy.admin');
    await page.getByLabel('密码').fill(oneTimePassword);
    await page.getByTestId('sign-in-submit').click();
    // the forced password change is a write with the new session cookie, from the console's own page
    await page.getByLabel('当前密码').fill(oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill('Policy-Pass-2026');
    await page.getByLabel('确认新密码').fill('Policy-Pass-2026');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('region-tree').waitFor();
    await page.waitForFunction(() => document.body.dataset.mapReady === '1', undefined, { timeout: 60_000 });
    expect(await violations()).toEqual([]);

    const phone = await context.newPage();
    const phoneViolations = await watchPolicy(phone);
    await phone.goto(`${base}/m?grid=${gridCode}`);
    await phone.getByTestId('grid-card').waitFor();
    expect(await phoneViolations()).toEqual([]);

    const docs = await context.newPage();
    const docsViolations = await watchPolicy(docs);
    await docs.goto(`${base}/docs`);
    await docs.locator('.swagger-ui .opblock').first().waitFor();
    expect(await docsViolations()).toEqual([]);
    await context.close();
  });
});
