import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../server/src/core/id-number.js';
import { startTestApp, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, shots, useSession } from '../support/browser.js';

/**
 * 扫码反映问题，直达网格员: a resident who has never used Shanzhi scans the grid station's QR code, signs up with the
 * code texted to them (read from the development outbox, as a developer would), reports with a photo, and the grid
 * worker's phone — open all along — shows the report without a reload. Then, on 我的, they choose a password (proving
 * the number with a fresh code), give their real name, turn texts off and sign in again with number and password.
 * Screenshots land in test-artifacts/.
 */

const STREET = '370983002';
const PHONE = '13905386688';
const REPORT = '小区北门路灯不亮，晚上很黑';
const PASSWORD = 'Street-lamp-2026';
const ID_NUMBER = `37098319900307152${checkCharacter('37098319900307152')}`;

let t: TestApp;
let browser: Browser;
let base: string;
let gridCode: string;
let gridName: string;
let centroid: [number, number];
let photoDir: string;
const contexts: BrowserContext[] = [];

async function adminGet<T>(url: string): Promise<T> {
  const res = await t.app.inject({ url, headers: { cookie: t.adminCookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
  return res.json() as T;
}

/** The code last texted to PHONE, read from the development outbox as a developer would. */
async function lastCode(): Promise<string> {
  const outbox = await adminGet<{ items: { phoneMasked: string; text: string }[] }>('/api/admin/sms-outbox');
  const text = outbox.items.find((i) => i.phoneMasked === '139****6688')?.text ?? '';
  const code = text.match(/验证码是 (\d{6})/)?.[1] as string;
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    permissions: ['geolocation'],
    geolocation: { longitude: centroid[0], latitude: centroid[1] },
  });
  contexts.push(context);
  return context.newPage();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `signup-${name}.png`) });

