import ExcelJS from 'exceljs';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxBomb } from '../../../test/xlsx-bomb.js';
import { deviceTopic } from '../domain/messages.js';
import { alarmOf, type Scene, startScene } from './fixture.js';

let s: Scene;
beforeAll(async () => {
  s = await startScene();
});
afterAll(async () => s?.close());

const HEAD =
  '设备编号,设备类型,感温类别,感温方式,楼栋编号,场所编号,楼层,房间,经度,纬度,地址,业主单位,联系电话,心跳间隔秒';

function upload(name: string, body: Buffer | string, mode = 'all_or_nothing') {
  const boundary = '----shanzhi-device-import';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return s.t.app.inject({
    method: 'POST',
    url: `/api/iot/devices/import?mode=${mode}`,
    headers: { cookie: s.users.admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const deviceCount = async () => (await s.call('GET', '/api/iot/devices?limit=1')).json().total as number;

describe('bulk import of devices from the installers’ spreadsheets', () => {
  it('offers a template with the Chinese column headers', async () => {
    const res = await s.call('GET', '/api/iot/devices/import-template.csv');
    expect(res.statusCode).toBe(200);
    expect(res.body.replace(/^\uFEFF/, '').split('\n')[0]).toBe(HEAD);
  });

  it('rejects a file with bad cells as a whole, naming row and column of each, and writes nothing', async () => {
    const before = await deviceCount();
    const csv = [
      HEAD,
      `IMP-OK-01,感烟火灾探测器,,,${s.buildingId},,2,201,,,,南关物业,13800138000,3600`,
      `IMP-BAD-KIND,volcano,,,${s.buildingId},,2,,,,,南关物业,,`,
      `IMP-NOCLASS,heat,,,${s.buildingId},,1,,,,,南关物业,,`,
      `IMP-NOWHERE,smoke,,,999999,,1,,,,,南关物业,,`,
      `IMP-OK-01,smoke,,,${s.buildingId},,3,,,,,南关物业,,`,
      `IMP-NOOWNER,smoke,,,${s.buildingId},,3,,,,,,,`,
    ].join('\n');
    const res = await upload('devices.csv', csv);
    expect(res.statusCode, res.body).toBe(422);
    const { errors, imported } = res.json();
    expect(imported).toBe(0);
    expect(errors).toEqual([
      expect.objectContaining({ line: 3, column: '设备类型' }),
      expect.objectContaining({ line: 4, column: '感温类别' }),
      expect.objectContaining({ line: 5, column: '楼栋编号' }),
      expect.objectContaining({ line: 6, column: '设备编号', message: '与第 2 行编号重复' }),
      expect.objectContaining({ line: 7, column: '业主单位' }),
    ]);
    expect(await deviceCount()).toBe(before);
  });

  it('refuses bytes that are no spreadsheet, or a cell holding NUL, on the file field, and writes nothing', async () => {
    const before = await deviceCount();
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const nul = `${HEAD}\nIMP-NUL-01\u0000,smoke,,,${s.buildingId},,2,,,,,南关物业,,`;
    for (const [name, body] of [
      ['devices.xlsx', binary],
      ['devices.csv', binary],
      ['devices.csv', nul],
    ] as const) {
      const res = await upload(name, body);
      expect(res.statusCode, `${name} ${res.body}`).toBe(400);
      expect(res.json().error.field).toBe('file');
      expect(res.json().error.code).toMatch(
        /^(validation\.invalid|spreadsheet\.unreadable|core\.unreadable_spreadsheet)$/,
      );
    }
    expect(await deviceCount()).toBe(before);
  });

  it('imports a corrected xlsx, hands out one secret per device, and the devices can report at once', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('设备');
    sheet.addRow(HEAD.split(','));
    sheet.addRow([
      'IMP-X-01',
      '感烟火灾探测器',
      '',
      '',
      s.buildingId,
      '',
      31,
      '3101',
      '',
      '',
      '',
      '南关物业',
      '',
      3600,
    ]);
    sheet.addRow(['IMP-X-02', 'heat', 'A2', 'R', s.buildingId, '', 31, '配电间', '', '', '', '南关物业', '', 600]);
    const res = await upload('devices.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ imported: 2, errors: [] });
    expect(body.credentials.map((c: { code: string }) => c.code)).toEqual(['IMP-X-01', 'IMP-X-02']);
    const secret = body.credentials[0].secret as string;
    const device = await connectAsync(s.t.iot.brokerUrl, {
      clientId: 'IMP-X-01',
      username: 'IMP-X-01',
      password: secret,
    });
    await device.publishAsync(
      deviceTopic(s.t.ctx.config.iot.topicRoot, 'IMP-X-01', 'alarm'),
      JSON.stringify({ event: 'smoke' }),
      { qos: 1 },
    );
    await alarmOf(s, 'IMP-X-01', 'smoke');
    await device.endAsync();

    const again = await upload('devices.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(again.statusCode).toBe(422);
    expect(again.json().errors.map((e: { message: string }) => e.message)).toEqual(['该编号已登记', '该编号已登记']);
  });

  it('imports only the valid rows when asked to, and reports the rest', async () => {
    const csv = [
      HEAD,
      `IMP-V-01,smoke,,,${s.buildingId},,32,,,,,南关物业,,`,
      `IMP-V-02,smoke,,,${s.buildingId},,32,,,,,南关物业,12345,`,
    ].join('\n');
    const res = await upload('devices.csv', csv, 'valid_only');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      imported: 1,
      errors: [expect.objectContaining({ line: 3, column: '联系电话' })],
    });
    expect(res.json().credentials).toHaveLength(1);
  });

  it('refuses an xlsx whose shared strings would unpack to a gigabyte, naming it, and writes nothing', async () => {
    const before = await deviceCount();
    const res = await upload('设备.xlsx', xlsxBomb({ unpackedMb: 1024 }));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'spreadsheet.unpacks_too_large',
      field: 'file',
      message: expect.stringContaining('“设备.xlsx”'),
    });
    expect(await deviceCount()).toBe(before);
  });
});
