import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../server/src/core/id-number.js';
import { squareAround, startTestApp, TEST_PASSWORD, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots } from '../support/browser.js';

/**
 * The registry's own pages in a real browser: a grid's overview (its compound, its buildings with how far visiting
 * has got), a building's units and households, and one resident's page, masked throughout; then in English. Then
 * what hangs off a building (its facilities, the cases reported beside it, each opening on the cases page), the
 * buildings narrowed by a search, a compound edited, people found by address, and one person's record exported and
 * erased by a district administrator, who alone is offered either.
 * Screenshots land in test-artifacts/ for a person to look at.
 */

const COMMUNITY = '370983002001';
const STAFF = 'reg.pages';
const ADDRESS = '老城街道南关社区 9 栋';
const COMPOUND = '南关花园';
const COMPANY = '鲁南物业';
const withCheck = (first17: string) => first17 + checkCharacter(first17);
const LI = { name: '李明', idNumber: withCheck('37098319800101001'), phone: '13812345678' };
const WANG = { name: '王芳', idNumber: withCheck('37098319850505002'), phone: '13987654321' };
const ZHAO = { name: '赵强', idNumber: withCheck('37098319450707003') };
const SUN = { name: '孙丽', idNumber: withCheck('37098320000909004') };
const EVERY_ID = [LI.idNumber, WANG.idNumber, ZHAO.idNumber, SUN.idNumber, LI.phone, WANG.phone];
const NOTE = '入户核实，新增住户一人';
const OTHER_ADDRESS = '老城街道南关社区 12 栋';
const CHARGER = '9 栋东侧充电桩';
const CASE_TEXT = '9 栋东侧楼道堆放杂物，影响通行';
const NEW_COMPANY = '鲁南优家物业';
const ADMIN = 'reg.admin';

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;
let gridCode: string;
let gridName: string;
let liId: number;
let centre: [number, number];
let reportedCase: { id: number; number: string };

