import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots, useSession } from '../support/browser.js';

/**
 * The grid station's QR card calls the grid worker (拨打, a tel: link to their work phone); the grid worker binds their
 * WeChat on 我的 through the authorisation round trip (the development stand-in's), chooses WeChat, and the next notice
 * lands in the console's 开发微信发件箱; 用户管理 shows the work phone masked. Screenshots land in test-artifacts/.
 */
const COMMUNITY = '370983002001';
const WORK_PHONE = '13905381122';

let t: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let base: string;
let gridCode: string;
let gridName: string;
let workerCookie: string;
let point: { lng: number; lat: number };

const shot = async (page: Page, name: string) => {
  await settled(page.locator('body'));
  await page.screenshot({ path: path.join(shots, `wechat-call-${name}.png`) });
};

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  contexts.push(context);
  return context.newPage();
}

const admin = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.adminCookie }, ...(payload ? { payload } : {}) });

describe.skipIf(!hasChromium)('calling the grid worker and WeChat notices, in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grid = (await admin('GET', `/api/geo/regions/${COMMUNITY}/grids`)).json().features[0].properties;
    gridCode = grid.code;
    gridName = grid.name;
    const [centre] = await t.db.query<{ lng: number; lat: number }>(
      'SELECT ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM geo_grids WHERE code = $1',
      [gridCode],
    );
    point = centre as { lng: number; lat: number };
    workerCookie = await t.userCookie('grid_worker', gridCode, 'call.worker');
    const me = (await t.app.inject({ url: '/api/identity/me', headers: { cookie: workerCookie } })).json().user;
    expect((await admin('PATCH', `/api/identity/users/${me.id}`, { workPhone: WORK_PHONE })).statusCode).toBe(200);
    const team = await admin('PUT', `/api/geo/grids/${gridCode}/team`, {
      members: [
        { role: 'grid_leader', name: '赵网格长' },
        { role: 'grid_worker', name: '钱网格员', userId: me.id },
      ],
    });
    expect(team.statusCode).toBe(200);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.stop();
  });

  it('the QR card lists the grid team by name, with a call button for the member who has a work phone', async () => {
    const resident = await phonePage();
    await resident.goto(`${base}/m?grid=${gridCode}`);
    await expect.poll(() => resident.getByTestId('grid-card').textContent()).toContain(gridName);
    const card = resident.getByTestId('grid-card');
    expect(await card.textContent()).toContain('赵网格长');
    const call = card.getByTestId('grid-card-call');
    expect(await call.count()).toBe(1);
    expect(await call.textContent()).toContain('拨打');
    expect(await call.getAttribute('href')).toBe(`tel:${WORK_PHONE}`);
    expect(await card.locator('li', { has: resident.getByTestId('grid-card-call') }).textContent()).toContain(
      '钱网格员',
    );
    await shot(resident, '01-grid-card');
  });

  it('the grid worker binds WeChat on 我的 and chooses it for notices', async () => {
    const worker = await phonePage();
    await useSession(worker, base, workerCookie);
    await worker.goto(`${base}/m`);
    await worker.getByTestId('phone-tab-me').click();
    await expect.poll(() => worker.getByTestId('wechat-state').textContent()).toBe('未绑定');
    await worker.getByTestId('wechat-bind').click();
    // back from the (stand-in) authorisation: 我的 opens by itself and finishes the binding
    await expect.poll(() => worker.getByTestId('wechat-state').textContent()).toMatch(/^已绑定/);
    expect(new URL(worker.url()).search).toBe('');
    await worker.getByTestId('wechat-notices').click();
    await expect.poll(() => worker.getByTestId('wechat-notices').getAttribute('aria-checked')).toBe('true');
    await worker.locator('.adm-toast-mask').waitFor({ state: 'detached' });
    await shot(worker, '02-me-wechat');
  });

  it('a department’s member finds the same WeChat binding on their 我的', async () => {
    const cookie = await t.userCookie('department_staff', '370983', 'call.dept', '370983-housing');
    const member = await phonePage();
    await useSession(member, base, cookie);
    await member.goto(`${base}/m`);
    await member.getByTestId('phone-tab-me').click();
    await expect.poll(() => member.getByTestId('wechat-state').textContent()).toBe('未绑定');
    expect(await member.getByTestId('dept-me').textContent()).toContain('测试department_staff');
    await shot(member, '05-department-me');
  });

  it('the next notice is in the console’s development WeChat outbox, marked as never sent', async () => {
    const reported = await admin('POST', '/api/cases', {
      categoryCode: 'S02',
      description: '路灯不亮',
      location: point,
    });
    expect(reported.statusCode).toBe(201);
    await t.events.drain();
    const number = reported.json().case.number as string;
    const console = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    contexts.push(console);
    const page = await console.newPage();
    await useSession(page, base, t.adminCookie);
    await page.goto(`${base}/admin/wechat-outbox`);
    await expect
      .poll(() => page.getByTestId('wechat-text').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining(number)]));
    expect(await page.getByTestId('admin-wechat-outbox').textContent()).toContain('均未真正发出');
    await shot(page, '03-console-outbox');

    await page.goto(`${base}/admin/users`);
    const row = page.locator('tr', { hasText: 'call.worker' });
    await expect.poll(() => row.textContent()).toContain('139****1122');
    expect(await page.locator('body').textContent()).not.toContain(WORK_PHONE);
    await row.getByText('编辑').click();
    await page.getByTestId('users-work-phone').waitFor();
    expect(await page.getByTestId('users-work-phone').getAttribute('placeholder')).toBe('139****1122');
    await shot(page, '04-console-user-work-phone');
  });
});
