import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots } from '../support/browser.js';

/**
 * One case through the whole loop, each person in their own browser: the resident on the phone page, community
 * staff, a department and the grid worker in the console. Screenshots land in test-artifacts/ for a person to look at.
 */

const NEW_PASSWORD = 'Cases-Browser-2026';
const STREET = '370983002';
const DESCRIPTION = '小区电梯停运三天，物业一直不处理';

let t: TestApp;
let browser: Browser;
let base: string;
let gridCode: string;
let gridName: string;
let centroid: [number, number];
const contexts: BrowserContext[] = [];
const oneTime: Record<string, string> = {};
let phone: Page;
let community: Page;

async function adminGet<T>(url: string): Promise<T> {
  const res = await t.app.inject({ url, headers: { cookie: t.adminCookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
  return res.json() as T;
}

async function createUser(username: string, displayName: string, role: string, scopeCode: string, orgCode?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/identity/users',
    headers: { cookie: t.adminCookie },
    payload: { username, displayName, role, scopeCode, ...(orgCode ? { orgCode } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`create ${username}: ${res.body}`);
  oneTime[username] = res.json().oneTimePassword;
}

async function newPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  contexts.push(context);
  return context.newPage();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `cases-${name}.png`) });
}

/** Signs in to the console with the one-time password, replaces it, and opens the cases page. */
async function consoleUser(username: string): Promise<Page> {
  const page = await newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/cases`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(oneTime[username] as string);
  await page.getByTestId('sign-in-submit').click();
  await page.getByLabel('当前密码').fill(oneTime[username] as string);
  await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
  await page.getByTestId('change-password-submit').click();
  await page.getByTestId('case-boxes').waitFor();
  return page;
}

/** Opens an inbox and waits for the one case of this test (category 物业服务) to be listed. */
async function openBox(page: Page, box: string) {
  await page.getByTestId('case-boxes').getByRole('tab', { name: box }).click();
  await page.getByTestId('case-table').getByText('物业服务').first().waitFor();
}

async function openCase(page: Page) {
  await page.getByTestId('case-table').getByText('物业服务').first().click();
  await page.getByTestId('case-timeline').waitFor();
}

async function act(page: Page, action: string, expectedStatus: string) {
  await page.getByTestId(`action-${action}`).click();
  await expect.poll(() => page.getByTestId('case-facts').getByTestId('case-status').textContent()).toBe(expectedStatus);
}

async function actWithForm(page: Page, action: string, fill: () => Promise<void>, expectedStatus: string) {
  await page.getByTestId(`action-${action}`).click();
  await fill();
  // a click on the dialog while it is still zooming in can miss
  await settled(page.locator('body'));
  await page.getByTestId('action-submit').click();
  await expect.poll(() => page.getByTestId('case-facts').getByTestId('case-status').textContent()).toBe(expectedStatus);
}

/** Picks an option and waits for its list to close: a click while the list still slides open can miss it. */
async function chooseOption(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let tries = 0; tries < 5 && (await open.count()) > 0; tries++) {
    await settled(open.first());
    await open.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    await open
      .first()
      .waitFor({ state: 'detached', timeout: 2000 })
      .catch(() => undefined);
  }
  expect(await open.count()).toBe(0);
}

describe.skipIf(!hasChromium)('the case loop in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await adminGet<{ features: { properties: { code: string } }[] }>(
      `/api/geo/regions/${STREET}001/grids`,
    );
    gridCode = grids.features[0]?.properties.code as string;
    const { grid } = await adminGet<{ grid: { name: string; centroid: [number, number] } }>(
      `/api/geo/grids/${gridCode}`,
    );
    centroid = grid.centroid;
    gridName = grid.name;
    await createUser('resident.li', '李女士', 'resident', '370983');
    await createUser('cs.chen', '陈社区', 'community_staff', gridCode.slice(0, 12));
    await createUser('ds.cg', '城管局李', 'department_staff', '370983', '370983-urban_management');
    await createUser('gw.zhang', '张网格', 'grid_worker', gridCode);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.stop();
  });

  it('lets a resident sign in on the phone page and replace the one-time password', async () => {
    phone = await newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { longitude: centroid[0], latitude: centroid[1] },
    });
    await phone.goto(`${base}/m?grid=${gridCode}`);
    await phone.getByTestId('sign-in-mode').click();
    await phone.getByPlaceholder('用户名').fill('resident.li');
    await phone.getByPlaceholder('密码').fill(oneTime['resident.li'] as string);
    await shot(phone, '01-phone-sign-in');
    await phone.getByTestId('staff-sign-in').click();
    await phone.getByPlaceholder('当前密码').fill(oneTime['resident.li'] as string);
    await phone.getByPlaceholder('新密码', { exact: true }).fill(NEW_PASSWORD);
    await phone.getByPlaceholder('确认新密码').fill(NEW_PASSWORD);
    await shot(phone, '02-phone-change-password');
    await phone.getByTestId('phone-change-password').click();
    await phone.getByTestId('phone-submit').waitFor();
    await expect.poll(() => phone.getByTestId('grid-card').textContent()).toContain(gridName);
  });

  it('reports a problem from the phone with its position and finds it under my reports', async () => {
    await phone.getByTestId('phone-category').click();
    await phone.getByTestId('category-sheet').getByText('物业服务', { exact: true }).click();
    await phone.getByTestId('category-sheet').waitFor({ state: 'hidden' });
    await phone.getByTestId('phone-description').locator('textarea').fill(DESCRIPTION);
    // the fix is told as its place and grid, never as numbers
    await expect.poll(() => phone.getByTestId('phone-location').textContent()).toContain(gridName);
    expect(await phone.getByTestId('phone-location').textContent()).not.toContain(centroid[0].toFixed(4));
    await shot(phone, '03-phone-report');
    await phone.getByTestId('phone-submit').dblclick();
    await expect.poll(() => phone.getByText('已提交').count()).toBeGreaterThan(0);
    await shot(phone, '04-phone-submitted');
    const [{ n } = { n: 0 }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases_cases');
    expect(n).toBe(1);
    await phone.getByTestId('phone-go-my-cases').click();
    const list = phone.getByTestId('phone-my-cases');
    await expect.poll(() => list.textContent()).toContain(DESCRIPTION);
    await expect.poll(() => list.getByTestId('phone-case-status').textContent()).toBe('已上报');
    await shot(phone, '05-phone-my-cases');
  });

  it('community staff accept the case and dispatch it to the urban management bureau', async () => {
    community = await consoleUser('cs.chen');
    await openBox(community, '待立案');
    await shot(community, '06-console-to-accept');
    await openCase(community);
    expect(await community.getByTestId('case-facts').textContent()).toContain(DESCRIPTION);
    await shot(community, '07-console-case');
    await act(community, 'accept', '已立案');
    await actWithForm(
      community,
      'dispatch',
      async () => {
        await chooseOption(community, 'action-level', '职能部门');
        await chooseOption(community, 'action-org', '城市管理局');
        await shot(community, '08-console-dispatch');
      },
      '已派遣',
    );
    await expect.poll(() => community.getByTestId('case-timeline').textContent()).toContain('城市管理局');
    await shot(community, '09-console-dispatched');
  });

  it('the department starts and handles it', async () => {
    const dept = await consoleUser('ds.cg');
    await openBox(dept, '我的任务');
    await openCase(dept);
    await act(dept, 'start', '处置中');
    await actWithForm(
      dept,
      'handle',
      () => dept.getByTestId('action-note').fill('已约谈物业公司，电梯已修复并通过检测'),
      '已处置',
    );
    await shot(dept, '10-console-department-handled');
  });

  it('the grid worker verifies it on site and community staff close it', async () => {
    const worker = await consoleUser('gw.zhang');
    await openBox(worker, '待核查');
    await openCase(worker);
    await actWithForm(worker, 'verify', () => worker.getByTestId('action-note').fill('现场核实电梯运行正常'), '已核查');
    await shot(worker, '11-console-verified');

    await community.keyboard.press('Escape');
    await community.getByRole('button', { name: '刷新' }).click();
    await openBox(community, '全部');
    await openCase(community);
    // 处置总结: what was done, the root cause and whether it may recur, each required
    await actWithForm(
      community,
      'close',
      async () => {
        await community.getByTestId('summary-measures').fill('约谈物业，更换电梯控制板');
        await chooseOption(community, 'summary-root-cause', '设施老化');
        await community.getByTestId('summary-may-recur').getByText('可能复发').click();
      },
      '已结案',
    );
    expect(await community.getByTestId('case-summary').textContent()).toContain('设施老化');
    await shot(community, '12-console-closed');
    // a hotline operator could record the return visit here: the form asks both questions; the resident answers
    // on the phone instead
    await community.getByTestId('action-rate').click();
    await community.getByTestId('action-resolved').waitFor();
    expect(await community.locator('.ant-modal').textContent()).toContain('回访：问题是否已解决');
    await settled(community.locator('.ant-modal'));
    await shot(community, '12-console-return-visit-form');
    await community.locator('.ant-modal-close').click();
    await expect.poll(() => community.locator('.ant-modal:visible').count()).toBe(0);
  });

  it('the resident reads the timeline in plain words and rates the result', async () => {
    await phone.reload();
    await phone.getByTestId('phone-tab-mine').click();
    await phone.getByTestId('phone-my-cases').getByText(DESCRIPTION).click();
    const timeline = phone.getByTestId('phone-timeline');
    await expect.poll(() => timeline.textContent()).toContain('问题已办结');
    await expect.poll(() => timeline.textContent()).toContain('城市管理局');
    await shot(phone, '13-phone-closed');
    await phone.getByTestId('phone-rating').getByText('满意', { exact: true }).click();
    // the return visit's second question must be answered before the rating can be sent
    await expect.poll(() => phone.getByTestId('phone-rate-submit').isDisabled()).toBe(true);
    await phone.getByTestId('phone-rating').getByText('已解决', { exact: true }).click();
    await phone.getByTestId('phone-rate-submit').scrollIntoViewIfNeeded();
    await shot(phone, '13-phone-rating-answered');
    await phone.getByTestId('phone-rate-submit').click();
    await expect.poll(() => phone.getByTestId('phone-case-status').textContent()).toBe('已评价');
    await expect.poll(() => timeline.textContent()).toContain('您已评价：满意 · 已解决');
    await shot(phone, '14-phone-rated');
  });
});
