import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots, useSession } from '../support/browser.js';

/**
 * Two pages an administrator watches while setting a district up, in a real browser: 无人接收 lists in red every
 * step that had nobody to tell and where it was raised to, and picks up a new one without a reload; 开发短信发件箱
 * shows the texts a machine without an SMS gateway would have sent, under its warning, with numbers masked.
 */

const STREET = '370983002';
const PHONE = '13912345678';

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;
let point: { lng: number; lat: number };
let gridName: string;

async function shot(name: string) {
  await settled(page.locator('body'));
  await page.screenshot({ path: path.join(shots, `unreached-${name}.png`) });
}

async function report(cookie: string, description: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie },
    payload: { categoryCode: 'E0302', description, location: point },
  });
  expect(res.statusCode, res.body).toBe(201);
  await t.events.drain();
  return res.json().case.number as string;
}

describe.skipIf(!hasChromium)('无人接收 and 开发短信发件箱 in Chromium', () => {
  let resident: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await t.app.inject({
      url: `/api/geo/regions/${STREET}001/grids`,
      headers: { cookie: t.adminCookie },
    });
    const gridCode = grids.json().features[0].properties.code as string;
    const grid = (await t.app.inject({ url: `/api/geo/grids/${gridCode}`, headers: { cookie: t.adminCookie } })).json()
      .grid;
    gridName = grid.name;
    point = { lng: grid.centroid[0], lat: grid.centroid[1] };
    resident = await t.userCookie('resident', '370983', 'unreached.resident');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await useSession(page, base, t.adminCookie);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows a report in a grid with no grid worker in red, with where it was raised to', async () => {
    await report(resident, '楼道杂物堆积，网格员未配置');
    await page.goto(`${base}/admin/unreached`);
    const targets = page.getByTestId('unreached-target');
    await expect.poll(() => targets.count()).toBe(1);
    expect(await targets.first().textContent()).toBe(`${gridName}：无人接收`);
    const row = page.locator('tr.ant-table-row').first();
    expect(await row.textContent()).toContain('新反映 → 网格员');
    // nobody is set up anywhere in this district yet: raised to the top, and the top is named
    expect(await row.locator('td').last().textContent()).not.toBe('');
    expect(await targets.first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 77, 79)');
    await shot('01-one');
  });

  it('picks up the next unreached step without a reload', async () => {
    await report(resident, '路灯不亮，网格员未配置');
    await expect.poll(() => page.getByTestId('unreached-target').count()).toBe(2);
    await shot('02-live');
  });

  it('shows the sign-up code a resident would have been texted, the number masked, under the warning', async () => {
    const sent = await t.app.inject({ method: 'POST', url: '/api/identity/phone-codes', payload: { phone: PHONE } });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    await page.goto(`${base}/admin/sms-outbox`);
    await page.getByText('开发替身网关：以下短信均未真正发出').waitFor();
    const text = page.getByTestId('sms-text');
    await expect.poll(() => text.count()).toBe(1);
    expect(await text.first().textContent()).toMatch(/\d{6}/);
    const body = (await page.locator('body').textContent()) as string;
    expect(body).toContain('139****5678');
    expect(body).not.toContain(PHONE);
    await shot('03-sms-outbox');
  });
});
