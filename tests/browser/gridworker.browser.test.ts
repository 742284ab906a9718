import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, keptOnPhone, launchChromium, settled, shots } from '../support/browser.js';

/**
 * The grid worker's phone in a real browser: a patrol report made offline waits in the outbox and is sent once,
 * exactly once, when the connection returns; then the worker handles and checks it on site. A resident's bell rings
 * live when staff accept their case, and a district administrator edits a category's time limit.
 * Screenshots land in test-artifacts/ for a person to look at.
 */

const NEW_PASSWORD = 'Gridworker-Browser-2026';
const STREET = '370983002';
const CATEGORY = '物业服务';
const PATROL = '巡查发现：小区东门垃圾桶满溢，异味明显';
const RESIDENT_REPORT = '楼道灯坏了一周，晚上看不见路';
const BUILDING = '东门 3 号楼';

interface CaseRow {
  id: number;
  description: string;
  source: string;
  status: string;
}

let t: TestApp;
let browser: Browser;
let base: string;
let gridCode: string;
let centroid: [number, number];
let gridName: string;
let photoDir: string;
let photo: string;
const contexts: BrowserContext[] = [];
const oneTime: Record<string, string> = {};
let worker: Page;
let workerContext: BrowserContext;

async function adminGet<T>(url: string): Promise<T> {
  const res = await t.app.inject({ url, headers: { cookie: t.adminCookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
  return res.json() as T;
}

async function casesDescribed(description: string): Promise<CaseRow[]> {
  const { items } = await adminGet<{ items: CaseRow[] }>('/api/cases?box=all&limit=200');
  return items.filter((c) => c.description === description);
}

async function createUser(username: string, displayName: string, role: string, scopeCode: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/identity/users',
    headers: { cookie: t.adminCookie },
    payload: { username, displayName, role, scopeCode },
  });
  if (res.statusCode !== 200) throw new Error(`create ${username}: ${res.body}`);
  oneTime[username] = res.json().oneTimePassword;
}

/** A real JPEG, as a phone camera would hand it over. */
async function writePhoto(name: string): Promise<string> {
  const file = path.join(photoDir, name);
  const bytes = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 90, g: 110, b: 70 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  writeFileSync(file, bytes);
  return file;
}

async function newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  contexts.push(context);
  return context;
}

const phoneOptions = () => ({
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  permissions: ['geolocation'],
  geolocation: { longitude: centroid[0], latitude: centroid[1] },
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `gridworker-${name}.png`) });
}

async function phoneSignIn(page: Page, username: string, password: string) {
  await page.goto(`${base}/m`);
  await page.getByTestId('sign-in-mode').click();
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByTestId('staff-sign-in').click();
}

const badge = (page: Page) => page.getByTestId('notify-bell').locator('.adm-badge-content').textContent();
const tabBadge = (page: Page, tab: string) =>
  page.locator('.adm-tab-bar-item').filter({ hasText: tab }).locator('.adm-badge-content').textContent();
const caseStatus = (page: Page) => page.getByTestId('phone-case-status').textContent();