async function call<T>(cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = {}) {
  const res = await t.app.inject({ method, url, payload, headers: { cookie, ...headers } });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A compound of one building, two units, three households and four residents, one household visited. */
async function recordCompound(staff: string, at: [number, number]) {
  const post = <T>(url: string, body: object) => call<T>(staff, 'POST', `/api/registry${url}`, body);
  const { id: buildingId } = await post<{ id: number }>('/buildings', {
    name: '9 栋',
    address: ADDRESS,
    compound: COMPOUND,
    footprint: squareAround(at),
    floors: 6,
  });
  const household = async (unit: string, room: string, use: string) =>
    (await post<{ id: number }>(`/buildings/${buildingId}/households`, { unit, room, use })).id;
  const h301 = await household('1', '301', 'vacant');
  await household('1', '302', 'rented');
  const h101 = await household('2', '101', 'owner_occupied');
  const person = async (body: object) => (await post<{ id: number }>('/people', body)).id;
  liId = await person({
    ...LI,
    householdId: h301,
    registered: true,
    tags: [{ tag: 'party_member', detail: '2001 年入党' }],
  });
  await person({ ...WANG, householdId: h301, registered: false });
  await person({ ...ZHAO, householdId: h101, registered: true });

  const { compoundId } = await call<{ compoundId: number }>(staff, 'GET', `/api/registry/buildings/${buildingId}`);
  await call(staff, 'PATCH', `/api/registry/compounds/${compoundId}`, { propertyCompany: COMPANY });

  const { units } = await call<{ units: { households: { id: number; version: number }[] }[] }>(
    staff,
    'GET',
    `/api/registry/buildings/${buildingId}/households`,
  );
  const version = units.flatMap((u) => u.households).find((h) => h.id === h301)?.version ?? 1;
  await call(
    staff,
    'POST',
    `/api/registry/households/${h301}/visits`,
    {
      recordedAt: new Date().toISOString(),
      baseVersion: version,
      use: 'owner_occupied',
      note: NOTE,
      newResidents: [{ ...SUN, registered: true }],
    },
    { 'idempotency-key': randomUUID() },
  );
  // a second building, outside the compound, for the search to leave out
  await post('/buildings', {
    name: '12 栋',
    address: OTHER_ADDRESS,
    footprint: squareAround([at[0] - 0.0007, at[1]], 0.0001),
    floors: 4,
  });
  return { buildingId };
}

/** A case reported on the hotline just east of the building, and an e-bike charger recorded in it. */
async function reportAround(admin: string, buildingId: number, [x, y]: [number, number]) {
  const { case: reported } = await call<{ case: { id: number; number: string } }>(admin, 'POST', '/api/cases', {
    categoryCode: 'S05',
    description: CASE_TEXT,
    location: { lng: x + 0.0003, lat: y },
    viaHotline: true,
    contact: { name: '张红', phone: '13905380002' },
  });
  await call(admin, 'POST', '/api/registry/facilities', {
    kind: 'ebike_charger',
    name: CHARGER,
    location: { lng: x, lat: y },
    buildingId,
  });
  return reported;
}

async function shot2(on: Page, name: string) {
  await on.screenshot({ path: path.join(shots, `registry-pages-${name}.png`) });
}

const shot = (name: string) => shot2(page, name);

/** Nothing on the page, anywhere, shows an ID number or phone in full. */
async function expectNothingInFull() {
  const text = await page.evaluate(() => document.body.textContent ?? '');
  for (const secret of EVERY_ID) expect(text).not.toContain(secret);
}

describe.skipIf(!hasChromium)('the registry pages in Chromium', () => {
  beforeAll(async () => {
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: ['370983'] });
    const admin = t.adminCookie;
    const grids = await call<{ features: { properties: { code: string; name: string } }[] }>(
      admin,
      'GET',
      `/api/geo/regions/${COMMUNITY}/grids`,
    );
    const grid = grids.features[0]?.properties;
    if (!grid) throw new Error(`no grids in ${COMMUNITY}`);
    ({ code: gridCode, name: gridName } = grid);
    centre = (await call<{ grid: { centroid: [number, number] } }>(admin, 'GET', `/api/geo/grids/${gridCode}`)).grid
      .centroid;
    const { buildingId } = await recordCompound(await t.userCookie('community_staff', COMMUNITY, STAFF), centre);
    reportedCase = await reportAround(admin, buildingId, centre);

    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    // Straight to the grid's overview, as a shared link would: the sign-in keeps the address.
    await page.goto(`${base}/registry/areas/${gridCode}`);
    await page.getByLabel('用户名').fill(STAFF);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('area-page').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows a grid’s overview: figures, its compound on a map and in a list, its buildings with visiting progress', async () => {
    await expect.poll(() => page.getByTestId('area-title').textContent()).toContain(`${gridName} · 概况`);
    await expect.poll(() => page.getByTestId('summary-people').textContent()).toContain('4');
    await page.getByTestId('tag-chart').waitFor();

    const compound = page.getByTestId('compound-list').locator('tbody tr').filter({ hasText: COMPOUND });
    await expect.poll(() => compound.textContent()).toContain(COMPANY);
    // 1 building, 3 households, 4 people; community staff may edit it
    expect(await compound.locator('td').allTextContents()).toEqual([COMPOUND, COMPANY, '1', '3', '4', '']);
    expect(await compound.getByTestId('compound-edit').count()).toBe(1);
    await page.locator('[data-testid=compound-map][data-ready="1"]').waitFor();
    expect(await page.getByTestId('compound-map').textContent()).toContain(COMPOUND);

    const building = page.getByTestId('area-buildings').locator('tbody tr').filter({ hasText: '9 栋' });
    await expect.poll(() => building.getByTestId('visit-progress').textContent()).toBe('1/3');
    expect(await building.textContent()).toContain(ADDRESS);
    // a grid has no child areas to compare
    expect(await page.getByTestId('situation-panel').count()).toBe(0);
    await shot('01-area');
    await building.scrollIntoViewIfNeeded();
    await shot('01b-area-buildings');
  });

  it('opens the building from the list: its compound, units and households with residents masked', async () => {
    await page.getByTestId('area-buildings').locator('tbody tr').filter({ hasText: '9 栋' }).click();
    const drawer = page.getByTestId('building-drawer');
    await expect.poll(() => drawer.getByTestId('compound-facts').textContent()).toContain(COMPANY);
    expect(await drawer.getByTestId('compound-facts').textContent()).toContain('1 栋楼 · 3 户 · 4 人');

    const units = drawer.getByTestId('unit');
    await expect.poll(() => units.count()).toBe(2);
    expect(await units.first().textContent()).toContain('1 单元');
    expect(await units.nth(1).textContent()).toContain('2 单元');

    const h301 = units.first().getByTestId('household').filter({ hasText: '301 室' });
    const h302 = units.first().getByTestId('household').filter({ hasText: '302 室' });
    expect(await h301.textContent()).toContain('自住'); // changed at the visit from vacant
    expect(await h301.textContent()).toMatch(/走访 \d{4}/);
    expect(await h302.textContent()).toContain('出租');
    expect(await h302.textContent()).toContain('未走访');
    expect(await h302.textContent()).toContain('无登记住户');
    expect(await h301.getByTestId('resident').count()).toBe(3); // 李明, 王芳 and the newcomer 孙丽

    const li = h301.getByTestId('resident').filter({ hasText: LI.name });
    const liText = await li.textContent();
    expect(liText).toMatch(/370983\*+/);
    expect(liText).toContain('138****5678');
    expect(liText).toContain('党员');
    expect(liText).toMatch(/男 · \d+ 岁/);
    expect(await h301.getByTestId('resident').filter({ hasText: WANG.name }).textContent()).toContain('流动人口');

    const facility = drawer.getByTestId('building-facility');
    await expect.poll(() => facility.count()).toBe(1);
    expect(await facility.textContent()).toBe(`电动车充电桩${CHARGER}在用`);
    const reported = drawer.getByTestId('building-case');
    await expect.poll(() => reported.count()).toBe(1);
    const caseText = await reported.textContent();
    for (const part of [reportedCase.number, '环境卫生', '已上报', CASE_TEXT]) expect(caseText).toContain(part);
    expect(caseText).toMatch(/\d{4}\/\d{2}\/\d{2}/);
    await expectNothingInFull();
    await settled(drawer);
    await shot('02-building-drawer');
  });

  it('opens a resident’s page at its own address, masked, with household, members and visits', async () => {
    await page.getByTestId('building-drawer').getByTestId('resident-link').filter({ hasText: LI.name }).click();
    await page.getByTestId('person-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/registry/people/${liId}`);

    const facts = page.getByTestId('person-facts');
    await expect.poll(() => facts.getByTestId('masked-idNumber').textContent()).toMatch(/^370983\*+/);
    expect(await facts.getByTestId('masked-phone').textContent()).toBe('138****5678');
    expect(await facts.textContent()).toContain('1980-01-01（');
    expect(await facts.textContent()).toContain('户籍人口');
    // the grid by its name, its code on hover
    await expect.poll(() => facts.getByTestId('area-name').textContent()).toBe(gridName);
    expect(await facts.getByTestId('area-name').getAttribute('data-code')).toBe(gridCode);
    expect(await page.getByTestId('moved-out').count()).toBe(0);
    const tags = await page.getByTestId('person-tags').textContent();
    expect(tags).toContain('党员');
    expect(tags).toContain('2001 年入党');

    const home = await page.getByTestId('person-household').textContent();
    expect(home).toContain(ADDRESS);
    expect(home).toContain('1 单元');
    expect(home).toContain('301');
    expect(home).toContain('自住');
    const members = page.getByTestId('household-members');
    await expect.poll(() => members.getByTestId('resident').count()).toBe(2);
    expect(await members.textContent()).toContain(WANG.name);
    expect(await members.textContent()).toContain(SUN.name);
    expect(await members.textContent()).not.toContain(LI.name);

    const visit = page.getByTestId('household-visits').locator('tbody tr');
    await expect.poll(() => visit.count()).toBe(1);
    const cells = await visit.locator('td').allTextContents();
    expect(cells[2]).toBe('空置自住');
    expect(cells.slice(3)).toEqual([NOTE, '0', '1']);
    await expectNothingInFull();
    await shot('03-person');
  });

  it('adds a tag with its reason and removes it again, while the age tag stays out of reach', async () => {
    const tags = page.getByTestId('person-tags');
    await page.getByTestId('add-tag').click();
    const dialog = page.getByRole('dialog');
    await settled(dialog);
    await page.getByTestId('add-tag-tag').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '低保' }).click();
    await page.getByTestId('add-tag-detail').fill('2026 年 11 月起');
    await page.getByTestId('add-tag-submit').click();
    await expect.poll(() => dialog.textContent()).toContain('请说明原因');
    await page.getByTestId('add-tag-reason').fill('民政低保审批通过');
    await shot('03b-add-tag');
    await page.getByTestId('add-tag-submit').click();
    await expect.poll(() => tags.textContent()).toContain('2026 年 11 月起');
    expect(await tags.locator('tr').filter({ hasText: '低保' }).textContent()).toContain('测试community_staff');

    await page.getByTestId('untag-low_income').click();
    await settled(page.getByRole('dialog'));
    await page.getByTestId('untag-reason').fill('家庭收入已超过低保标准');
    await page.getByTestId('untag-submit').click();
    await expect.poll(() => tags.textContent()).not.toContain('低保');
    expect(await tags.textContent()).toContain('党员');
    const [audit] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM core_audit WHERE subject = $1 AND detail->>'reason' IN ('民政低保审批通过', '家庭收入已超过低保标准')`,
      [`person:${liId}`],
    );
    expect(audit?.n).toBe(2);
  });

  it('keeps the person at their address across a reload, opens their building, and goes back to the overview', async () => {
    await page.reload();
    await expect
      .poll(() => page.getByTestId('person-facts').getByTestId('masked-phone').textContent())
      .toBe('138****5678');
    await page.getByTestId('open-building').click();
    const drawer = page.getByTestId('building-drawer');
    await expect.poll(() => drawer.getByTestId('unit').count()).toBe(2);
    await page.keyboard.press('Escape');
    await drawer.locator('.ant-drawer-content').waitFor({ state: 'hidden' });

    await page.goBack();
    await page.getByTestId('area-page').waitFor();
    await expect.poll(() => page.getByTestId('area-title').textContent()).toContain(gridName);
  });

  it('reads in English', async () => {
    await page.goForward();
    await page.getByTestId('person-page').waitFor();
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('person-page').textContent()).toContain('Others in the household');
    const home = await page.getByTestId('person-household').textContent();
    expect(home).toContain('Owner-occupied');
    const visit = await page.getByTestId('household-visits').locator('tbody tr td').allTextContents();
    expect(visit[2]).toBe('VacantOwner-occupied');
    expect(await page.getByTestId('person-facts').textContent()).toContain('Registered (hukou)');
    const text = await page.getByTestId('person-page').textContent();
    for (const chinese of ['同户人员', '走访记录', '所在房屋', '户籍人口']) expect(text).not.toContain(chinese);
    await expectNothingInFull();
    await shot('04-person-en');
  });

  it('leads from a grid on the map to the grid’s overview', async () => {
    await page.getByTestId('nav').getByText('Map').click();
    await page.getByTestId('region-tree').getByText('南关居委会').click();
    await page.waitForFunction(() => document.body.dataset.mapReady === '1', undefined, { timeout: 60_000 });
    const point = await page.evaluate(([x, y]) => window.__shanzhiMap?.project([x, y]), centre);
    const box = await page.locator('.sz-geo .maplibregl-canvas').boundingBox();
    if (!point || !box) throw new Error('the map is not on the page');
    await page.mouse.click(box.x + point.x, box.y + point.y);
    const drawer = page.getByTestId('grid-drawer');
    await expect.poll(() => drawer.getByTestId('grid-code').textContent()).toBe(gridCode);
    expect(await drawer.getByTestId('grid-overview').textContent()).toContain('Grid overview');
    await settled(drawer);
    await shot('05-grid-drawer');
    await drawer.getByTestId('grid-overview').click();

    await page.getByTestId('area-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/registry/areas/${gridCode}`);
    await expect.poll(() => page.getByTestId('area-title').textContent()).toContain(`${gridName} · overview`);
    const building = page.getByTestId('area-buildings').locator('tbody tr').filter({ hasText: '9 栋' });
    await expect.poll(() => building.getByTestId('visit-progress').textContent()).toBe('1/3');
    expect(await page.getByTestId('compound-list').textContent()).toContain('Property company');
    await shot('06-area-en');
  });

  it('narrows the buildings by address, building or compound, and edits the compound’s property company', async () => {
    await page.getByTestId('lang-switch').getByText('中文').click();
    const rows = page.getByTestId('area-buildings').locator('tbody tr');
    await expect.poll(() => rows.filter({ hasText: OTHER_ADDRESS }).count()).toBe(1);
    expect(await rows.count()).toBe(2);
    const search = page.getByTestId('building-search').locator('input');
    // the whole table at once, so a moment while the search runs is not taken for its answer
    const listed = async () =>
      (await rows.allTextContents()).map((row) =>
        row.includes(ADDRESS) ? 'ours' : row.includes(OTHER_ADDRESS) ? 'other' : row,
      );
    await search.fill(COMPOUND);
    await search.press('Enter');
    await expect.poll(listed).toEqual(['ours']);
    await page.getByTestId('area-buildings').scrollIntoViewIfNeeded();
    await shot('07-building-search');
    await search.fill('没有这个地址');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('area-buildings').textContent()).toContain('没有符合条件的楼栋');
    await search.fill('12 栋');
    await search.press('Enter');
    await expect.poll(listed).toEqual(['other']);

    const compound = page.getByTestId('compound-list').locator('tbody tr').filter({ hasText: COMPOUND });
    await compound.getByTestId('compound-edit').click();
    const company = page.getByTestId('compound-company');
    expect(await company.inputValue()).toBe(COMPANY);
    await company.fill(NEW_COMPANY);
    await page.getByTestId('compound-address').fill('老城街道南关路 18 号');
    await settled(page.locator('.ant-modal-root'));
    await shot('08-compound-edit');
    await page.getByTestId('compound-save').click();
    await expect.poll(() => compound.locator('td').nth(1).textContent()).toBe(NEW_COMPANY);
    await page.getByTestId('compound-form').waitFor({ state: 'detached' });
  });

  it('opens a case reported beside the building on the cases page', async () => {
    await page.getByTestId('building-search').locator('input').fill('');
    await page.getByTestId('building-search').locator('input').press('Enter');
    await page.getByTestId('area-buildings').locator('tbody tr').filter({ hasText: '9 栋' }).click();
    const drawer = page.getByTestId('building-drawer');
    // the compound's facts follow the edit
    await expect.poll(() => drawer.getByTestId('compound-facts').textContent()).toContain(NEW_COMPANY);
    const link = drawer.getByTestId('building-case-link');
    await expect.poll(() => link.textContent()).toBe(reportedCase.number);
    await drawer.getByTestId('building-cases').scrollIntoViewIfNeeded();
    await settled(drawer);
    await shot('09-building-facilities-cases');
    await link.click();

    const caseDrawer = page.getByTestId('case-drawer');
    await expect.poll(() => caseDrawer.textContent()).toContain(CASE_TEXT);
    expect(new URL(page.url()).pathname).toBe(`/cases/${reportedCase.id}`);
    expect(await caseDrawer.textContent()).toContain(reportedCase.number);
    await settled(caseDrawer);
    await shot('10-case-from-building');
  });

  it('finds a resident by the address they live at', async () => {
    await page.goto(`${base}/registry`);
    await page.getByTestId('registry-tabs').getByRole('tab', { name: '人员查询' }).click();
    await page.getByTestId('people-address').fill('南关社区 9 栋');
    await page.getByTestId('people-search').click();
    const rows = page.getByTestId('people-table').locator('tbody tr');
    await expect.poll(() => rows.filter({ hasText: LI.name }).count()).toBe(1);
    expect(await rows.count()).toBe(4);
    await page.getByTestId('people-address').fill('南关社区 12 栋');
    await page.getByTestId('people-search').click();
    await expect.poll(() => page.getByTestId('people-table').textContent()).toContain('未找到人员');
    await page.getByTestId('people-address').fill('南关社区 9 栋');
    await page.getByTestId('people-search').click();
    await expect.poll(() => rows.count()).toBe(4);
    await expectNothingInFull();
    await shot('11-people-by-address');
  });

  it('offers a person’s export and erasure to a district administrator, not to community staff', async () => {
    await page.goto(`${base}/registry/people/${liId}`);
    await expect.poll(() => page.getByTestId('person-facts').textContent()).toContain(LI.name);
    expect(await page.getByTestId('person-requests').count()).toBe(0);
    expect(await page.getByTestId('export-person').count()).toBe(0);
    expect(await page.getByTestId('erase-person').count()).toBe(0);

    await t.userCookie('district_admin', '370983', ADMIN);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const admin = await context.newPage();
    await admin.goto(`${base}/registry/people/${liId}`);
    await admin.getByLabel('用户名').fill(ADMIN);
    await admin.getByLabel('密码').fill(TEST_PASSWORD);
    await admin.getByTestId('sign-in-submit').click();
    await expect.poll(() => admin.getByTestId('person-facts').textContent()).toContain(LI.name);
    await admin.getByTestId('person-requests').waitFor();
    await shot2(admin, '12-person-admin');

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('export-person').click()]);
    expect(download.suggestedFilename()).toBe(`person-${liId}.json`);
    const record = JSON.parse(await readFile(await download.path(), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ id: liId, name: LI.name, idNumber: LI.idNumber, phone: LI.phone });

    await admin.getByTestId('erase-person').click();
    const dialog = admin.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('无法恢复');
    expect(await dialog.textContent()).toContain('审计记录');
    // a click while the modal still fades in can miss the button on a loaded machine
    await settled(dialog);
    await admin.getByTestId('erase-submit').click();
    await expect.poll(() => dialog.textContent()).toContain('请填写删除事由');
    await admin.getByTestId('erase-reason').fill('本人书面申请删除');
    await expect.poll(() => dialog.textContent()).not.toContain('请填写删除事由');
    await settled(admin.locator('.ant-modal-root'));
    await shot2(admin, '13-erase-modal');
    await admin.getByTestId('erase-submit').click();
    await expect.poll(() => admin.getByTestId('person-erased').textContent()).toContain(`${LI.name} 的个人信息已删除`);
    expect(await admin.getByTestId('person-facts').count()).toBe(0);
    await shot2(admin, '14-person-erased');
    // gone from the registry for everyone, the administrator too
    const after = await t.app.inject({ url: `/api/registry/people/${liId}`, headers: { cookie: t.adminCookie } });
    expect(after.statusCode).toBe(404);
    await context.close();
  });
});

declare global {
  interface Window {
    __shanzhiMap?: import('maplibre-gl').Map;
  }
}
