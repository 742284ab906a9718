import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulation, type SimDevice } from '../../scripts/simulator.js';
import { DEVICE_COLUMNS } from '../../server/src/modules/iot/commands/import-devices.js';
import { SERVICE_USER, servicePassword } from '../../server/src/modules/iot/index.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../server/src/test/support.js';
import { buildConsoleIfMissing, hasChromium, launchChromium, settled, shots } from '../support/browser.js';

/**
 * 智慧消防 in a real browser: a command-centre operator watches the board while the device simulator plays a real
 * fire over MQTT; the confirmed fire shows and sounds, is acknowledged, its escalation chain is read in the drawer
 * and its building is found on the map. A district administrator then registers a detector, sees its secret once, and
 * imports a file with a bad row, first all or nothing, then the valid rows only. Screenshots land in test-artifacts/
 * for a person to look at.
 */

const DISTRICT = '370983';
const COMMUNITY = '370983002001';
const OPERATOR = 'fire.operator';
const ADMIN = 'fire.admin';
const ADDRESS = '老城街道南关社区 9 栋';
/** The simulator lights the first floor with two smoke detectors: S1 first, then the heat detector confirms it. */
const DEVICES = [
  { code: 'FIRE-S1', kind: 'smoke', floor: 1 },
  { code: 'FIRE-S2', kind: 'smoke', floor: 1 },
  { code: 'FIRE-S3', kind: 'smoke', floor: 1 },
  { code: 'FIRE-S4', kind: 'smoke', floor: 2 },
  { code: 'FIRE-H1', kind: 'heat', floor: 1, heatClass: 'A2', heatMode: 'R' },
];

interface AlarmView {
  id: number;
  deviceCode: string;
  incidentId: number | null;
}

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;
let buildingId: number;
const centreMembers: Record<'here' | 'elsewhere', string> = { here: '', elsewhere: '' };

