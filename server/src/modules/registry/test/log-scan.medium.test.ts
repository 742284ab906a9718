import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/id-number.js';
import { squareAround, startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support.js';

/**
 * Personal data and credentials never reach the log: everything is logged (trace) while a person is registered,
 * searched for by ID number and phone, revealed and exported, and an Open311 client files and reads a request with
 * its api_key, credentials ride in a query string and a CSV file breaks the reader right after a phone number, then
 * the log file is scanned for the plaintext.
 */
const ID = `37098319620202234${checkCharacter('37098319620202234')}`;
const PHONE = '13905387777';
const BAD_CSV_PHONE = '13905385555';
const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-log-scan-'));
const LOG = path.join(dir, 'shanzhi.log');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'], env: { LOG_LEVEL: 'trace', LOG_FILE: LOG } });
});
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the log', () => {
  it('holds no plaintext ID number, phone or Open311 api_key after they went through every route that takes one', async () => {
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie: t.adminCookie }, ...(payload ? { payload } : {}) });
    const grid = (await call('GET', '/api/geo/regions/370983002001/grids')).json().features[0].properties.code;
    const [x, y] = (await call('GET', `/api/geo/grids/${grid}`)).json().grid.centroid as [number, number];
    const building = await call('POST', '/api/registry/buildings', {
      name: '1 栋',
      address: '老城街道南关社区 1 栋',
      footprint: squareAround([x, y]),
      floors: 6,
    });
    const household = await call('POST', `/api/registry/buildings/${building.json().id}/households`, {
      room: '101',
      use: 'rented',
    });
    const person = await call('POST', '/api/registry/people', {
      name: '李卫东',
      idNumber: ID,
      phone: PHONE,
      householdId: household.json().id,
      registered: true,
    });
    expect(person.statusCode).toBe(201);
    // a bad phone is refused; its value must not be echoed into the log either
    await call('POST', '/api/registry/people', {
      name: 'x',
      idNumber: ID,
      phone: '1390538777',
      householdId: 1,
      registered: true,
    });
    expect((await call('GET', `/api/registry/people?idNumber=${ID}`)).json().items).toHaveLength(1);
    expect((await call('GET', `/api/registry/people?phone=${PHONE}`)).json().items).toHaveLength(1);
    const reveal = await call('POST', `/api/registry/people/${person.json().id}/reveal`, {
      field: 'idNumber',
      reason: '核对户籍信息',
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.json().value).toBe(ID);
    const newcomerId = `37098319900303456${checkCharacter('37098319900303456')}`;
    const visit = await t.app.inject({
      method: 'POST',
      url: `/api/registry/households/${household.json().id}/visits`,
      headers: { cookie: t.adminCookie, 'idempotency-key': 'log-scan-visit-1' },
      payload: {
        recordedAt: new Date().toISOString(),
        baseVersion: 1,
        newResidents: [{ name: '周新', idNumber: newcomerId, phone: '13905386666', registered: false }],
      },
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const book = await call('GET', '/api/registry/households/book?regionCode=370983002001');
    expect(book.body).not.toContain(newcomerId);
    await call('POST', '/api/cases', {
      categoryCode: 'S05',
      description: '楼道堆放杂物',
      location: { lng: x, lat: y },
      contact: { name: '李卫东', phone: PHONE },
      viaHotline: true,
    });

    // an Open311 client's key, in the query string of a read and in the form body of a post
    await t.userCookie('command_centre', '370983', 'log.hotline');
    const apiKey = (
      await t.app.inject({
        method: 'POST',
        url: '/api/identity/tokens',
        payload: { username: 'log.hotline', password: TEST_PASSWORD, name: '12345', ttlDays: 1 },
      })
    ).json().token as string;
    const posted = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'S02',
        lat: String(y),
        long: String(x),
        description: '12345 转办：楼道灯不亮',
        phone: PHONE,
      }).toString(),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json()[0].service_request_id;
    expect((await t.app.inject({ url: `/open311/v2/requests/${id}.json?api_key=${apiKey}` })).statusCode).toBe(200);
    // a refused post is logged with its error; the key must not ride along
    await t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${apiKey}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_key: apiKey, service_code: 'ZZ99' }).toString(),
    });

    // credentials some client put in a query string, on a route that takes none
    const query = '?token=qs-token-1&access_token=qs-access-2&password=qs-password-3&secret=qs-secret-4&code=qs-code-5';
    expect((await call('GET', `/api/identity/me${query}`)).statusCode).toBe(200);

    // a residents file the CSV reader chokes on, right after a phone number: the failure is logged by row and column
    const boundary = '----shanzhi-log-scan';
    const csv = `姓名,身份证号,手机号,楼栋地址,单元,房号,户籍类型,标签\n王五,${ID},${BAD_CSV_PHONE}"x,1 栋,1,101,本地,\n`;
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/registry/imports?mode=all_or_nothing',
      headers: { cookie: t.adminCookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\n` +
            'Content-Type: text/csv\r\n\r\n',
        ),
        Buffer.from(csv),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode, upload.body).toBe(202);
    await expect
      .poll(async () => (await call('GET', `/api/registry/imports/${upload.json().id}`)).json().status)
      .toBe('failed');

    const log = readFileSync(LOG, 'utf8');
    for (const value of ['qs-token-1', 'qs-access-2', 'qs-password-3', 'qs-secret-4', 'qs-code-5']) {
      expect(log).not.toContain(value);
    }
    expect(log).toContain('core.unreadable_spreadsheet');
    expect(log).not.toContain(BAD_CSV_PHONE);
    expect(log).toContain('api_key=[redacted]');
    expect(log).not.toContain(apiKey);
    expect(log).toContain('/api/registry/people?idNumber=[redacted]');
    expect(log).not.toContain(ID);
    expect(log).not.toContain(PHONE);
    expect(log).not.toContain(newcomerId);
    expect(log).not.toContain('13905386666');
    expect(log).not.toContain(ID.slice(6, 14) + ID.slice(14));
  });
});
