import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots, useSession } from '../support/browser.js';

/**
 * The region tree's fourth level in a real browser: 肥城市 → 新城街道 → 赵庄社区 opens onto its compounds, 教师村小区
 * first, each marked 小区; picking one shows its grids and a grid's drawer names the compound.
 */

let t: TestApp;
let browser: Browser;
let page: Page;

describe.skipIf(!hasChromium)('the region tree’s fourth level in Chromium', () => {
  beforeAll(async () => {
    await buildConsoleIfMissing();
    t = await startTestApp({ grids: ['370983'], serveWeb: true });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await useSession(page, base, t.adminCookie);
    await page.goto(base);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows 赵庄社区’s compounds by name, marked as such', async () => {
    const tree = page.getByTestId('region-tree');
    for (const name of ['肥城市', '新城街道', '赵庄社区居委会']) {
      await tree.locator('.sz-tree-title', { hasText: name }).first().click();
      await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toContain(name);
    }
    const teachers = tree.locator('.sz-tree-title', { hasText: '教师村小区' });
    await teachers.waitFor();
    expect(await teachers.locator('.sz-tree-level').textContent()).toBe('小区');
    await teachers.click();
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toContain('教师村小区');
    await settled(tree);
    await page.screenshot({ path: path.join(shots, 'geo-fourth-level.png') });
  });
});