async function admin<T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
  const res = await t.app.inject({ method, url, headers: { cookie: t.adminCookie }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

function square([x, y]: [number, number], d: number) {
  const ring = [
    [x - d, y - d],
    [x + d, y - d],
    [x + d, y + d],
    [x - d, y + d],
    [x - d, y - d],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

/** The import template's header row (设备编号,设备类型,…,业主单位,…), as the server writes it. */
const TEMPLATE_HEADER = DEVICE_COLUMNS.map(([header]) => header).join(',');

// the fires (incidents, whose alarms open below their row) and the other alarms
const board = () => page.getByTestId('fire-board-panel');
const row = (id: number) => board().locator(`tr[data-alarm-id="${id}"]`);

/**
 * Waits for the CSS transitions under the locator (a drawer sliding in, a modal fading out) to end. One that is cancelled
 * (a field that appears while the form is still moving) rejects its promise, and has ended just the same.
 */

async function shot(name: string, on = page) {
  await on.screenshot({ path: path.join(shots, `iot-${name}.png`) });
}

async function mapIdle() {
  await page.waitForFunction(() => document.body.dataset.fireMapReady === '1', undefined, { timeout: 60_000 });
}

describe.skipIf(!hasChromium)('智慧消防 in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildConsoleIfMissing();
    t = await startTestApp({ serveWeb: true, grids: [DISTRICT] });
    const grids = await admin<{ features: { properties: { code: string } }[] }>(
      'GET',
      `/api/geo/regions/${COMMUNITY}/grids`,
    );
    const gridCode = grids.features[0]?.properties.code as string;
    const centre = (await admin<{ grid: { centroid: [number, number] } }>('GET', `/api/geo/grids/${gridCode}`)).grid
      .centroid;
    const building = await admin<{ id: number }>('POST', '/api/registry/buildings', {
      name: '9 栋',
      address: ADDRESS,
      footprint: square(centre, 0.0002),
      floors: 6,
    });
    await admin('POST', '/api/iot/fire-centres', {
      districtCode: DISTRICT,
      letters: 'a',
      name: '肥城市第一智慧消防服务中心',
      lng: centre[0] + 0.01,
      lat: centre[1],
    });
    // a centre of another district, nearer than this district's own: a fire here is none of its business
    await admin('POST', '/api/iot/fire-centres', {
      districtCode: '320114',
      letters: 'c',
      name: '雨花台区智慧消防服务中心',
      lng: centre[0] + 0.001,
      lat: centre[1],
    });
    centreMembers.here = await t.userCookie('department_staff', DISTRICT, 'centre.here', `${DISTRICT}-fire_centre_a`);
    centreMembers.elsewhere = await t.userCookie(
      'department_staff',
      '320114',
      'centre.elsewhere',
      '320114-fire_centre_c',
    );
    buildingId = building.id;
    for (const device of DEVICES) {
      await admin('POST', '/api/iot/devices', { ...device, buildingId, ownerName: '南关物业' });
    }
    await t.userCookie('command_centre', DISTRICT, OPERATOR);
    await t.userCookie('district_admin', DISTRICT, ADMIN);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${base}/fire`);
    await page.getByLabel('用户名').fill(OPERATOR);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('fire-page').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows and sounds the confirmed fire the simulator plays', async () => {
    await expect.poll(() => board().textContent()).toContain('暂无火情');
    // the click is the gesture the browser wants before it lets the page make a sound
    const enable = page.getByTestId('fire-enable-sound');
    if (await enable.isVisible()) await enable.click();
    await expect.poll(() => enable.count()).toBe(0);

    const { devices } = await admin<{ devices: SimDevice[] }>('GET', '/api/iot/devices/manifest');
    const progress = await runSimulation({
      broker: t.iot.brokerUrl,
      topicRoot: t.ctx.config.iot.topicRoot,
      devices,
      rate: 0,
      durationSeconds: 1,
      scenarios: ['real_fire'],
      stepSeconds: 1,
      mqtt: { username: SERVICE_USER, password: servicePassword(t.ctx.config.dataKey) },
    });
    expect(progress.events.join('\n')).toContain('second detector on the floor');

    // one fire, one row: the building's detectors on both floors are one incident, confirmed, passed to 119
    const incidents = page.getByTestId('fire-incidents');
    const fire = incidents.locator('tr', { has: page.locator('[data-state="confirmed"]') });
    await expect.poll(() => fire.count()).toBe(1);
    await expect.poll(() => fire.getByTestId('incident-119').count()).toBe(1);
    expect(await fire.textContent()).toContain(ADDRESS);
    const confirmed = board().getByTestId('fire-confirmed');
    await expect.poll(() => confirmed.count()).toBeGreaterThanOrEqual(2);
    const criticalRow = board()
      .locator('tr[data-alarm-id]', { has: page.getByTestId('fire-confirmed') })
      .first();
    expect(await criticalRow.getByTestId('fire-severity').getAttribute('data-severity')).toBe('critical');
    expect(await criticalRow.textContent()).toContain('紧急');
    expect(await criticalRow.textContent()).toContain('确认火警');
    expect(await criticalRow.textContent()).toContain(ADDRESS);
    await expect.poll(() => page.getByTestId('fire-confirmed-count').textContent()).toBe('确认火警 1 起');
    expect(Number(await page.getByTestId('fire-sound').getAttribute('data-played'))).toBeGreaterThan(0);
    await shot('01-board-confirmed-fire');

    // the confirmed fire reaches the command centre on its bell, and this district's fire centre; not the other's
    await expect.poll(() => page.getByTestId('notify-badge').textContent()).toMatch(/[1-9]/);
    await page.getByTestId('notify-bell').click();
    await expect.poll(() => page.getByTestId('notify-list').textContent()).toContain('确认火警，请立即处置');
    await shot('01b-command-centre-told');
    await page.keyboard.press('Escape');
    const titles = async (cookie: string) =>
      (
        (await t.app.inject({ url: '/api/notify/messages', headers: { cookie } })).json().items as { titleZh: string }[]
      ).map((m) => m.titleZh);
    await expect.poll(() => titles(centreMembers.here)).toContainEqual(expect.stringMatching(/^确认火警，请立即处置/));
    expect(await titles(centreMembers.elsewhere)).toEqual([]);
  });

  it('acknowledges an alarm and shows its new status', async () => {
    const alarms = (await admin<{ items: AlarmView[] }>('GET', '/api/iot/alarms')).items;
    const s1 = alarms.find((a) => a.deviceCode === 'FIRE-S1' && a.incidentId !== null);
    if (!s1) throw new Error(`no confirmed alarm of FIRE-S1 in ${JSON.stringify(alarms)}`);
    expect(await row(s1.id).getByTestId('fire-status').textContent()).toBe('待确认');

    await row(s1.id).getByTestId('fire-acknowledge').click();
    await page.getByTestId('fire-ack-note').fill('监控中心已电话联系物业核实');
    await shot('02-acknowledge-modal');
    await page.getByTestId('fire-ack-submit').click();
    await expect.poll(() => row(s1.id).getByTestId('fire-status').textContent()).toBe('已确认');
    expect(await row(s1.id).getByTestId('fire-acknowledge').count()).toBe(0);
    // still sounding: it is cleared before it is closed
    expect(await row(s1.id).getByTestId('fire-close').count()).toBe(0);
    await settled(page.locator('body'));
  });

  it('shows the escalation chain of the alarm that confirmed the fire', async () => {
    const alarms = (await admin<{ items: AlarmView[] }>('GET', '/api/iot/alarms')).items;
    let confirming: AlarmView | undefined;
    for (const a of alarms) {
      const detail = await admin<{ escalations: { step: string }[] }>('GET', `/api/iot/alarms/${a.id}`);
      if (detail.escalations.some((e) => e.step === 'fire_119')) confirming = a;
    }
    if (!confirming) throw new Error('no alarm went on to 119');

    await row(confirming.id).locator('td').nth(2).click();
    const drawer = page.getByTestId('fire-drawer');
    const steps = drawer.getByTestId('fire-escalations');
    await expect.poll(() => steps.textContent()).toContain('消防服务中心');
    const chain = await steps.textContent();
    expect(chain).toContain('肥城市第一智慧消防服务中心');
    expect(chain).toContain('119 指挥中心');
    expect(await drawer.getByTestId('fire-facts').textContent()).toContain(confirming.deviceCode);
    await settled(drawer);
    await shot('03-drawer-escalation');

    await drawer.getByTestId('fire-case-link').click();
    const caseDrawer = page.getByTestId('case-drawer');
    await expect.poll(() => caseDrawer.locator('.ant-drawer-title').textContent()).toMatch(/^案件/);
    expect(await caseDrawer.textContent()).toContain('消防报警');
    await settled(caseDrawer);
    await shot('04-case-of-the-fire');
    await caseDrawer.locator('.ant-drawer-close').click();
    await caseDrawer.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.locator('.ant-drawer-content').waitFor({ state: 'detached' });
  });

  it('puts the burning building on the map, red, and lists its alarms on click', async () => {
    await page.getByTestId('fire-tabs').getByText('告警地图').click();
    await mapIdle();
    const count = page.getByTestId('fire-map-count');
    await expect.poll(() => count.textContent()).toBe('1 栋楼有告警，其中 1 栋确认火警');
    expect(await page.locator('.sz-fire-pulse').count()).toBe(1);

    const points = await admin<{ features: { geometry: { coordinates: [number, number] } }[] }>(
      'GET',
      '/api/iot/alarms/map',
    );
    const at = points.features[0]?.geometry.coordinates as [number, number];
    const point = await page.evaluate(([x, y]) => window.__shanzhiFireMap?.project([x, y]), at);
    const box = await page.getByTestId('fire-map').boundingBox();
    if (!point || !box) throw new Error('the fire map is not on the page');
    await page.mouse.click(box.x + point.x, box.y + point.y);
    const listed = page.getByTestId('fire-building-alarms');
    await expect.poll(() => listed.textContent()).toContain(ADDRESS);
    expect(await listed.getByTestId('fire-confirmed').count()).toBeGreaterThanOrEqual(2);
    await mapIdle();
    await shot('05-map');
  });

  it('counts the devices and the alarms of the street', async () => {
    await page.getByTestId('fire-tabs').getByText('设备健康').click();
    await expect.poll(() => page.getByTestId('fire-health-devices').textContent()).toContain(String(DEVICES.length));
    await settled(page.getByTestId('fire-health'));
    await shot('06-health');

    await page.getByTestId('fire-tabs').getByText('告警统计').click();
    const table = page.getByTestId('fire-stats-table');
    await expect.poll(() => table.locator('tbody').textContent()).toContain('老城街道');
    await page.getByTestId('fire-stats-chart').locator('canvas').waitFor();
    // every detector of the fixture hangs in a home, none in a registry venue
    await expect
      .poll(() => page.getByTestId('fire-venue-table').locator('tbody').textContent())
      .toContain('住宅及其他');
    await page.getByTestId('fire-venue-chart').locator('canvas').waitFor();
    await settled(page.getByTestId('fire-stats'));
    await page.getByTestId('fire-venue-stats').scrollIntoViewIfNeeded();
    await shot('07-stats');
    await page.getByTestId('fire-tabs').getByText('告警地图').click();
  });

  it('lists the devices read-only for the command centre', async () => {
    await page.getByTestId('fire-tabs').getByText('设备管理').click();
    const table = page.getByTestId('fire-devices-table');
    await expect.poll(() => table.locator('tbody tr[data-device-code]').count()).toBe(DEVICES.length);
    expect(await page.getByTestId('fire-devices-read-only').isVisible()).toBe(true);
    expect(await page.getByTestId('fire-devices-register').count()).toBe(0);
    expect(await table.getByTestId('fire-device-rotate').count()).toBe(0);
    await settled(page.getByTestId('fire-devices'));
    await shot('07b-devices-read-only');
    await page.getByTestId('fire-tabs').getByText('告警地图').click();
  });

  it('switches to English', async () => {
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect
      .poll(() => page.getByTestId('fire-map-count').textContent())
      .toBe('Buildings with alarms: 1, with a confirmed fire: 1');
    await mapIdle();
    await shot('08-map-en');
    await page.getByTestId('fire-tabs').getByText('Live alarms').click();
    await expect.poll(() => board().getByTestId('fire-confirmed').first().textContent()).toBe('Confirmed fire');
    expect(await board().textContent()).toContain('Smoke alarm');
    expect(await board().textContent()).toContain('Acknowledged');
    await shot('09-board-en');
  });

  describe('device management by the district', () => {
    let staff: Page;
    const drawer = () => staff.getByTestId('fire-import');

    async function importCsv(rows: string[]) {
      const csv = `${TEMPLATE_HEADER}\n${rows.join('\n')}\n`;
      await drawer()
        .locator('input[type=file]')
        .setInputFiles({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await drawer().getByTestId('fire-import-result').waitFor();
    }

    beforeAll(async () => {
      // two batteries to read, one of them below the low-battery level
      for (const [code, battery] of [
        ['FIRE-S2', 86],
        ['FIRE-S4', 12],
      ] as const) {
        await t.iot.ingestor.handleTyped('http', code, 'heartbeat', JSON.stringify({ battery }));
      }
      await t.iot.ingestor.flush();
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      staff = await context.newPage();
      await staff.goto(`${base}/fire`);
      await staff.getByLabel('用户名').fill(ADMIN);
      await staff.getByLabel('密码').fill(TEST_PASSWORD);
      await staff.getByTestId('sign-in-submit').click();
      await staff.getByTestId('fire-tabs').getByText('设备管理').click();
    });

    it('registers a smoke detector and shows its secret once', async () => {
      await expect
        .poll(() => staff.getByTestId('fire-devices-table').locator('tbody tr[data-device-code]').count())
        .toBe(DEVICES.length);
      await staff.getByTestId('fire-devices-register').click();
      const form = staff.getByTestId('fire-register-form');
      const chooseKind = async (name: string) => {
        await staff.getByTestId('fire-register-kind').click();
        await staff.locator('.ant-select-dropdown:visible').getByText(name, { exact: true }).click();
      };
      // a heat detector needs its GB 4716 class; a smoke detector has none to give
      await chooseKind('感温火灾探测器');
      await staff.getByTestId('fire-register-heat-class').waitFor();
      // the body, not the drawer: the closing list of kinds is portalled outside it
      await settled(staff.locator('body'));
      await shot('10-register-heat', staff);
      await chooseKind('感烟火灾探测器');
      await staff.getByTestId('fire-register-heat-class').waitFor({ state: 'detached' });
      await staff.getByTestId('fire-register-code').fill('FIRE-S1');
      await staff.getByTestId('fire-register-place-id').fill(String(buildingId));
      await staff.getByTestId('fire-register-owner').fill('南关物业');
      await staff.getByTestId('fire-register-submit').click();
      // the server's refusal, in Chinese, under the input it names
      const codeItem = form.locator('.ant-form-item', { has: staff.getByTestId('fire-register-code') });
      await expect.poll(() => codeItem.locator('.ant-form-item-explain').textContent()).toContain('FIRE-S1 已登记');
      await settled(staff.getByTestId('fire-register'));
      await shot('11-register-duplicate', staff);

      await staff.getByTestId('fire-register-code').fill('SMK-NEW-01');
      await staff.getByTestId('fire-register-submit').click();
      const secret = staff.getByTestId('fire-secret');
      await expect.poll(() => secret.textContent()).toContain('SMK-NEW-01');
      expect(await secret.textContent()).toContain('只显示这一次');
      expect((await staff.getByTestId('fire-secret-value').textContent())?.length).toBeGreaterThanOrEqual(20);
      await settled(staff.locator('body'));
      await shot('12-register-secret', staff);
      await staff.getByTestId('fire-secret-done').click();
      await secret.waitFor({ state: 'detached' });
      await expect
        .poll(() => staff.getByTestId('fire-devices-table').locator('tr[data-device-code="SMK-NEW-01"]').count())
        .toBe(1);
    });

    it('imports nothing from a file with a bad row, and names the row and the column', async () => {
      await staff.getByTestId('fire-devices-import').click();
      await importCsv([
        `SMK-IMP-01,感烟火灾探测器,,,${buildingId},,2,201,,,,南关物业,,3600`,
        `SMK-IMP-02,感烟火灾探测器,,,${buildingId},,2,202,,,,,,3600`,
      ]);
      expect(await drawer().getByTestId('fire-import-summary').textContent()).toContain('未导入');
      const errors = drawer().getByTestId('fire-import-errors').locator('tbody tr');
      expect(await errors.count()).toBe(1);
      const cells = await errors.first().locator('td').allTextContents();
      expect(cells.slice(0, 2)).toEqual(['3', '业主单位']);
      expect(await drawer().getByTestId('fire-import-credentials').count()).toBe(0);
      await settled(drawer());
      await shot('13-import-rejected', staff);
    });

    it('imports the valid rows only and hands over their secrets as a CSV', async () => {
      await drawer().getByTestId('fire-import-valid-only').click();
      await importCsv([
        `SMK-IMP-01,感烟火灾探测器,,,${buildingId},,2,201,,,,南关物业,,3600`,
        `SMK-IMP-02,烟感,,,${buildingId},,2,202,,,,南关物业,,3600`,
      ]);
      const imported = drawer().getByTestId('fire-import-imported').locator('.ant-statistic-content');
      expect(await imported.textContent()).toBe('1');
      expect(await drawer().getByTestId('fire-import-summary').textContent()).toContain('已导入 1 台设备');
      const cells = await drawer().getByTestId('fire-import-errors').locator('tbody tr td').allTextContents();
      expect(cells.slice(0, 2)).toEqual(['3', '设备类型']);
      await settled(drawer());
      await shot('14-import-valid-only', staff);

      const [download] = await Promise.all([
        staff.waitForEvent('download'),
        drawer().getByTestId('fire-import-credentials').click(),
      ]);
      const csv = readFileSync(await download.path(), 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/);
      expect(csv[0]).toBe('设备编号,设备密钥');
      expect(csv).toHaveLength(2);
      expect(csv[1]).toMatch(/^SMK-IMP-01,[\w-]{20,}$/);

      await drawer().locator('.ant-drawer-close').click();
      await drawer().locator('.ant-drawer-content').waitFor({ state: 'hidden' });
      await expect
        .poll(() => staff.getByTestId('fire-devices-table').locator('tr[data-device-code="SMK-IMP-01"]').count())
        .toBe(1);
      // the body, where the closing drawer is portalled to
      await settled(staff.locator('body'));
      await shot('15-devices', staff);
    });
  });
});

declare global {
  interface Window {
    __shanzhiFireMap?: import('maplibre-gl').Map;
  }
}