describe.skipIf(!hasChromium)('the grid worker phone, notifications and categories in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    photoDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-photos-'));
    photo = await writePhoto('patrol.jpg');
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await adminGet<{ features: { properties: { code: string } }[] }>(
      `/api/geo/regions/${STREET}001/grids`,
    );
    gridCode = grids.features[0]?.properties.code as string;
    ({ centroid, name: gridName } = (
      await adminGet<{ grid: { centroid: [number, number]; name: string } }>(`/api/geo/grids/${gridCode}`)
    ).grid);
    await createUser('gw.wang', '王网格', 'grid_worker', gridCode);
    const [lng, lat] = centroid;
    const d = 0.0002;
    const building = await t.app.inject({
      method: 'POST',
      url: '/api/registry/buildings',
      headers: { cookie: t.adminCookie },
      payload: {
        name: BUILDING,
        address: '东门路 8 号',
        floors: 6,
        footprint: {
          type: 'Polygon',
          coordinates: [
            [
              [lng + d, lat + d],
              [lng + 3 * d, lat + d],
              [lng + 3 * d, lat + 2 * d],
              [lng + d, lat + 2 * d],
              [lng + d, lat + d],
            ],
          ],
        },
      },
    });
    expect(building.statusCode).toBe(201);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.stop();
    if (photoDir) rmSync(photoDir, { recursive: true, force: true });
  });

  it('a grid worker signing in on /m gets the grid worker app', async () => {
    workerContext = await newContext(phoneOptions());
    worker = await workerContext.newPage();
    await phoneSignIn(worker, 'gw.wang', oneTime['gw.wang'] as string);
    await worker.getByPlaceholder('当前密码').fill(oneTime['gw.wang'] as string);
    await worker.getByPlaceholder('新密码', { exact: true }).fill(NEW_PASSWORD);
    await worker.getByPlaceholder('确认新密码').fill(NEW_PASSWORD);
    await worker.getByTestId('phone-change-password').click();
    await worker.getByTestId('phone-tab-tasks').waitFor();
    expect(await worker.getByTestId('phone-tab-patrol').textContent()).toBe('巡查上报');
    expect(await worker.getByTestId('phone-tab-me').textContent()).toBe('我的');
    await worker.getByTestId('gw-box-assigned').waitFor();
    await shot(worker, '01-tasks');
  });

  it('a patrol report made offline waits in the outbox with its photo', async () => {
    await worker.getByTestId('phone-tab-patrol').click();
    await expect.poll(() => worker.getByTestId('phone-location').textContent()).toContain(gridName);
    expect(await worker.getByText('匿名上报').count()).toBe(0);
    await workerContext.setOffline(true);

    await worker.getByTestId('phone-category').click();
    await worker.getByTestId('category-sheet').getByText(CATEGORY, { exact: true }).click();
    await worker.getByTestId('category-sheet').waitFor({ state: 'hidden' });
    await worker.getByTestId('phone-description').locator('textarea').fill(PATROL);
    await worker.getByTestId('phone-photo-input').setInputFiles(photo);
    await worker.getByTestId('phone-upload-waiting').waitFor();
    await shot(worker, '02-offline-form');
    await worker.getByTestId('phone-submit').click();
    await worker.getByTestId('phone-queued').waitFor();
    await expect.poll(() => tabBadge(worker, '巡查上报')).toBe('1');
    await shot(worker, '03-queued');

    await worker.getByRole('button', { name: '我要上报' }).click();
    const outbox = worker.getByTestId('outbox');
    await expect.poll(() => outbox.textContent()).toContain(PATROL);
    expect(await outbox.textContent()).toContain('待发送');
    await shot(worker, '04-outbox');
    expect(await casesDescribed(PATROL)).toHaveLength(0);
  });

  it('back online, the outbox drains and the case exists exactly once, with its photo', async () => {
    await workerContext.setOffline(false);
    await expect.poll(() => worker.getByTestId('outbox').count(), { timeout: 20_000 }).toBe(0);
    await shot(worker, '05-sent');
    const found = await casesDescribed(PATROL);
    expect(found).toHaveLength(1);
    expect(found[0]?.source).toBe('grid_worker');
    const detail = await adminGet<{ timeline: { media: unknown[] }[] }>(`/api/cases/${found[0]?.id}`);
    expect(detail.timeline[0]?.media).toHaveLength(1);

    // A new start sends nothing again: the outbox is empty and the key would return the same case anyway.
    await worker.reload();
    await worker.getByTestId('phone-tab-tasks').waitFor();
    // a start sends what the phone keeps, and it keeps no report now
    expect((await keptOnPhone(worker)).reports).toBe(0);
    expect(await casesDescribed(PATROL)).toHaveLength(1);
  });

  it('the grid worker self-handles the case, handles it with a note and checks it with a photo taken on site', async () => {
    await worker.getByTestId('gw-box-all').click();
    await worker.getByTestId('gw-cases').getByText(PATROL).click();
    await expect.poll(() => caseStatus(worker)).toBe('已上报');
    // 现场: the grid drawn, the building beside the spot, the worker standing on it, and who reported it
    const sketch = worker.getByTestId('case-site-sketch');
    await expect.poll(() => sketch.locator('path[stroke="#1677ff"]').count()).toBe(1);
    await expect.poll(() => sketch.getByTestId('case-site-building').count()).toBe(1);
    expect(await sketch.getByTestId('case-site-building').locator('title').textContent()).toBe(BUILDING);
    await worker.getByText('距您约 0 米').waitFor();
    expect(await worker.getByTestId('case-site-reporter').textContent()).toBe('王网格');
    const navigate = new URL((await worker.getByTestId('case-site-navigate').getAttribute('href')) as string);
    expect(navigate.searchParams.get('coordinate')).toBe('wgs84');
    const [navLng, navLat] = (navigate.searchParams.get('position') as string).split(',').map(Number);
    expect(navLng).toBeCloseTo(centroid[0], 5);
    expect(navLat).toBeCloseTo(centroid[1], 5);
    await shot(worker, '06-case');
    await worker.getByTestId('phone-action-self_handle').click();
    await expect.poll(() => caseStatus(worker)).toBe('处置中');

    await worker.getByTestId('phone-action-handle').click();
    await worker.getByTestId('phone-action-note').locator('textarea').fill('已联系保洁清运，垃圾桶已清空消毒');
    await shot(worker, '07-handle-form');
    await worker.getByTestId('phone-action-submit').click();
    await expect.poll(() => caseStatus(worker)).toBe('已处置');
    // whoever handled it does not check it: the other grid worker does, on site with a photo
    expect(await worker.getByTestId('phone-action-verify').count()).toBe(0);

    await t.userCookie('grid_worker', gridCode, 'gw.li');
    const checkerContext = await newContext(phoneOptions());
    const checker = await checkerContext.newPage();
    await phoneSignIn(checker, 'gw.li', TEST_PASSWORD);
    await checker.getByTestId('gw-box-to_verify').click();
    await checker.getByTestId('gw-cases').getByText(PATROL).click();
    await expect.poll(() => caseStatus(checker)).toBe('已处置');
    await checker.getByTestId('phone-action-verify').click();
    await checker.getByTestId('phone-action-submit').click();
    await checker.getByText('请拍摄现场照片').waitFor();
    await checker.getByTestId('phone-action-sheet').locator('..').getByTestId('phone-photo-input').setInputFiles(photo);
    await expect.poll(() => checker.locator('.sz-phone-tile-progress').count()).toBe(0);
    await checker.getByTestId('phone-action-submit').click();
    await expect.poll(() => caseStatus(checker)).toBe('已核查');
    await expect.poll(() => checker.getByTestId('phone-timeline').textContent()).toContain('网格员现场核查通过');
    await shot(checker, '08-verified');
    await checkerContext.close();
  });

  it("a resident's bell rings live when community staff accept their case", async () => {
    const residentCookie = await t.userCookie('resident', '370983', 'resident.zhao');
    const staffCookie = await t.userCookie('community_staff', gridCode.slice(0, 12));
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: residentCookie },
      payload: {
        categoryCode: 'S0301',
        description: RESIDENT_REPORT,
        location: { lng: centroid[0], lat: centroid[1], crs: 'wgs84' },
      },
    });
    expect(reported.statusCode).toBe(201);
    const caseId = reported.json().case.id as number;

    const resident = await (await newContext(phoneOptions())).newPage();
    await phoneSignIn(resident, 'resident.zhao', TEST_PASSWORD);
    await resident.getByTestId('phone-tab-report').waitFor();
    await expect.poll(() => badge(resident)).toBe('1');

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/actions`,
      headers: { cookie: staffCookie },
      payload: { action: 'accept' },
    });
    expect(accepted.statusCode).toBe(200);
    await expect.poll(() => badge(resident)).toBe('2');
    await resident
      .getByText(/已受理立案/)
      .first()
      .waitFor();
    await shot(resident, '09-resident-live-badge');

    await resident.getByTestId('notify-bell').click();
    const list = resident.getByTestId('notify-list');
    await expect.poll(() => list.textContent()).toContain('已受理立案');
    // the sheet slides up; a screenshot taken during the slide shows it cut off
    await settled(resident.locator('body'));
    await shot(resident, '10-resident-messages');
    await list.getByText(/已受理立案/).click();
    await expect.poll(() => caseStatus(resident)).toBe('已立案');
    await expect.poll(() => badge(resident)).toBe('1');
    await list.waitFor({ state: 'hidden' });
    await shot(resident, '11-resident-case-from-message');
  });

  it("a district administrator edits a category's handling working days", async () => {
    await t.userCookie('district_admin', '370983', 'da.sun');
    const context = await newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await context.newPage();
    await admin.goto(`${base}/categories`);
    await admin.getByLabel('用户名').fill('da.sun');
    await admin.getByLabel('密码').fill(TEST_PASSWORD);
    await admin.getByTestId('sign-in-submit').click();
    const table = admin.getByTestId('category-table');
    await table.getByText('S03', { exact: true }).waitFor();
    await admin.getByTestId('category-row-S03').locator('.ant-table-row-expand-icon').click();
    const row = admin.getByTestId('category-row-S0301');
    await row.getByTestId('category-edit').click();

    // a district's administrator sets its time limits; the names are everyone's, not editable here
    expect(await row.locator('input#nameZh').count()).toBe(0);
    await expect.poll(() => admin.textContent('body')).toContain('类别名称、层级和部门由全局管理员统一设置');
    await shot(admin, '12-category-district');
    await row.getByTestId('category-cancel').click();

    await row.getByTestId('category-edit').click();
    await row.getByTestId('category-edit-workdays').fill('7');
    await shot(admin, '13-category-editing');
    await row.getByTestId('category-save').click();
    await expect.poll(() => row.getByTestId('category-handleWorkdays').textContent()).toBe('7');
    await shot(admin, '14-category-saved');
    // the district's own limit, over the deployment's default, which stays as it was
    type Limits = { items: { code: string; handleWorkdays: number; ownLimits: boolean }[] };
    const own = await adminGet<Limits>('/api/cases/categories?districtCode=370983');
    expect(own.items.find((c) => c.code === 'S0301')).toMatchObject({ handleWorkdays: 7, ownLimits: true });
    const defaults = await adminGet<Limits>('/api/cases/categories');
    expect(defaults.items.find((c) => c.code === 'S0301')?.handleWorkdays).not.toBe(7);
  });
});
