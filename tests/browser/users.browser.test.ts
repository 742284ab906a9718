import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../server/src/test/support.js';
import {
  buildConsoleIfMissing,
  consoleSignIn,
  hasChromium,
  launchChromium,
  settled,
  shots,
} from '../support/browser.js';

/**
 * 用户管理 in a real browser: a district administrator creates a grid worker by picking the grid by name, is shown the
 * one-time password once, and the new grid worker signs in with it; a refusal shows under the field it names; a
 * street administrator sees only their street's users and may give no role above the street.
 * Screenshots land in test-artifacts/ for a person to look at.
 */

const ADMIN = 'users.admin';
const STREET_ADMIN = 'users.street';
const DISTRICT = '370983';
const STREET = '370983002'; // 老城街道
const OTHER_STREET = '370983001'; // 新城街道

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;
let community: { code: string; name: string };
let grid: { code: string; name: string };
/** The grid's place in the area picker: its community's compound or village where it has one (the fourth level). */
let gridPath: string[];

async function shot(p: Page, name: string) {
  await settled(p.locator('body'));
  await p.screenshot({ path: path.join(shots, `users-${name}.png`) });
}

const signIn = (p: Page, username: string, password = TEST_PASSWORD) => consoleSignIn(p, username, password);

async function create(username: string, displayName: string, role: string, scopeCode: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/identity/users',
    headers: { cookie: t.adminCookie },
    payload: { username, displayName, role, scopeCode },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const rows = (p: Page) => p.getByTestId('users-table').locator('tbody tr.ant-table-row');
const row = (p: Page, username: string) => rows(p).filter({ hasText: username });
const usernames = (p: Page) => p.getByTestId('users-username-cell').allTextContents();

/** Opens the tree's branches by name, then picks the last name. */
async function pickArea(p: Page, names: string[]) {
  await p.getByTestId('users-scope').click();
  const popup = p.locator('.ant-select-dropdown:visible');
  const node = (name: string) =>
    popup.locator('.ant-select-tree-treenode').filter({ has: p.getByText(name, { exact: true }) });
  for (const name of names.slice(0, -1)) {
    await node(name).locator('.ant-select-tree-switcher').click();
  }
  await node(names.at(-1) as string)
    .getByText(names.at(-1) as string, { exact: true })
    .click();
}

async function pickOption(p: Page, testId: string, label: string) {
  await p.getByTestId(testId).click();
  await p.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText(label, { exact: true }).click();
}

describe.skipIf(!hasChromium)('用户管理 in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: [DISTRICT] });
    const communities = await t.app.inject({
      url: `/api/geo/regions?parent=${STREET}`,
      headers: { cookie: t.adminCookie },
    });
    community = communities.json().items[0];
    const grids = await t.app.inject({
      url: `/api/geo/regions/${community.code}/grids`,
      headers: { cookie: t.adminCookie },
    });
    grid = grids.json().features[0].properties;
    const detail = (
      await t.app.inject({ url: `/api/geo/grids/${grid.code}`, headers: { cookie: t.adminCookie } })
    ).json();
    gridPath = [
      '肥城市',
      '老城街道',
      community.name,
      ...(detail.grid.compoundName ? [detail.grid.compoundName] : []),
      grid.name,
    ];
    await t.userCookie('district_admin', DISTRICT, ADMIN);
    await t.userCookie('street_staff', STREET, STREET_ADMIN);
    await create('cs.laocheng', '刘社工', 'community_staff', community.code);
    await create('cs.xincheng', '新社工', 'community_staff', OTHER_STREET);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('lists the district’s users with roles in words and scopes by name, under 系统管理', async () => {
    await page.goto(`${base}/admin/users`);
    await signIn(page, ADMIN);
    await page.getByTestId('admin-users').waitFor();
    await expect.poll(() => usernames(page)).toContain('cs.xincheng');
    expect(await page.getByTestId('nav').textContent()).toContain('系统管理');
    expect(await page.getByTestId('admin-tabs').textContent()).toContain('审计日志');
    const laocheng = (await row(page, 'cs.laocheng').textContent()) ?? '';
    expect(laocheng).toContain('社区工作人员');
    expect(laocheng).toContain(community.name);
    expect(laocheng).toContain('从未登录');
    expect(await row(page, 'cs.xincheng').textContent()).toContain('新城街道');
    // no role code or scope path anywhere in the table
    const table = (await page.getByTestId('users-table').textContent()) ?? '';
    expect(table).not.toContain('community_staff');
    expect(table).not.toContain('37.3709');
    // the administrator's own row offers an edit (of the name) but no way to lock themselves out
    expect(await row(page, ADMIN).getByTestId('users-toggle').count()).toBe(0);
    expect(await row(page, ADMIN).getByTestId('users-edit').count()).toBe(1);
    await shot(page, '01-list');
  });

  let oneTimePassword = '';

  it('creates a grid worker by picking the grid by name, and shows the one-time password once', async () => {
    await page.getByTestId('users-new').click();
    const drawer = page.getByTestId('users-drawer');
    await drawer.waitFor();
    await page.getByTestId('users-username').fill('gw.new');
    await page.getByTestId('users-display-name').fill('王网格');
    await pickOption(page, 'users-role', '网格员');
    await pickArea(page, gridPath);
    await expect.poll(() => page.getByTestId('users-scope').textContent()).toContain(grid.name);
    await shot(page, '02-new-user');
    await page.getByTestId('users-submit').click();

    const shown = page.getByTestId('users-password');
    await shown.waitFor();
    expect(await shown.textContent()).toContain('只显示这一次');
    oneTimePassword = (await page.getByTestId('users-password-value').textContent()) ?? '';
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(10);
    await shot(page, '03-one-time-password');
    await page.getByTestId('users-password-done').click();
    await expect.poll(() => page.getByTestId('users-password').count()).toBe(0);

    await expect.poll(() => usernames(page)).toContain('gw.new');
    const created = (await row(page, 'gw.new').textContent()) ?? '';
    expect(created).toContain('网格员');
    expect(created).toContain(grid.name);
    expect(created).toContain('待改初始密码');
    // nothing on the page shows the password again
    expect(await page.locator('body').textContent()).not.toContain(oneTimePassword);
  });

  it('lets the new grid worker sign in with that password, and then shows when they did', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const worker = await context.newPage();
    await worker.goto(base);
    await signIn(worker, 'gw.new', oneTimePassword);
    await worker.getByLabel('当前密码').fill(oneTimePassword);
    await worker.getByLabel('新密码', { exact: true }).fill('Grid-Worker-2026');
    await worker.getByLabel('确认新密码').fill('Grid-Worker-2026');
    await worker.getByTestId('change-password-submit').click();
    await worker.getByTestId('nav').waitFor();
    expect(await worker.getByTestId('nav').textContent()).not.toContain('系统管理');
    await context.close();

    await page.getByTestId('users-search').locator('input').fill('gw.new');
    await page.getByTestId('users-search').locator('input').press('Enter');
    await expect.poll(() => page.url()).toContain('q=gw.new');
    await expect.poll(() => row(page, 'gw.new').textContent()).not.toContain('从未登录');
    expect(await row(page, 'gw.new').textContent()).not.toContain('待改初始密码');
  });

  it('shows a refusal under the field the server names', async () => {
    await page.getByTestId('users-new').click();
    await page.getByTestId('users-username').fill('cs.laocheng');
    await page.getByTestId('users-display-name').fill('重名');
    await pickOption(page, 'users-role', '社区工作人员');
    await pickArea(page, ['肥城市', '老城街道', community.name]);
    await page.getByTestId('users-submit').click();
    const usernameItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('users-username') });
    await expect.poll(() => usernameItem.locator('.ant-form-item-explain-error').textContent()).toContain('已被使用');
    await shot(page, '04-field-error');
    await page
      .getByTestId('users-drawer')
      .getByRole('button', { name: /^取\s?消$/ })
      .click();
    await expect.poll(() => page.getByTestId('users-drawer').count()).toBe(0);
  });

  it('disables a user after asking, and enables them again', async () => {
    await page.getByTestId('users-search').locator('input').fill('');
    await page.getByTestId('users-search').locator('input').press('Enter');
    await expect.poll(() => usernames(page)).toContain('cs.xincheng');
    const popconfirm = page.locator('.ant-popconfirm:visible');
    await row(page, 'cs.xincheng').getByTestId('users-toggle').click();
    await expect.poll(() => popconfirm.count()).toBe(1);
    await settled(popconfirm);
    expect(await popconfirm.textContent()).toContain('退出所有设备');
    await popconfirm.getByRole('button', { name: /^停\s?用$/ }).click();
    await expect.poll(() => row(page, 'cs.xincheng').getByTestId('users-status').textContent()).toBe('已停用');
    // the first confirmation has to be gone before the second is asked for, or the click finds the wrong one
    await expect.poll(() => popconfirm.count()).toBe(0);
    await shot(page, '05-disabled');
    await row(page, 'cs.xincheng').getByTestId('users-toggle').click();
    await expect.poll(() => popconfirm.count()).toBe(1);
    await settled(popconfirm);
    expect(await popconfirm.textContent()).toContain('启');
    await popconfirm.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await expect.poll(() => row(page, 'cs.xincheng').getByTestId('users-status').textContent()).toBe('正常');
  });

  it('gives a street administrator only their street’s users, and no role above the street', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const street = await context.newPage();
    await street.goto(`${base}/admin/users`);
    await signIn(street, STREET_ADMIN);
    await street.getByTestId('admin-users').waitFor();
    await expect.poll(() => usernames(street)).toContain('cs.laocheng');
    const listed = await usernames(street);
    expect(listed).toEqual(expect.arrayContaining([STREET_ADMIN, 'cs.laocheng', 'gw.new']));
    expect(listed).not.toContain('cs.xincheng');
    expect(listed).not.toContain(ADMIN);
    expect(listed).not.toContain('admin');
    // only this page of 系统管理: the audit trail stays the district's
    expect(await street.getByTestId('admin-tabs').textContent()).not.toContain('审计日志');
    await shot(street, '06-street-admin');

    await street.getByTestId('users-new').click();
    await street.getByTestId('users-role').click();
    const options = street.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allTextContents()).toContain('网格员');
    const roles = await options.allTextContents();
    expect(roles).toContain('街道工作人员');
    expect(roles).not.toContain('区级管理员');
    expect(roles).not.toContain('指挥中心');
    await street.keyboard.press('Escape');
    // the tree starts at the street itself: neither the district nor another street is offered
    await street.getByTestId('users-scope').click();
    const tree = street.locator('.ant-select-dropdown:visible .ant-select-tree');
    await expect.poll(() => tree.textContent()).toContain('老城街道');
    expect(await tree.textContent()).not.toContain('肥城市');
    expect(await tree.textContent()).not.toContain('新城街道');
    await context.close();
  });

  it('reads the same in English', async () => {
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('users-total').textContent()).toMatch(/^\d+ people$/);
    const table = (await page.getByTestId('users-table').textContent()) ?? '';
    expect(table).toContain('Community staff');
    expect(table).toContain('Grid worker');
    expect(table).toContain('Active');
    expect(await page.getByTestId('admin-tabs').textContent()).toContain('Users');
    await shot(page, '07-list-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
  });
});
