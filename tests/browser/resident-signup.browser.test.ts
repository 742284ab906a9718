import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, shots, useSession } from '../support/browser.js';

/**
 * 扫码反映问题，直达网格员: a resident who has never used Shanzhi scans the grid station's QR code, signs up with the
 * code texted to them (read from the development outbox, as a developer would), reports with a photo, and the grid
 * worker's phone — open all along — shows the report without a reload. Screenshots land in test-artifacts/.
 */

const STREET = '370983002';
const PHONE = '13905386688';
const REPORT = '小区北门路灯不亮，晚上很黑';

let t: TestApp;
let browser: Browser;
let base: string;
let gridCode: string;
let gridName: string;
let centroid: [number, number];
let photoDir: string;
const contexts: BrowserContext[] = [];

async function adminGet<T>(url: string): Promise<T> {
  const res = await t.app.inject({ url, headers: { cookie: t.adminCookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
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

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `signup-${name}.png`) });

describe.skipIf(!hasChromium)('a new resident from the grid QR code to the grid worker’s phone, in Chromium', () => {
  let worker: Page;
  let resident: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    photoDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-signup-'));
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await adminGet<{ features: { properties: { code: string } }[] }>(
      `/api/geo/regions/${STREET}001/grids`,
    );
    gridCode = grids.features[0]?.properties.code as string;
    const { grid } = await adminGet<{ grid: { name: string; centroid: [number, number] } }>(
      `/api/geo/grids/${gridCode}`,
    );
    gridName = grid.name;
    centroid = grid.centroid;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.stop();
    if (photoDir) rmSync(photoDir, { recursive: true, force: true });
  });

  it('the grid worker is on their phone, with the grid’s cases open', async () => {
    const cookie = await t.userCookie('grid_worker', gridCode, 'gw.signup');
    worker = await phonePage();
    await useSession(worker, base, cookie);
    await worker.goto(`${base}/m`);
    await worker.getByTestId('gw-box-all').click();
    await expect.poll(() => worker.getByText('暂无').count()).toBeGreaterThan(0);
    expect(await worker.getByText(REPORT).count()).toBe(0);
  });

  it('the QR code opens the grid by name; the resident signs up with the texted code', async () => {
    resident = await phonePage();
    await resident.goto(`${base}/m?grid=${gridCode}`);
    await expect.poll(() => resident.getByTestId('grid-card').textContent()).toContain(gridName);
    expect(await resident.getByTestId('grid-card').textContent()).toContain('扫码反映问题，直达网格员');
    await resident.getByPlaceholder('138 0000 0000').fill(PHONE);
    await resident.getByTestId('send-code').click();
    await expect.poll(() => resident.getByTestId('send-code').textContent()).toMatch(/秒后重发/);
    await shot(resident, '01-code-sent');

    const outbox = await adminGet<{ items: { phoneMasked: string; text: string }[] }>('/api/admin/sms-outbox');
    const text = outbox.items.find((i) => i.phoneMasked === '139****6688')?.text ?? '';
    const code = text.match(/验证码是 (\d{6})/)?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    await resident.getByPlaceholder('000000').fill(code);
    await resident.getByTestId('phone-sign-in').click();
    await resident.getByTestId('phone-submit').waitFor();
    await expect.poll(() => resident.getByTestId('grid-card').textContent()).toContain(gridName);
    await shot(resident, '02-signed-up');
  });

  it('reports with a photo, and the grid worker’s phone shows it live', async () => {
    const photo = path.join(photoDir, 'lamp.jpg');
    writeFileSync(
      photo,
      await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 40, g: 40, b: 60 } } })
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
    await resident.getByTestId('phone-category').click();
    await resident.getByTestId('category-sheet').getByText('物业服务', { exact: true }).click();
    await resident.getByTestId('category-sheet').waitFor({ state: 'hidden' });
    await resident.getByTestId('phone-description').locator('textarea').fill(REPORT);
    await resident.getByTestId('phone-photo-input').setInputFiles(photo);
    await resident.getByTestId('phone-upload').waitFor();
    // the photo is on the server (its tile stops showing progress) before the report that carries it goes
    await expect.poll(() => resident.locator('.sz-phone-tile-progress').count()).toBe(0);
    await shot(resident, '03-filled');
    await expect.poll(() => resident.getByTestId('phone-location').textContent()).toContain(gridName);
    await resident.getByTestId('phone-submit').click();
    await expect.poll(() => resident.getByText('已提交').count()).toBeGreaterThan(0);
    await shot(resident, '04-reported');

    // no reload: the message about the new report refreshes the worker's list
    await expect.poll(() => worker.getByTestId('gw-cases').textContent()).toContain(REPORT);
    await expect.poll(() => worker.getByTestId('notify-bell').locator('.adm-badge-content').textContent()).toBe('1');
    await shot(worker, '05-worker-sees-it');
    const [c] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases_media m JOIN cases_cases c ON c.id = m.case_id WHERE c.description = $1`,
      [REPORT],
    );
    expect(c?.n).toBe(1);
  });
});
