import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots } from '../support/browser.js';

/**
 * 系统管理 in a real browser: a district administrator reads the audit trail by name, narrows it to one action,
 * exports it, and sends a dead letter back to the event relay; a grid worker finds neither page.
 * Screenshots land in test-artifacts/ for a person to look at.
 */

const ADMIN = 'audit.admin';
const WORKER = 'audit.worker';
const STAFF = 'audit.staff';
const COMMUNITY = '370983002001';
/** A subscriber no instance runs: the retried letter waits as pending instead of failing again while the test looks. */
const SUBSCRIBER = 'wechat.case_steps';

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;

async function shot(p: Page, name: string) {
  await settled(p.locator('body'));
  await p.screenshot({ path: path.join(shots, `admin-${name}.png`) });
}

async function signIn(p: Page, username: string) {
  await p.getByLabel('用户名').fill(username);
  await p.getByLabel('密码').fill(TEST_PASSWORD);
  await p.getByTestId('sign-in-submit').click();
}

const auditRows = () => page.getByTestId('audit-table').locator('tbody tr.ant-table-row');

describe.skipIf(!hasChromium)('系统管理 in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await t.app.inject({
      url: `/api/geo/regions/${COMMUNITY}/grids`,
      headers: { cookie: t.adminCookie },
    });
    const gridCode = grids.json().features[0].properties.code as string;
    // over the whole deployment: the event deliveries name no area, so they are a global administrator's
    await t.userCookie('district_admin', '', ADMIN);
    await t.userCookie('grid_worker', gridCode, WORKER);
    // an account changed, so the trail holds a before → after
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/identity/users',
      headers: { cookie: t.adminCookie },
      payload: { username: STAFF, displayName: '李社工', role: 'community_staff', scopeCode: COMMUNITY },
    });
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/identity/users/${created.json().user.id}`,
      headers: { cookie: t.adminCookie },
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    // a dead letter, as the relay leaves one after its last attempt
    const [event] = await t.db.query<{ id: number }>(
      `INSERT INTO core_events (type, aggregate, payload) VALUES ('cases.case_reported.v1', 'case:4242', '{}')
       RETURNING id::int AS id`,
    );
    await t.db.query(
      `INSERT INTO core_event_deliveries (event_id, subscriber, aggregate, status, attempts, last_error)
       VALUES ($1, $2, 'case:4242', 'dead', 5, 'connect ECONNREFUSED 10.0.0.5:443')`,
      [event?.id, SUBSCRIBER],
    );
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows the audit trail by name, newest first, under 系统管理', async () => {
    await page.goto(`${base}/admin/audit`);
    await signIn(page, ADMIN);
    await page.getByTestId('admin-audit').waitFor();
    await expect.poll(() => auditRows().count()).toBeGreaterThan(5);
    expect(await page.getByTestId('nav').textContent()).toContain('系统管理');
    const table = (await page.getByTestId('audit-table').textContent()) ?? '';
    // who by their name, what in words, on what by its kind
    expect(table).toContain('admin');
    expect(table).toContain(ADMIN);
    expect(table).toContain('创建账号');
    expect(table).toContain('修改账号');
    expect(table).toContain('账号 ');
    expect(table).not.toContain('identity.user_created');
    // a scope by its area's name, once the names have come
    await expect.poll(() => page.getByTestId('audit-table').textContent()).not.toContain('37.3709.');
    // the newest first: the administrator's own sign-in
    expect(await auditRows().first().textContent()).toContain('登录');
    expect(await page.getByTestId('audit-total').textContent()).toMatch(/^共 \d+ 条$/);
    await shot(page, '01-audit');
  });

  it('narrows the trail to one action, in the URL, with its before → after', async () => {
    const action = page.getByTestId('audit-action');
    await action.click();
    await page.keyboard.type('修改账号');
    await page.keyboard.press('Enter');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.url()).toContain('action=identity.user_changed');
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 1 条');
    const row = auditRows().first();
    expect(await row.textContent()).toContain('修改账号');
    expect(await row.textContent()).toContain('停用：否 → 是');
    await shot(page, '02-audit-filtered');

    // the link opens the same rows for whoever is given it
    await page.reload();
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 1 条');
  });

  it('exports the filtered trail as a spreadsheet', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toBe('audit.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.getWorksheet('审计日志');
    const actions = new Set<unknown>();
    sheet?.eachRow((r, n) => n > 1 && actions.add(r.getCell(3).value));
    expect([...actions]).toEqual(['identity.user_changed']);
  });

  it('shows the event deliveries and sends a dead letter back', async () => {
    await page.getByTestId('admin-tabs').getByText('事件投递').click();
    await page.getByTestId('admin-events').waitFor();
    await expect.poll(() => page.url()).toBe(`${base}/admin/events`);
    const count = (key: string) =>
      page.getByTestId(`events-count-${key}`).locator('.ant-statistic-content').textContent();
    await expect.poll(() => count('dead')).toBe('1');
    expect(Number(await count('delivered'))).toBeGreaterThanOrEqual(0);
    const table = page.getByTestId('events-table');
    await expect.poll(() => table.textContent()).toContain('ECONNREFUSED');
    expect(await table.textContent()).toContain('案件上报');
    expect(await table.textContent()).toContain('案件 4242');
    await shot(page, '03-events-dead');

    await table.getByTestId('events-retry').click();
    await expect.poll(() => table.textContent()).toContain('没有失败的投递');
    await expect.poll(() => count('dead')).toBe('0');
    await page.getByTestId('events-status').getByText('待投递').click();
    await expect.poll(() => table.textContent()).toContain(SUBSCRIBER);
    await expect.poll(() => page.url()).toContain('status=pending');
    await shot(page, '04-events-pending');

    await page.getByTestId('admin-tabs').getByText('审计日志').click();
    await page.getByTestId('audit-action').click();
    await page.keyboard.type('重新投递事件');
    await page.keyboard.press('Enter');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => auditRows().first().textContent()).toContain(`订阅者：${SUBSCRIBER}`);
  });

  it('reads the same in English', async () => {
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('audit-reset').click();
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toMatch(/^\d+ entries$/);
    const table = (await page.getByTestId('audit-table').textContent()) ?? '';
    expect(table).toContain('Account created');
    expect(table).toContain('Disabled: no → yes');
    expect(await page.getByTestId('nav').textContent()).toContain('System');
    await shot(page, '05-audit-en');
    await page.getByTestId('admin-tabs').getByText('Event deliveries').click();
    await page.getByTestId('events-status').getByText('Failed').click();
    await expect.poll(() => page.getByTestId('events-table').textContent()).toContain('No failed deliveries');
    await shot(page, '06-events-en');
  });

  it('gives a grid worker neither the menu entry nor the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const worker = await context.newPage();
    await worker.goto(`${base}/admin/audit`);
    await signIn(worker, WORKER);
    await worker.getByTestId('nav').waitFor();
    expect(await worker.getByTestId('nav').textContent()).not.toContain('系统管理');
    expect(await worker.getByTestId('admin-audit').count()).toBe(0);
    const refused = await worker.evaluate(async () => (await fetch('/api/admin/audit')).status);
    expect(refused).toBe(403);
    await shot(worker, '07-grid-worker');
    await context.close();
  });
});
