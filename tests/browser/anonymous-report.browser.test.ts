import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squareAround, startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots } from '../support/browser.js';

/**
 * 不登录，匿名反映: someone scans a grid station's QR code, will not sign up, and reports with a contact number after
 * finding their building by name — never seeing a coordinate. The case number shows at once, and the development SMS
 * outbox holds the text to that number. A district that takes no anonymous reports is not offered the option.
 */

const STREET = '370983002';
const PHONE = '13905387788';
const REPORT = '3 栋楼道里电动车充电，飞线从窗口拉下来';
const ADDRESS = '肥城市新城路 12 号 3 栋';

let t: TestApp;
let browser: Browser;
let base: string;
let gridCode: string;
let gridName: string;
let centroid: [number, number];
const contexts: BrowserContext[] = [];

async function admin<T>(method: 'GET' | 'PUT', url: string, payload?: object): Promise<T> {
  const res = await t.app.inject({ method, url, headers: { cookie: t.adminCookie }, ...(payload ? { payload } : {}) });
  if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`${url}: ${res.body}`);
  return res.json() as T;
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    permissions: ['geolocation'],
    geolocation: { longitude: centroid[0], latitude: centroid[1] },
  });
  contexts.push(context);
  return context.newPage();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `anonymous-${name}.png`) });

describe.skipIf(!hasChromium)('an anonymous report from the grid QR code, in Chromium', () => {
  let page: Page;

  beforeAll(async () => {
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await admin<{ features: { properties: { code: string } }[] }>(
      'GET',
      `/api/geo/regions/${STREET}001/grids`,
    );
    gridCode = grids.features[0]?.properties.code as string;
    ({ name: gridName, centroid } = (
      await admin<{ grid: { name: string; centroid: [number, number] } }>('GET', `/api/geo/grids/${gridCode}`)
    ).grid);
    // the estate stands a little east of where the phone is: building 1 beside the fix, building 3 further on
    for (const [i, n] of [1, 3].entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/registry/buildings',
        headers: { cookie: t.adminCookie },
        payload: {
          name: `${n} 栋`,
          address: `肥城市新城路 12 号 ${n} 栋`,
          compound: '幸福里小区',
          footprint: squareAround([centroid[0] + 0.0004 * (i + 1), centroid[1]], 0.0001),
          floors: 6,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.stop();
  });

  it('offers the report without signing in under the grid card', async () => {
    page = await phonePage();
    await page.goto(`${base}/m?grid=${gridCode}`);
    await expect.poll(() => page.getByTestId('grid-card').textContent()).toContain(gridName);
    await page.getByTestId('anonymous-open').waitFor();
    expect(await page.getByTestId('anonymous-open').textContent()).toContain('不登录，匿名反映（留个电话）');
    await shot(page, '01-offer');
  });

  it('names each missing field in Chinese, then files the report at the building found by name', async () => {
    await page.getByTestId('anonymous-open').click();
    const form = page.locator('.sz-anonymous-sheet');
    await form.getByTestId('phone-location').waitFor();
    // the phone's own fix, told as the building beside it and its grid, never as numbers
    await expect
      .poll(() => form.getByTestId('phone-location').textContent())
      .toBe(`肥城市新城路 12 号 1 栋 · ${gridName}`);
    expect(await form.textContent()).toMatch(/幸福里小区 · 附近约 \d+ 米/);
    expect(await form.textContent()).not.toContain(centroid[0].toFixed(4));
    await shot(page, '02-fix');

    await form.getByTestId('anonymous-submit').click();
    await expect
      .poll(() => form.getByTestId('anonymous-error-phone').textContent())
      .toBe('联系电话：请填写 11 位手机号');
    expect(await form.getByTestId('anonymous-error-category').textContent()).toBe('问题类别：请选择');
    expect(await form.getByTestId('anonymous-error-description').textContent()).toContain('问题描述');

    await form.getByTestId('phone-category').click();
    await page.getByTestId('category-sheet').getByText('物业服务', { exact: true }).click();
    await page.getByTestId('category-sheet').waitFor({ state: 'hidden' });
    await form.getByTestId('phone-description').locator('textarea').fill(REPORT);

    await form.getByTestId('place-search-open').click();
    const search = page.getByTestId('place-search');
    await search.locator('input').fill('幸福里');
    await expect.poll(() => search.locator('.adm-list-item').count()).toBe(3);
    expect(await search.textContent()).toContain(gridName);
    await settled(search);
    await shot(page, '03-search');
    await search.getByText(ADDRESS).click();
    await search.waitFor({ state: 'hidden' });
    expect(await form.getByTestId('phone-location').textContent()).toBe(`${ADDRESS} · ${gridName}`);

    await form.getByTestId('anonymous-phone').locator('input').fill(PHONE);
    await shot(page, '04-filled');
    await form.getByTestId('anonymous-submit').dblclick();
    const done = form.getByTestId('anonymous-done');
    await done.waitFor();
    const number = (await done.textContent())?.match(/SZ\d{14}/)?.[0] as string;
    expect(number).toMatch(/^SZ\d{14}$/);
    expect(await form.getByTestId('anonymous-sms').textContent()).toBe('进展会短信告知您（139****7788）');
    await shot(page, '05-done');

    // one case, at the building picked, with its address; the number sealed, never in the row
    const rows = await t.db.query<{ number: string; address: string; inside: boolean; source: string }>(
      `SELECT c.number, c.address, c.source, EXISTS (SELECT 1 FROM registry_buildings b
         WHERE b.name = '3 栋' AND ST_Contains(b.footprint, c.location)) AS inside
       FROM cases_cases c WHERE c.description = $1`,
      [REPORT],
    );
    expect(rows).toEqual([{ number, address: ADDRESS, inside: true, source: 'anonymous' }]);

    // the reporter hears back by text, at the number they left
    await expect
      .poll(async () => {
        const outbox = await admin<{ items: { phoneMasked: string; text: string }[] }>('GET', '/api/admin/sms-outbox');
        return outbox.items.filter((i) => i.phoneMasked === '139****7788').map((i) => i.text);
      })
      .toContain(`【善治】您反映的问题已提交，编号 ${number}`);
  });

  it('is not offered where the district takes no anonymous reports, and says why', async () => {
    await admin('PUT', `/api/cases/district-settings/${gridCode.slice(0, 6)}`, { anonymousReports: false });
    const other = await phonePage();
    await other.goto(`${base}/m?grid=${gridCode}`);
    await other.getByTestId('anonymous-refused').waitFor();
    expect(await other.getByTestId('anonymous-refused').textContent()).toBe(
      '本区暂不受理匿名反映，请用手机号登录后反映',
    );
    expect(await other.getByTestId('anonymous-open').count()).toBe(0);
    await shot(other, '06-refused');
  });
});
