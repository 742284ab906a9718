import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, shots } from '../support/browser.js';

/**
 * The console in a real browser (Debian's Chromium) against the real server on the real database.
 * Screenshots land in test-artifacts/ for a person to look at.
 */

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;
let oneTimePassword: string;

async function mapIdle(p: Page) {
  await p.waitForFunction(() => document.body.dataset.mapReady === '1', undefined, { timeout: 60_000 });
}

async function shot(name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

describe.skipIf(!hasChromium)('console in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/identity/users',
      headers: { cookie: t.adminCookie },
      payload: { username: 'browser.admin', displayName: '王主任', role: 'district_admin', scopeCode: '' },
    });
    oneTimePassword = created.json().oneTimePassword;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('signs in with a one-time password and is made to choose a new one', async () => {
    await page.goto(base);
    await page.getByLabel('用户名').fill('browser.admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);
    await page.getByLabel('密码').fill(oneTimePassword);
    await shot('01-sign-in');
    await page.getByTestId('sign-in-submit').click();
    await page.getByLabel('当前密码').fill(oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill('Browser-Pass-2026');
    await page.getByLabel('确认新密码').fill('Browser-Pass-2026');
    await shot('02-change-password');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('region-tree').waitFor();
  });

  it('draws the three districts and drills down to a grid', async () => {
    await mapIdle(page);
    const tree = page.getByTestId('region-tree');
    for (const name of ['雨花台区', '青山湖区', '肥城市'])
      await expect.poll(() => tree.getByText(name).count()).toBe(1);
    await shot('03-districts');

    await tree.getByText('肥城市').click();
    await mapIdle(page);
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toContain('肥城市');
    const gridCount = await page.evaluate(
      () =>
        window.__shanzhiMap
          ?.querySourceFeatures('grids')
          .map((f) => f.properties.code)
          .filter(Boolean).length ?? 0,
    );
    expect(gridCount).toBeGreaterThan(1000);
    await shot('04-feicheng-grids');

    await tree.getByText('老城街道').click();
    await mapIdle(page);
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toContain('老城街道');
    await shot('05-street');

    const target = await page.evaluate(() => {
      const map = window.__shanzhiMap;
      if (!map) return null;
      const canvas = map.getCanvas().getBoundingClientRect();
      const [feature] = map.queryRenderedFeatures({ layers: ['grids-fill'] } as never);
      if (!feature) return null;
      const ring = (feature.geometry as { coordinates: number[][][][] | number[][][] }).coordinates;
      const first = (Array.isArray(ring[0]?.[0]?.[0]) ? ring[0]?.[0] : ring[0]) as number[][];
      const cx = first.reduce((a, p) => a + (p[0] ?? 0), 0) / first.length;
      const cy = first.reduce((a, p) => a + (p[1] ?? 0), 0) / first.length;
      const px = map.project([cx, cy]);
      const hit = map.queryRenderedFeatures(px, { layers: ['grids-fill'] })[0];
      return { x: canvas.left + px.x, y: canvas.top + px.y, code: String(hit?.properties.code ?? '') };
    });
    expect(target?.code).toMatch(/^370983002\d{6}$/);
    await page.mouse.click(target?.x ?? 0, target?.y ?? 0);
    const drawer = page.getByTestId('grid-drawer');
    await expect.poll(() => drawer.getByTestId('grid-code').textContent()).toBe(target?.code);
    await expect.poll(() => drawer.textContent()).toContain('四至');
    await expect.poll(() => drawer.textContent()).toContain('网格长');
    await expect.poll(() => drawer.textContent()).toContain('老城街道');
    await shot('06-grid-drawer');
  });

  it('switches the whole console to English', async () => {
    await page.getByTestId('lang-switch').click();
    await page
      .getByText('English')
      .last()
      .click()
      .catch(() => undefined);
    await expect.poll(() => page.getByTestId('grid-drawer').textContent()).toContain('Grid leader');
    await shot('07-english');
  });
});

declare global {
  interface Window {
    __shanzhiMap?: import('maplibre-gl').Map;
  }
}
