import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Locator } from 'playwright-core';

/** Debian's Chromium, never a downloaded one; browser tests skip, and say so, where it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn('[shanzhi tests] browser tests skipped: /usr/bin/chromium not found (apt-get install chromium)');

export const root = path.join(import.meta.dirname, '../..');
/** Screenshots for a person to look at after the run. */
export const shots = path.join(root, 'test-artifacts/screenshots');

export async function buildConsoleIfMissing(): Promise<void> {
  mkdirSync(shots, { recursive: true });
  if (existsSync(path.join(root, 'web/dist/index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
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
