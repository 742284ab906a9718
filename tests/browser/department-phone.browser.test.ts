import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, shots, useSession } from '../support/browser.js';

/**
 * 街道吹哨、部门报到 on a phone: a member of the urban management bureau has the phone page open; the street whistles
 * the bureau in; the whistle arrives without a reload, with the count on the tab, and the member reports in from
 * where they stand. Screenshots land in test-artifacts/.
 */

const STREET = '370983002';
const PROBLEM = '商铺占道经营，堵塞消防通道';

let t: TestApp;
let browser: Browser;
let base: string;
let centroid: [number, number];
let caseId: number;
const contexts: BrowserContext[] = [];
const cookies: Record<string, string> = {};

async function call(cookie: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
  return res.json();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `department-${name}.png`) });

describe.skipIf(!hasChromium)('a whistled department member on the phone, in Chromium', () => {
  let phone: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await call(t.adminCookie, 'GET', `/api/geo/regions/${STREET}001/grids`);
    const gridCode = grids.features[0].properties.code as string;
    centroid = (await call(t.adminCookie, 'GET', `/api/geo/grids/${gridCode}`)).grid.centroid;
    cookies.resident = await t.userCookie('resident', '370983', 'dept.resident');
    cookies.street = await t.userCookie('street_staff', STREET, 'dept.street');
    cookies.urban = await t.userCookie('department_staff', '370983', 'dept.urban', '370983-urban_management');
    const reported = await call(cookies.resident as string, 'POST', '/api/cases', {
      categoryCode: 'E0302',
      description: PROBLEM,
      location: { lng: centroid[0], lat: centroid[1] },
    });
    caseId = reported.case.id;
    await call(cookies.street as string, 'POST', `/api/cases/${caseId}/actions`, { action: 'accept' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.stop();
  });

  it('the member’s phone opens on the whistles waiting for their report-in: none yet', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { longitude: centroid[0] + 0.0003, latitude: centroid[1] },
    });
    contexts.push(context);
    phone = await context.newPage();
    await useSession(phone, base, cookies.urban as string);
    await phone.goto(`${base}/m`);
    await expect.poll(() => phone.getByText('暂无吹哨召集').count()).toBe(1);
  });

  it('a whistle arrives live, counted on the tab, and the member reports in from where they stand', async () => {
    await call(cookies.street as string, 'POST', `/api/cases/${caseId}/actions`, {
      action: 'whistle',
      note: '联合执法',
      reportInHours: 2,
      orgs: [{ orgCode: '370983-urban_management', role: 'lead' }],
    });
    await expect.poll(() => phone.getByTestId('dept-report-in').textContent()).toContain(PROBLEM);
    await expect
      .poll(() =>
        phone.locator('.adm-tab-bar-item').filter({ hasText: '待报到' }).locator('.adm-badge-content').textContent(),
      )
      .toBe('1');
    await expect.poll(() => phone.getByTestId('notify-bell').locator('.adm-badge-content').textContent()).toBe('1');
    await shot(phone, '01-whistled');

    await phone.getByTestId('dept-report-in').getByText(PROBLEM).click();
    await phone.getByTestId('phone-action-report_in').click();
    await expect.poll(() => phone.getByTestId('phone-action-report_in').count()).toBe(0);
    await shot(phone, '02-reported-in');

    const [row] = await t.db.query<{ detail: { org: string; location?: { lng: number } } }>(
      `SELECT detail FROM cases_timeline WHERE case_id = $1 AND action = 'report_in'`,
      [caseId],
    );
    expect(row?.detail.org).toBe('370983-urban_management');
    expect(row?.detail.location?.lng).toBeCloseTo(centroid[0] + 0.0003, 5);
    await expect
      .poll(async () => (await call(cookies.urban as string, 'GET', '/api/cases?box=to_report_in')).items.length)
      .toBe(0);
  });
});
