import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots, useSession } from '../support/browser.js';

/**
 * 工作日历 in a real browser: the district administrator sees in red that 2027's holidays are not loaded, pastes a
 * notice, reads it back by festival, loads it, and the warning for 2027 goes.
 */

const NOTICE = readFileSync(
  path.join(import.meta.dirname, '../../server/src/modules/cases/test/fixtures/notice-2027-hypothetical.txt'),
  'utf8',
);

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;

async function shot(name: string) {
  await settled(page.locator('body'));
  await page.screenshot({ path: path.join(shots, `calendar-${name}.png`) });
}

describe.skipIf(!hasChromium)('工作日历 in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await useSession(page, base, t.adminCookie);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('says in red which years deadlines reach that nobody loaded', async () => {
    await page.goto(`${base}/calendar`);
    const missing = page.getByTestId('calendar-missing');
    await expect.poll(() => missing.textContent()).toContain('2027');
    expect(await page.getByTestId('calendar-years').textContent()).toContain('内置数据');
    await shot('01-missing');
  });

  it('reads a pasted notice back by festival before loading it', async () => {
    await page.getByTestId('calendar-year-input').fill('2027');
    await page.getByTestId('calendar-notice').fill(NOTICE);
    await page.getByTestId('calendar-read').click();
    const preview = page.getByTestId('calendar-preview');
    await expect.poll(() => preview.textContent()).toContain('春节 2027-02-05 至 2027-02-13（9 天）');
    expect(await preview.textContent()).toContain('2027-02-14（春节）');
    await shot('02-preview');
  });

  it('loads it: 2027 is listed as from the notice and no longer missing', async () => {
    await page.getByTestId('calendar-store').click();
    await page.getByText('已载入 2027 年：放假 12 天、调休上班 1 天').waitFor();
    const years = page.getByTestId('calendar-years');
    await expect.poll(() => years.locator('tbody tr').first().textContent()).toContain('国务院通知');
    await expect
      .poll(async () =>
        (await page.getByTestId('calendar-missing').count())
          ? await page.getByTestId('calendar-missing').textContent()
          : '',
      )
      .not.toContain('2027');
    await shot('03-loaded');
  });
});
