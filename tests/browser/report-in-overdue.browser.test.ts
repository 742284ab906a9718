import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/core/auth.js';
import { transitionCase } from '../../server/src/modules/cases/commands/transition-case.js';
import { escalateMissedReportIns } from '../../server/src/modules/cases/jobs/escalate-missed-report-ins.js';
import { findOrg } from '../../server/src/modules/identity/index.js';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots, useSession } from '../support/browser.js';

/**
 * 吹哨报到's deadline on the console's supervision board: a department whistled in five hours ago with two hours to
 * report in is shown there by name, with its deadline and how late it is; once it reports in, as late.
 */

const STREET = '370983002';
const LEAD = '370983-urban_management';
const HELPER = '370983-market';

let t: TestApp;
let browser: Browser;
let base: string;
let page: Page;
let helperName: string;
const cookies: Record<string, string> = {};

async function actorOf(cookie: string): Promise<Actor> {
  const { user } = (await t.app.inject({ url: '/api/identity/me', headers: { cookie } })).json();
  return { ...user, mustChangePassword: false, sessionId: 0 };
}

async function board(): Promise<string> {
  await page.goto(`${base}/cases`);
  await page.getByTestId('case-boxes').getByRole('tab', { name: '督办' }).click();
  const reason = page.getByTestId('supervision-reason').first();
  await reason.waitFor();
  await settled(page.locator('body'));
  return (await reason.textContent()) ?? '';
}

describe.skipIf(!hasChromium)('a missed report-in on the supervision board, in Chromium', () => {
  beforeAll(async () => {
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = (
      await t.app.inject({ url: `/api/geo/regions/${STREET}001/grids`, headers: { cookie: t.adminCookie } })
    ).json();
    const gridCode = grids.features[0].properties.code as string;
    const grid = (await t.app.inject({ url: `/api/geo/grids/${gridCode}`, headers: { cookie: t.adminCookie } })).json()
      .grid;
    helperName = (await findOrg(t.db, HELPER))?.name as string;
    cookies.resident = await t.userCookie('resident', '370983', 'rio.b.resident');
    cookies.street = await t.userCookie('street_staff', STREET, 'rio.b.street');
    cookies.lead = await t.userCookie('department_staff', '370983', 'rio.b.lead', LEAD);
    cookies.helper = await t.userCookie('department_staff', '370983', 'rio.b.helper', HELPER);

    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: cookies.resident },
      payload: {
        categoryCode: 'E0302',
        description: '占道经营堵塞消防通道',
        location: { lng: grid.centroid[0], lat: grid.centroid[1] },
      },
    });
    const id = reported.json().case.id as number;
    const street = await actorOf(cookies.street);
    const whistledAt = new Date(Date.now() - 5 * 3600_000);
    await transitionCase(t, street, id, { action: 'accept' });
    await transitionCase(
      t,
      street,
      id,
      {
        action: 'whistle',
        reportInHours: 2,
        orgs: [
          { orgCode: LEAD, role: 'lead' },
          { orgCode: HELPER, role: 'helper' },
        ],
      },
      whistledAt,
    );
    await transitionCase(
      t,
      await actorOf(cookies.lead),
      id,
      { action: 'report_in' },
      new Date(whistledAt.getTime() + 3600_000),
    );
    expect(await escalateMissedReportIns(t)).toBe(1);
    await t.events.drain();

    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    await useSession(page, base, cookies.street);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('names the department that has not reported in, its deadline and how late it is', async () => {
    const text = await board();
    expect(text).toContain('部门超时未报到');
    expect(text).toMatch(new RegExp(`${helperName} 未报到：时限 .+，已超时 3 小时 \\d+ 分`));
    expect(text).not.toContain((await findOrg(t.db, LEAD))?.name as string);
    await page.screenshot({ path: path.join(shots, 'report-in-overdue-01-board.png') });
  });

  it('shows the report-in that came after the deadline as late, on the board and in the timeline', async () => {
    const id = (await t.db.query<{ id: number }>('SELECT max(id)::int AS id FROM cases_cases'))[0]?.id as number;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      headers: { cookie: cookies.helper },
      payload: { action: 'report_in' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await board()).toMatch(new RegExp(`${helperName} 迟报到：时限 .+，.+ 报到，迟到 3 小时 \\d+ 分`));
    await page.getByTestId('case-table').getByText('违法建设').first().click();
    const timeline = page.getByTestId('case-timeline');
    await timeline.waitFor();
    await settled(page.locator('body'));
    expect(await timeline.textContent()).toContain(`超时未报到 ${helperName}（报到时限`);
    expect(await timeline.textContent()).toContain(`${helperName} · 超时报到（时限`);
    await page.screenshot({ path: path.join(shots, 'report-in-overdue-02-late.png') });
  });
});
