import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots } from '../support/browser.js';

/**
 * 问题溯源 in a real browser: street staff open it from the menu and read the hotspot on the map, the closed cases
 * by root cause and the one that may recur. Screenshots land in test-artifacts/ for a person to look at.
 */

const NEW_PASSWORD = 'Root-Causes-2026';
const STREET = '370983002';

let t: TestApp;
let browser: Browser;
let base: string;
let page: Page;
let password = '';
let mayRecurNumber = '';

async function inject(cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
  return res.json();
}

describe.skipIf(!hasChromium)('问题溯源 in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await inject(t.adminCookie, 'GET', `/api/geo/regions/${STREET}001/grids`);
    const code = grids.features[0].properties.code as string;
    const [lng, lat] = (await inject(t.adminCookie, 'GET', `/api/geo/grids/${code}`)).grid.centroid as number[];
    const resident = await t.userCookie('resident', '370983', 'rc.resident');
    const staff = await t.userCookie('street_staff', STREET, 'rc.api');
    const created = await inject(t.adminCookie, 'POST', '/api/identity/users', {
      username: 'rc.street',
      displayName: '溯源街道',
      role: 'street_staff',
      scopeCode: STREET,
    });
    password = created.oneTimePassword;

    const report = async (categoryCode: string, description: string, dx: number) =>
      (
        await inject(resident, 'POST', '/api/cases', {
          categoryCode,
          description,
          location: { lng: (lng as number) + dx, lat },
        })
      ).case as { id: number; number: string };
    // four reports of stairwell clutter within a few dozen metres: a hotspot and a recurring problem
    for (let i = 0; i < 4; i++) await report('S05', `楼道堆物 ${i + 1}`, i * 0.0002);
    const closings = [
      ['S06', '独居老人助餐', { measures: '对接助餐点，每日送餐', rootCause: 'management_gap', mayRecur: 'no' }],
      ['S01', '楼上漏水邻里争执', { measures: '调解达成维修协议', rootCause: 'neighbour_dispute', mayRecur: 'yes' }],
      ['S06', '助餐点设备老化', { measures: '更换蒸饭柜', rootCause: 'facility_ageing', mayRecur: 'unknown' }],
    ] as const;
    for (const [category, description, summary] of closings) {
      const c = await report(category, description, 0.003);
      for (const step of [
        { action: 'accept' },
        { action: 'dispatch', level: 'street' },
        { action: 'start' },
        { action: 'handle', note: '已处理' },
        { action: 'close', summary },
      ]) {
        await inject(staff, 'POST', `/api/cases/${c.id}/actions`, step);
      }
      if (summary.mayRecur === 'yes') mayRecurNumber = c.number;
    }
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    // a start with the test district's grids, and eighteen steps on cases, on a machine others share
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('street staff find it in the menu: the hotspot on the map, causes counted, the case that may recur', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 1000 },
    });
    page = await context.newPage();
    await page.goto(`${base}/cases`);
    await page.getByLabel('用户名').fill('rc.street');
    await page.getByLabel('密码').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByLabel('当前密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('case-boxes').waitFor();

    await page.getByTestId('nav').getByText('问题溯源').click();
    await page.getByTestId('root-cause-page').waitFor();
    const counts = page.getByTestId('root-cause-counts');
    await expect.poll(() => counts.textContent()).toContain('邻里矛盾');
    const row = (cause: string) => counts.locator('tr').filter({ hasText: cause }).locator('td');
    expect(await row('邻里矛盾').allTextContents()).toEqual(['邻里矛盾', '1', '33.3%', '1']);
    expect(await row('违规行为').allTextContents()).toEqual(['违规行为', '0', '0.0%', '0']);
    const mayRecur = page.getByTestId('root-cause-may-recur');
    expect(await mayRecur.textContent()).toContain(mayRecurNumber);
    expect(await mayRecur.textContent()).toContain('调解达成维修协议');
    await expect.poll(() => page.getByTestId('root-cause-hotspots').textContent()).toContain('4 件');
    expect(await page.getByTestId('root-cause-recurring').textContent()).toContain('4');
    const canvas = page.getByTestId('root-cause-map').locator('canvas');
    await expect.poll(async () => (await canvas.boundingBox())?.height ?? 0).toBeGreaterThan(300);
    await settled(page.locator('body'));
    await page.screenshot({ path: path.join(shots, 'root-causes-01-page.png'), fullPage: true });

    await mayRecur.getByText(mayRecurNumber).click();
    await expect.poll(() => page.getByTestId('case-summary').textContent()).toContain('邻里矛盾');
    await settled(page.locator('body'));
    await page.screenshot({ path: path.join(shots, 'root-causes-02-case-summary.png') });
    await context.close();
  });
});
