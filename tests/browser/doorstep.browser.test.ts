import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../server/src/core/id-number.js';
import { squareAround, startTestApp, TEST_PASSWORD, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots } from '../support/browser.js';

/**
 * 入户走访 on the grid worker's phone in a real browser: the household book is kept on the phone, a visit recorded
 * without a connection shows at once as waiting and reaches the server exactly once when the connection returns;
 * a stale change of use, made offline while a colleague changed the same household, is refused and redone.
 * Screenshots land in test-artifacts/ for a person to look at.
 */

const withCheck = (first17: string) => first17 + checkCharacter(first17);
const BUILDING = '和平里 3 栋';
const OLD_RESIDENT = { name: '张守田', id: withCheck('37098319700312351'), phone: '13905381234' };
const NEWCOMER = { name: '李新来', id: withCheck('37098319950618362'), phone: '13805387788' };

let t: TestApp;
let browser: Browser;
let base: string;
let gridCode: string;
let communityCookie: string;
const households: Record<string, number> = {};
let oldResidentId: number;
const contexts: BrowserContext[] = [];
let worker: Page;
let workerContext: BrowserContext;

async function call<T>(method: 'GET' | 'POST', url: string, cookie: string, payload?: object): Promise<T> {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.body}`);
  return res.json() as T;
}

const visitsTo = async (room: string) =>
  (
    await call<{ items: { useAfter: string }[] }>(
      'GET',
      `/api/registry/households/${households[room]}/visits`,
      communityCookie,
    )
  ).items;

const square = (at: [number, number]) => squareAround(at, 0.0001);

async function shot(page: Page, name: string) {
  // a toast would hide what the picture is for; popups finish sliding in
  await page.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
  await settled(page.locator('body'));
  await page.screenshot({ path: path.join(shots, `doorstep-${name}.png`) });
}

async function phone(username: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${base}/m`);
  await page.getByTestId('sign-in-mode').click();
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(TEST_PASSWORD);
  await page.getByTestId('staff-sign-in').click();
  await page.getByTestId('phone-tab-households').click();
  await page.getByTestId('doorstep-buildings').getByText(BUILDING).waitFor();
  return { page, context };
}

async function openHousehold(page: Page, room: string) {
  await page.getByTestId('doorstep-buildings').getByText(BUILDING).click();
  await page.getByTestId(`doorstep-household-${room}`).click();
  await page.getByTestId('doorstep-household').waitFor();
}

const back = (page: Page) => page.locator('.sz-phone-subnav .adm-nav-bar-back').click();
const tabBadge = (page: Page) =>
  page.locator('.adm-tab-bar-item').filter({ hasText: '入户' }).locator('.adm-badge-content');
/** What the phone keeps in its own database: household books and unsent visits, of anyone who signed in on it. */
const keptOnPhone = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ books: number; visits: number }>((resolve, reject) => {
        const open = indexedDB.open('shanzhi-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['books', 'visits'], 'readonly');
          const books = tx.objectStore('books').count();
          const visits = tx.objectStore('visits').count();
          tx.oncomplete = () => {
            open.result.close();
            resolve({ books: books.result, visits: visits.result });
          };
        };
      }),
  );
const chooseUse = (page: Page, label: string) =>
  page.getByTestId('doorstep-use').getByText(label, { exact: true }).click();

