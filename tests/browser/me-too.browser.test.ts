import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots, useSession } from '../support/browser.js';

/**
 * 我也遇到 on the resident's phone: about to report what a neighbour reported already, the resident is shown the open
 * case nearby (its kind, area, status and distance, never the neighbour's words) and follows it with one tap instead
 * of filing it twice; the followed case then shows its progress, not what the neighbour wrote.
 */

const STREET = '370983002';
const DESCRIPTION = '小区门口路灯不亮，晚上很黑';

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;
let caseId: number;
let follower: string;
let areaName: string;

describe.skipIf(!hasChromium)('我也遇到 in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await t.app.inject({
      url: `/api/geo/regions/${STREET}001/grids`,
      headers: { cookie: t.adminCookie },
    });
    const code = grids.json().features[0].properties.code as string;
    const grid = await t.app.inject({ url: `/api/geo/grids/${code}`, headers: { cookie: t.adminCookie } });
    const [lng, lat] = grid.json().grid.centroid as [number, number];
    const neighbour = await t.userCookie('resident', '370983', 'metoo.neighbour');
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: neighbour },
      payload: { categoryCode: 'S02', description: DESCRIPTION, location: { lng, lat, crs: 'wgs84' } },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    caseId = reported.json().case.id;
    areaName = reported.json().case.areaName;
    follower = await t.userCookie('resident', '370983', 'metoo.follower');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      permissions: ['geolocation'],
      geolocation: { longitude: lng, latitude: lat },
    });
    await useSession(page, base, follower);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("shows the neighbour's open case of the same kind nearby, and follows it with one tap", async () => {
    await page.goto(`${base}/m`);
    await page.getByTestId('phone-category').click();
    await page.getByTestId('category-sheet').getByText('物业服务', { exact: true }).click();
    const nearby = page.getByTestId('phone-nearby');
    await expect.poll(() => nearby.textContent()).toContain('已上报');
    expect(await nearby.textContent()).toContain('米');
    expect(await nearby.textContent()).not.toContain(DESCRIPTION);
    await settled(page.locator('body'));
    await page.screenshot({ path: path.join(shots, 'me-too-01-nearby.png') });

    await page.getByTestId(`phone-follow-${caseId}`).click();
    await expect.poll(() => nearby.textContent()).toContain('已关注');
    const detail = await t.app.inject({ url: `/api/cases/${caseId}`, headers: { cookie: follower } });
    expect(detail.json().case).toMatchObject({ following: true, followers: 1, view: 'public', description: '' });
    await page.screenshot({ path: path.join(shots, 'me-too-02-followed.png') });
  });

  it('opens the followed case as its progress, without what the neighbour wrote', async () => {
    await page.getByTestId('phone-tab-mine').click();
    const mine = page.getByTestId('phone-my-cases');
    await expect.poll(() => mine.textContent()).toContain(areaName);
    await mine.getByText(areaName).first().click();
    await expect.poll(() => page.getByTestId('phone-public-view').count()).toBe(1);
    await expect.poll(() => page.getByTestId('phone-timeline').textContent()).toContain('问题已上报');
    expect(await page.locator('body').textContent()).not.toContain(DESCRIPTION);
    await settled(page.locator('body'));
    await page.screenshot({ path: path.join(shots, 'me-too-03-public-view.png') });
  });
});
