import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { oncePerRun } from '../../server/src/test/templates.js';

/** Debian's Chromium, never a downloaded one; browser tests skip, and say so, where it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn('[shanzhi tests] browser tests skipped: /usr/bin/chromium not found (apt-get install chromium)');

export const root = path.join(import.meta.dirname, '../..');
/** Screenshots for a person to look at after the run. */
export const shots = path.join(root, 'test-artifacts/screenshots');

/** Browser test files run in parallel: one builds a missing console while the others wait, in any order. */
export async function buildConsoleIfMissing(): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await oncePerRun('console', async () => {
    if (existsSync(path.join(root, 'web/dist/index.html'))) return true;
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
    return true;
  });
}

/** The flags keep a headless Chromium from reaching for the network this machine does not have. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Waits for the CSS animations under the locator (a drawer sliding in, a modal fading, a bar filling) to end, so a
 * screenshot or a click meets the settled page. Endless ones — a button's loading spinner, a pulsing alarm ring —
 * never end, so they are not waited for.
 */
export async function settled(locator: Locator): Promise<void> {
  await locator.evaluate((el) =>
    Promise.all(
      el
        .getAnimations({ subtree: true })
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Waits until the canvases under the locator draw the same picture twice in a row: a chart's bars have finished
 * growing in. Canvas animations (ECharts) are no CSS animations, so `settled` does not see them.
 */
export async function chartsStill(locator: Locator): Promise<void> {
  let last: string | undefined;
  await expect
    .poll(
      async () => {
        const now = (
          await locator
            .locator('canvas')
            .evaluateAll((canvases) => canvases.map((c) => (c as HTMLCanvasElement).toDataURL()))
        ).join();
        const still = now === last;
        last = now;
        return still;
      },
      { interval: 250 },
    )
    .toBe(true);
}

/** What the phone keeps in its own IndexedDB: reports and visits waiting to be sent, household books. */
export function keptOnPhone(page: Page): Promise<{ reports: number; visits: number; books: number }> {
  return page.evaluate(
    () =>
      new Promise<{ reports: number; visits: number; books: number }>((resolve, reject) => {
        const open = indexedDB.open('shanzhi-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['reports', 'visits', 'books'], 'readonly');
          const [reports, visits, books] = ['reports', 'visits', 'books'].map((s) => tx.objectStore(s).count());
          tx.oncomplete = () => {
            open.result.close();
            resolve({
              reports: reports?.result ?? 0,
              visits: visits?.result ?? 0,
              books: books?.result ?? 0,
            });
          };
        };
      }),
  );
}

/** Signs in on the console's sign-in form, which every console page shows to someone not signed in. */
export async function consoleSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/**
 * Hands a browser context the session of a user the test signed in over the API (`t.userCookie`), so a page opens
 * already signed in as them.
 */
export async function useSession(page: Page, base: string, cookie: string): Promise<void> {
  const [name, value] = (cookie.split(';')[0] ?? '').split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: base }]);
}