describe.skipIf(!hasChromium)('the doorstep visit on the grid worker phone in Chromium', () => {
  beforeAll(async () => {
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const grids = await call<{ features: { properties: { code: string } }[] }>(
      'GET',
      '/api/geo/regions/370983002001/grids',
      t.adminCookie,
    );
    gridCode = grids.features[0]?.properties.code as string;
    const { grid } = await call<{ grid: { centroid: [number, number] } }>(
      'GET',
      `/api/geo/grids/${gridCode}`,
      t.adminCookie,
    );
    communityCookie = await t.userCookie('community_staff', gridCode.slice(0, 12), 'door.cs');
    await t.userCookie('grid_worker', gridCode, 'door.gw');
    await t.userCookie('grid_worker', gridCode, 'door.gw2');

    const building = await call<{ id: number }>('POST', '/api/registry/buildings', communityCookie, {
      name: BUILDING,
      address: '南关社区和平里小区 3 栋',
      compound: '和平里小区',
      footprint: square(grid.centroid),
      floors: 6,
    });
    for (const room of ['101', '102']) {
      const household = await call<{ id: number }>(
        'POST',
        `/api/registry/buildings/${building.id}/households`,
        communityCookie,
        { unit: '1', room, use: 'owner_occupied' },
      );
      households[room] = household.id;
    }
    const resident = await call<{ id: number }>('POST', '/api/registry/people', communityCookie, {
      name: OLD_RESIDENT.name,
      idNumber: OLD_RESIDENT.id,
      phone: OLD_RESIDENT.phone,
      householdId: households['101'],
      registered: true,
    });
    oldResidentId = resident.id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.stop();
  });

  it('opens the household book of the grid: the building, its households and their residents, masked', async () => {
    ({ page: worker, context: workerContext } = await phone('door.gw'));
    expect(await worker.getByTestId('doorstep-book').textContent()).toContain('台账更新于');
    expect(await worker.getByTestId('doorstep-buildings').textContent()).toContain('已走访 0/2 户');
    await shot(worker, '01-buildings');
    await openHousehold(worker, '101');
    const residents = worker.getByTestId('doorstep-residents');
    expect(await residents.textContent()).toContain(OLD_RESIDENT.name);
    expect(await residents.textContent()).toContain(`370983********${OLD_RESIDENT.id.slice(-4)}`);
    expect(await worker.content()).not.toContain(OLD_RESIDENT.id);
    await shot(worker, '02-household');
  });

  it('records a visit offline: it waits on the phone and the book shows it at once', async () => {
    await workerContext.setOffline(true);
    await chooseUse(worker, '出租');
    await worker.getByTestId(`moved-out-${oldResidentId}`).click();
    await worker.getByTestId('doorstep-add-newcomer').click();
    const sheet = worker.getByTestId('doorstep-newcomer-sheet');
    await sheet.getByTestId('newcomer-name').locator('input').fill(NEWCOMER.name);
    await sheet
      .getByTestId('newcomer-id')
      .locator('input')
      .fill(`${NEWCOMER.id.slice(0, 17)}${NEWCOMER.id[17] === '1' ? '2' : '1'}`);
    await sheet.getByTestId('newcomer-phone').locator('input').fill(NEWCOMER.phone);
    await sheet.getByTestId('newcomer-tags').getByText('快递员', { exact: true }).click();
    await worker.getByTestId('newcomer-add').click();
    // the phone checks the ID number's check character itself: offline, the server would only say so much later
    await expect.poll(() => worker.getByTestId('newcomer-error').textContent()).toContain('校验位');
    await shot(worker, '03-newcomer-check-digit');
    await sheet.getByTestId('newcomer-id').locator('input').fill(NEWCOMER.id);
    await worker.getByTestId('newcomer-add').click();
    await expect.poll(() => worker.getByTestId('doorstep-newcomers').textContent()).toContain(NEWCOMER.name);
    await worker.getByTestId('doorstep-note').locator('textarea').fill('原住户已搬走，新租户入住');
    await shot(worker, '04-visit-form');
    await worker.getByTestId('doorstep-save').click();
    await worker.getByText('走访已保存为待发送').waitFor();

    await worker.getByTestId('doorstep-household-101').getByTestId('doorstep-waiting').waitFor();
    await expect.poll(() => tabBadge(worker).textContent()).toBe('1');
    expect(await worker.getByTestId('doorstep-household-101').textContent()).toContain('出租');
    await shot(worker, '05-waiting');
    await worker.getByTestId('doorstep-household-101').click();
    const residents = worker.getByTestId('doorstep-residents');
    await expect.poll(() => residents.textContent()).toContain(NEWCOMER.name);
    expect(await residents.textContent()).not.toContain(OLD_RESIDENT.name);
    expect(await residents.textContent()).toContain(`370983********${NEWCOMER.id.slice(-4)}`);
    await shot(worker, '06-waiting-household');
    await back(worker);
    await back(worker);
    expect(await worker.getByTestId('doorstep-outbox').textContent()).toContain('待发送');
    expect(await visitsTo('101')).toHaveLength(0);
  });

  it('back online, the visit arrives exactly once and the waiting marker goes', async () => {
    await workerContext.setOffline(false);
    await expect.poll(() => worker.getByTestId('doorstep-outbox').count()).toBe(0);
    expect(await visitsTo('101')).toHaveLength(1);
    const found = await call<{ items: { id: number; household: { use: string } }[] }>(
      'GET',
      `/api/registry/people?name=${encodeURIComponent(NEWCOMER.name)}`,
      communityCookie,
    );
    expect(found.items).toHaveLength(1);
    expect(found.items[0]?.household.use).toBe('rented');
    const old = await call<{ movedOutAt: string | null }>(
      'GET',
      `/api/registry/people/${oldResidentId}`,
      communityCookie,
    );
    expect(old.movedOutAt).toEqual(expect.any(String));

    await worker.getByTestId('doorstep-buildings').getByText(BUILDING).click();
    const row = worker.getByTestId('doorstep-household-101');
    await expect.poll(() => row.getByTestId('doorstep-waiting').count()).toBe(0);
    expect(await row.textContent()).toContain('走访于');
    expect(await tabBadge(worker).count()).toBe(0);
    await shot(worker, '07-sent');

    // a new start sends nothing again
    await worker.reload();
    await worker.getByTestId('phone-tab-households').click();
    await worker.getByTestId('doorstep-buildings').waitFor();
    // a start sends what the phone keeps, and it keeps no visit now
    expect((await keptOnPhone(worker)).visits).toBe(0);
    expect(await visitsTo('101')).toHaveLength(1);
  });

  it('a stale offline change of use is refused when a colleague changed the household first, and is redone', async () => {
    await openHousehold(worker, '102');
    await workerContext.setOffline(true);
    await chooseUse(worker, '空置');
    await worker.getByTestId('doorstep-save').click();
    await worker.getByTestId('doorstep-household-102').getByTestId('doorstep-waiting').waitFor();

    const { page: colleague } = await phone('door.gw2');
    await openHousehold(colleague, '102');
    await chooseUse(colleague, '商用');
    await colleague.getByTestId('doorstep-save').click();
    await colleague.getByText('走访已提交').waitFor();
    expect((await visitsTo('102')).map((v) => v.useAfter)).toEqual(['commercial']);

    await workerContext.setOffline(false);
    const row = worker.getByTestId('doorstep-household-102');
    await row.getByTestId('doorstep-refused').waitFor();
    await back(worker);
    const outbox = worker.getByTestId('doorstep-outbox');
    await expect.poll(() => outbox.textContent()).toContain('该房屋已被他人更新');
    expect(await tabBadge(worker).textContent()).toBe('1');
    await shot(worker, '08-refused');
    expect((await visitsTo('102')).map((v) => v.useAfter)).toEqual(['commercial']);

    await outbox.getByRole('button', { name: '刷新并重新走访' }).click();
    await worker.getByTestId('doorstep-household').waitFor();
    // the form starts from the colleague's change, for the worker to look at again
    expect(await worker.getByTestId('doorstep-household').textContent()).toContain('商用');
    await shot(worker, '09-redo');
    await chooseUse(worker, '空置');
    await worker.getByTestId('doorstep-save').click();
    await worker.getByText('走访已提交').waitFor();
    await back(worker);
    await expect.poll(() => worker.getByTestId('doorstep-outbox').count()).toBe(0);
    expect((await visitsTo('102')).map((v) => v.useAfter).sort()).toEqual(['commercial', 'vacant']);
    await shot(worker, '10-redone');
  });

  it('signing out offline asks about a waiting visit, leaves neither book nor visit on the phone, and ends the session once online', async () => {
    await workerContext.setOffline(true);
    await openHousehold(worker, '101');
    await worker.getByTestId('doorstep-note').locator('textarea').fill('复访：无人应门');
    await worker.getByTestId('doorstep-save').click();
    await worker.getByTestId('doorstep-household-101').getByTestId('doorstep-waiting').waitFor();
    expect(await keptOnPhone(worker)).toEqual({ books: 1, visits: 1 });

    await worker.getByTestId('phone-tab-me').click();
    await worker.getByTestId('phone-sign-out').click();
    const dialog = worker.locator('.adm-dialog');
    await expect.poll(() => dialog.textContent()).toContain('还有 1 条走访未发送');
    await shot(worker, '11-sign-out-waiting');
    await dialog.getByText('先不退出', { exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await keptOnPhone(worker)).toEqual({ books: 1, visits: 1 });
    expect(await worker.getByTestId('gw-me').isVisible()).toBe(true);

    await worker.getByTestId('phone-sign-out').click();
    await dialog.getByText('删除并退出', { exact: true }).click();
    await worker.getByTestId('phone-sign-in').waitFor();
    expect(await keptOnPhone(worker)).toEqual({ books: 0, visits: 0 });

    // the server could not be told offline; it is, as soon as the connection is back, and the session is over
    const cookie = (await workerContext.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie } })).statusCode).toBe(200);
    await workerContext.setOffline(false);
    await expect
      .poll(
        async () => (await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie } })).statusCode,
      )
      .toBe(401);
    await worker.reload();
    await worker.getByTestId('phone-sign-in').waitFor();
    expect(await visitsTo('101')).toHaveLength(1);
  });
});