describe.skipIf(!hasChromium)('a new resident from the grid QR code to the grid worker’s phone, in Chromium', () => {
  let worker: Page;
  let resident: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    photoDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-signup-'));
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await adminGet<{ features: { properties: { code: string } }[] }>(
      `/api/geo/regions/${STREET}001/grids`,
    );
    gridCode = grids.features[0]?.properties.code as string;
    const { grid } = await adminGet<{ grid: { name: string; centroid: [number, number] } }>(
      `/api/geo/grids/${gridCode}`,
    );
    gridName = grid.name;
    centroid = grid.centroid;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.stop();
    if (photoDir) rmSync(photoDir, { recursive: true, force: true });
  });

  it('the grid worker is on their phone, with the grid’s cases open', async () => {
    const cookie = await t.userCookie('grid_worker', gridCode, 'gw.signup');
    worker = await phonePage();
    await useSession(worker, base, cookie);
    await worker.goto(`${base}/m`);
    await worker.getByTestId('gw-box-all').click();
    await expect.poll(() => worker.getByText('暂无').count()).toBeGreaterThan(0);
    expect(await worker.getByText(REPORT).count()).toBe(0);
  });

  it('the QR code opens the grid by name; the resident signs up with the texted code', async () => {
    resident = await phonePage();
    await resident.goto(`${base}/m?grid=${gridCode}`);
    await expect.poll(() => resident.getByTestId('grid-card').textContent()).toContain(gridName);
    expect(await resident.getByTestId('grid-card').textContent()).toContain('扫码反映问题，直达网格员');
    // where the team can be found: the demo grid's station in its community's service centre
    expect(await resident.getByTestId('grid-card-station').textContent()).toContain(`${gridName}工作站`);
    await resident.getByPlaceholder('138 0000 0000').fill(PHONE);
    await resident.getByTestId('send-code').click();
    await expect.poll(() => resident.getByTestId('send-code').textContent()).toMatch(/秒后重发/);
    await shot(resident, '01-code-sent');

    await resident.getByPlaceholder('000000').fill(await lastCode());
    await resident.getByTestId('phone-sign-in').click();
    await resident.getByTestId('phone-submit').waitFor();
    await expect.poll(() => resident.getByTestId('grid-card').textContent()).toContain(gridName);
    await shot(resident, '02-signed-up');
  });

  it('reports with a photo, and the grid worker’s phone shows it live', async () => {
    const photo = path.join(photoDir, 'lamp.jpg');
    writeFileSync(
      photo,
      await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 40, g: 40, b: 60 } } })
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
    await resident.getByTestId('phone-category').click();
    await resident.getByTestId('category-sheet').getByText('物业服务', { exact: true }).click();
    await resident.getByTestId('category-sheet').waitFor({ state: 'hidden' });
    await resident.getByTestId('phone-description').locator('textarea').fill(REPORT);
    await resident.getByTestId('phone-photo-input').setInputFiles(photo);
    await resident.getByTestId('phone-upload').waitFor();
    // the photo is on the server (its tile stops showing progress) before the report that carries it goes
    await expect.poll(() => resident.locator('.sz-phone-tile-progress').count()).toBe(0);
    await shot(resident, '03-filled');
    await expect.poll(() => resident.getByTestId('phone-location').textContent()).toContain(gridName);
    await resident.getByTestId('phone-submit').click();
    await expect.poll(() => resident.getByText('已提交').count()).toBeGreaterThan(0);
    await shot(resident, '04-reported');

    // no reload: the message about the new report refreshes the worker's list
    await expect.poll(() => worker.getByTestId('gw-cases').textContent()).toContain(REPORT);
    await expect.poll(() => worker.getByTestId('notify-bell').locator('.adm-badge-content').textContent()).toBe('1');
    await shot(worker, '05-worker-sees-it');
    const [c] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases_media m JOIN cases_cases c ON c.id = m.case_id WHERE c.description = $1`,
      [REPORT],
    );
    expect(c?.n).toBe(1);
  });

  it('on 我的 the resident sets a password with a fresh code, and gives a real name the form checks', async () => {
    await resident.getByTestId('phone-tab-me').click();
    await expect.poll(() => resident.getByTestId('me-account').textContent()).toContain('139****6688');
    expect(await resident.getByTestId('me-password').textContent()).toContain('未设置');
    await resident.getByTestId('me-channel-sms').waitFor();
    await shot(resident, '06-me');

    await resident.getByTestId('me-password').click();
    const form = resident.getByTestId('me-password-form');
    await form.getByText('证明手机号是您本人的').waitFor();
    // the resend wait of the sign-up code passes without waiting
    await t.db.query(`UPDATE identity_phone_codes SET created_at = created_at - interval '2 minutes'`);
    await form.getByTestId('send-code').click();
    await expect.poll(() => form.getByTestId('send-code').textContent()).toMatch(/秒后重发/);
    await form.getByPlaceholder('000000').fill(await lastCode());
    await form.getByPlaceholder('新密码', { exact: true }).fill(PASSWORD);
    await form.getByPlaceholder('确认新密码').fill(PASSWORD);
    await shot(resident, '07-password');
    await resident.getByTestId('me-password-submit').click();
    await expect.poll(() => resident.getByTestId('me-password').textContent()).toContain('已设置');

    await resident.getByTestId('me-real-name').click();
    const realName = resident.getByTestId('me-real-name-form');
    await realName.getByPlaceholder('与身份证一致').fill('王秀兰');
    await realName
      .getByPlaceholder('18 位，末位可为 X')
      .fill(`${ID_NUMBER.slice(0, 17)}${ID_NUMBER[17] === '1' ? '2' : '1'}`);
    await resident.getByTestId('me-real-name-submit').click();
    await realName.getByText('身份证号校验位不符，请核对').waitFor();
    await shot(resident, '08-real-name-refused');
    await realName.getByPlaceholder('18 位，末位可为 X').fill(ID_NUMBER);
    await resident.getByTestId('me-real-name-submit').click();
    await expect.poll(() => resident.getByTestId('me-real-name').textContent()).toContain('王*兰');
    const shown = (await resident.getByTestId('me-real-name').textContent()) ?? '';
    expect(shown).toContain(`370983********${ID_NUMBER.slice(-4)}`);
    expect(shown).not.toContain(ID_NUMBER);

    await resident.getByTestId('me-channel-sms').click();
    await expect.poll(() => resident.getByTestId('me-channel-sms').getAttribute('aria-checked')).toBe('false');
    await resident.getByTestId('me-quiet-from').locator('input').fill('21:30');
    await resident.getByTestId('me-quiet-to').locator('input').focus();
    const saved = () =>
      t.db.query<{ sms: boolean; from: number }>('SELECT sms, quiet_from AS "from" FROM notify_preferences');
    await expect.poll(async () => (await saved())[0]).toEqual({ sms: false, from: 21 * 60 + 30 });
    await expect.poll(() => resident.getByTestId('me-notify').textContent()).toContain('火警不受免打扰限制');
    await shot(resident, '09-me-done');
  });

  it('signs out, and back in with number and password', async () => {
    await resident.getByTestId('phone-sign-out').click();
    await resident.getByTestId('sign-in-method').click();
    await resident.getByPlaceholder('138 0000 0000').fill(PHONE);
    await resident.getByPlaceholder('密码').fill('Not-my-password-1');
    await resident.getByTestId('phone-sign-in').click();
    await resident.getByText('手机号或密码错误').waitFor();
    await resident.getByPlaceholder('密码').fill(PASSWORD);
    await shot(resident, '10-password-sign-in');
    await resident.getByTestId('phone-sign-in').click();
    await resident.getByTestId('phone-submit').waitFor();
    await resident.getByTestId('phone-tab-me').click();
    await expect.poll(() => resident.getByTestId('me-real-name').textContent()).toContain('王*兰');
  });
});
