import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
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
 * 组织与队伍 and the staff roster in a real browser: a district administrator opens a street's rapid-response team,
 * creates a member (one-time password shown once) and adds an existing account, marks a member on duty and sees them
 * listed as on duty, in the drawer and in the list; a roster with one bad row is refused with the problem by row and
 * column and creates nobody; a good one creates the accounts. Screenshots land in test-artifacts/.
 */

const ADMIN = 'orgs.admin';
const STREET_ADMIN = 'orgs.street';
const DISTRICT = '370983';
const STREET = '370983002'; // 老城街道
const TEAM = `${STREET}-rapid_response`;
const TEAM_NAME = '老城街道快速处置队';

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;

async function shot(p: Page, name: string) {
  await settled(p.locator('body'));
  await p.screenshot({ path: path.join(shots, `orgs-${name}.png`) });
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

async function roster(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人员名册');
  sheet.addRow(['姓名', '用户名', '角色', '管辖区划或网格编码', '所属部门/队伍编码', '专兼职']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function usersNamed(prefix: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM identity_users WHERE username LIKE $1',
    [`${prefix}%`],
  );
  return row?.n ?? 0;
}

async function mapIdle(p: Page) {
  await p.waitForFunction(() => document.body.dataset.mapReady === '1', undefined, { timeout: 60_000 });
}

/** Opens the area tree's branches by name, then picks the last name. */
async function pickArea(p: Page, testId: string, names: string[]) {
  await p.getByTestId(testId).click();
  const popup = p.locator('.ant-select-dropdown:visible');
  const node = (name: string) =>
    popup.locator('.ant-select-tree-treenode').filter({ has: p.getByText(name, { exact: true }) });
  for (const name of names.slice(0, -1)) await node(name).locator('.ant-select-tree-switcher').click();
  await node(names.at(-1) as string)
    .getByText(names.at(-1) as string, { exact: true })
    .click();
}

const teamRow = (p: Page) =>
  p.getByTestId('orgs-table').locator('tbody tr.ant-table-row').filter({ hasText: TEAM_NAME });
const memberRow = (p: Page, name: string) =>
  p.getByTestId('orgs-members').locator('tbody tr.ant-table-row').filter({ hasText: name });

describe.skipIf(!hasChromium)('组织与队伍 in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: [DISTRICT] });
    await t.userCookie('district_admin', DISTRICT, ADMIN);
    await t.userCookie('street_staff', STREET, STREET_ADMIN);
    await create('gw.helper', '周网格', 'grid_worker', STREET);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('lists the district’s organisations by kind, with the rapid-response teams first', async () => {
    await page.goto(`${base}/admin/orgs`);
    await signIn(page, ADMIN);
    await page.getByTestId('admin-orgs').waitFor();
    await expect.poll(() => teamRow(page).count()).toBe(1);
    const kinds = (await page.getByTestId('orgs-kinds').textContent()) ?? '';
    expect(kinds).toContain('快速处置队');
    expect(kinds).toContain('职能部门');
    expect(await page.getByTestId('admin-tabs').textContent()).toContain('组织与队伍');
    expect(await teamRow(page).getByTestId('orgs-member-count').textContent()).toBe('0');
    expect(await teamRow(page).getByTestId('orgs-on-duty-count').textContent()).toBe('无人在岗');
    await shot(page, '01-list');
    await page.getByTestId('orgs-kinds').getByText('职能部门').click();
    await expect.poll(() => page.getByTestId('orgs-table').textContent()).toContain('肥城市城市管理局');
    await shot(page, '02-departments');
    await page.getByTestId('orgs-kinds').getByText('快速处置队').click();
    await expect.poll(() => teamRow(page).count()).toBe(1);
  });

  it('opens the team, creates a member with a one-time password and adds an existing account', async () => {
    await teamRow(page).getByTestId('orgs-open').click();
    const drawer = page.getByTestId('orgs-drawer');
    await drawer.waitFor();
    await settled(drawer);
    await expect.poll(() => drawer.textContent()).toContain(TEAM);
    expect(page.url()).toContain(`org=${TEAM}`);

    await page.getByTestId('orgs-new-member').click();
    const modal = page.getByTestId('orgs-member-modal');
    await modal.waitFor();
    await settled(modal);
    await page.getByTestId('orgs-member-username').fill('rr.wang');
    await page.getByTestId('orgs-member-display-name').fill('王队员');
    await modal.getByText('兼职', { exact: true }).click();
    await shot(page, '03-new-member');
    await page.getByTestId('orgs-member-submit').click();
    const shown = page.getByTestId('users-password');
    await shown.waitFor();
    expect(await shown.textContent()).toContain('只显示这一次');
    await page.getByTestId('users-password-done').click();
    await expect.poll(() => memberRow(page, '王队员').count()).toBe(1);
    expect(await memberRow(page, '王队员').textContent()).toContain('兼职');

    await page.getByTestId('orgs-pick-user').click();
    await page.keyboard.type('gw.helper');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '周网格' });
    await option.waitFor();
    await option.click();
    await page.getByTestId('orgs-add-member').click();
    await expect.poll(() => memberRow(page, '周网格').count()).toBe(1);
    const [row] = await t.db.query<{ org_code: string; employment: string }>(
      `SELECT org_code, employment FROM identity_users WHERE username = 'rr.wang'`,
    );
    expect(row).toEqual({ org_code: TEAM, employment: 'part_time' });
  });

  it('marks a member on duty and lists them as on duty, in the drawer and in the list', async () => {
    const onDuty = page.getByTestId('orgs-on-duty');
    expect(await onDuty.textContent()).toContain('无人标记在岗');
    await memberRow(page, '王队员').getByTestId('orgs-member-duty').click();
    await expect.poll(() => onDuty.getByTestId('orgs-on-duty-name').allTextContents()).toEqual(['王队员']);
    await expect
      .poll(() => memberRow(page, '王队员').getByTestId('orgs-member-duty').getAttribute('aria-checked'))
      .toBe('true');
    expect(await memberRow(page, '周网格').getByTestId('orgs-member-duty').getAttribute('aria-checked')).toBe('false');
    await shot(page, '04-on-duty');
    await page.getByTestId('orgs-drawer').locator('.ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('orgs-drawer').count()).toBe(0);
    await expect.poll(() => teamRow(page).getByTestId('orgs-on-duty-count').textContent()).toBe('1 人在岗');
    expect(await teamRow(page).getByTestId('orgs-member-count').textContent()).toBe('2');
    await shot(page, '05-list-on-duty');
  });

  it('refuses a roster with one bad row, naming its row and column, and creates nobody', async () => {
    await page.goto(`${base}/admin/users`);
    await page.getByTestId('admin-users').waitFor();
    await page.getByTestId('users-import').click();
    const modal = page.getByTestId('roster-modal');
    await modal.waitFor();
    await settled(modal);
    const bad = await roster([
      ['赵一', 'roster.zhao', '部门工作人员', STREET, TEAM, '专职'],
      ['钱二', 'roster.qian', '部门工作人员', STREET, TEAM, '临时工'],
      ['孙三', 'roster.sun', '网格员', STREET, '', '兼职'],
    ]);
    await modal.locator('input[type=file]').setInputFiles({
      name: 'roster.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    await page.getByTestId('roster-submit').click();
    const problems = page.getByTestId('roster-problems');
    await problems.waitFor();
    const rows = problems.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('专兼职');
    expect(cells[2]).toContain('专职');
    expect(await page.getByTestId('roster-refused').textContent()).toContain('未创建任何账号');
    expect(await usersNamed('roster.')).toBe(0);
    await shot(page, '06-roster-refused');

    const good = await roster([
      ['赵一', 'roster.zhao', '部门工作人员', STREET, TEAM, '专职'],
      ['孙三', 'roster.sun', '网格员', STREET, '', '兼职'],
    ]);
    await modal.locator('input[type=file]').setInputFiles({
      name: 'roster-fixed.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: good,
    });
    await page.getByTestId('roster-submit').click();
    await page.getByTestId('roster-created').waitFor();
    expect(await page.getByTestId('roster-created').textContent()).toContain('已创建 2 个账号');
    expect(await usersNamed('roster.')).toBe(2);
    const download = page.waitForEvent('download');
    await page.getByTestId('roster-passwords').click();
    expect((await download).suggestedFilename()).toBe('一次性密码.xlsx');
    await shot(page, '07-roster-created');
    await page.getByTestId('roster-close').click();
  });

  it('creates a department with the services it owns', async () => {
    await page.goto(`${base}/admin/orgs`);
    await page.getByTestId('admin-orgs').waitFor();
    await page.getByTestId('orgs-new').click();
    const modal = page.getByTestId('orgs-new-modal');
    await modal.waitFor();
    await settled(modal);
    await page.getByTestId('orgs-new-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText('职能部门').click();
    await pickArea(page, 'orgs-new-region', ['肥城市']);
    await page.getByTestId('orgs-new-name').fill('肥城市行政审批服务局');
    await page.getByTestId('orgs-new-key').fill('approval');
    const services = page.getByTestId('orgs-new-services').locator('input');
    for (const service of ['营业执照办理', '施工许可']) {
      await services.fill(service);
      await services.press('Enter');
    }
    await shot(page, '08-new-department');
    await page.getByTestId('orgs-new-submit').click();
    const drawer = page.getByTestId('orgs-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.textContent()).toContain('营业执照办理');
    expect(await drawer.textContent()).toContain('370983-approval');
    await settled(drawer);
    await shot(page, '09-department');
    await drawer.locator('.ant-drawer-close').click();
  });

  it('edits a grid’s team from the map’s grid drawer, without re-importing the grid', async () => {
    await page.goto(base);
    await mapIdle(page);
    const tree = page.getByTestId('region-tree');
    await tree.getByText('肥城市').click();
    await mapIdle(page);
    await tree.getByText('老城街道').click();
    await mapIdle(page);
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
    await settled(drawer);
    await drawer.getByTestId('grid-team-edit').click();
    const editor = drawer.getByTestId('grid-team-editor');
    await editor.waitFor();
    await editor.getByTestId('grid-team-name').first().fill('吴网格长');
    await editor.getByTestId('grid-team-add').click();
    await editor.getByTestId('grid-team-name').last().fill('郑兼职');
    await editor.getByTestId('grid-team-role').last().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText('兼职网格员').click();
    await editor.getByTestId('grid-team-user').last().fill('7');
    await shot(page, '10-grid-team-editor');
    await editor.getByTestId('grid-team-save').click();
    await expect.poll(() => drawer.getByTestId('grid-team').textContent()).toContain('吴网格长');
    expect(await drawer.getByTestId('grid-team').textContent()).toContain('郑兼职');
    const saved = (
      await t.app.inject({ url: `/api/geo/grids/${target?.code}`, headers: { cookie: t.adminCookie } })
    ).json().grid.team as { role: string; name: string; userId: number | null }[];
    expect(saved[0]?.name).toBe('吴网格长');
    expect(saved).toContainEqual({ role: 'part_time_grid_worker', name: '郑兼职', userId: 7 });
    await shot(page, '11-grid-team-saved');
  });

  it('gives a street administrator their street’s team only, and no departments to create', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const street = await context.newPage();
    await street.goto(`${base}/admin/orgs`);
    await signIn(street, STREET_ADMIN);
    await street.getByTestId('admin-orgs').waitFor();
    await expect.poll(() => teamRow(street).count()).toBe(1);
    const names = await street.getByTestId('orgs-open').allTextContents();
    expect(names).toEqual([TEAM_NAME]);
    expect(await street.getByTestId('orgs-kinds').textContent()).not.toContain('职能部门');
    expect(await teamRow(street).getByTestId('orgs-on-duty-count').textContent()).toBe('1 人在岗');
    await shot(street, '12-street-admin');
    await street.getByTestId('orgs-new').click();
    await street.getByTestId('orgs-new-modal').waitFor();
    await street.getByTestId('orgs-new-kind').click();
    const options = street.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allTextContents()).toContain('快速处置队');
    const kinds = await options.allTextContents();
    expect(kinds).not.toContain('职能部门');
    await context.close();
  });

  it('reads the same in English', async () => {
    await page.goto(`${base}/admin/orgs`);
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('orgs-kinds').textContent()).toContain('Rapid-response teams');
    expect(await teamRow(page).getByTestId('orgs-on-duty-count').textContent()).toBe('1 on duty');
    await teamRow(page).getByTestId('orgs-open').click();
    const drawer = page.getByTestId('orgs-drawer');
    await expect.poll(() => drawer.textContent()).toContain('On duty now');
    expect(await drawer.textContent()).toContain('Part-time');
    await settled(drawer);
    await shot(page, '13-team-en');
    await drawer.locator('.ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('orgs-drawer').count()).toBe(0);
    await page.getByTestId('lang-switch').getByText('中文').click();
  });
});
