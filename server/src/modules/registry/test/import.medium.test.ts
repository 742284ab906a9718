import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/id-number.js';
import { squareAround, startTestApp, type TestApp } from '../../../test/support.js';

let t: TestApp;
let staff: string;
const ADDRESS = '老城街道南关社区 5 栋';
const id = (first17: string) => first17 + checkCharacter(first17);
const A = id('37098319800101001');
const B = id('37098320100505002');
const C = id('37098319450707003');
const HEAD = '姓名,身份证号,手机号,楼栋地址,单元,房号,户籍类型,标签';

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  staff = await t.userCookie('community_staff', '370983002001', 'import.cs');
  const grids = await t.app.inject({ url: '/api/geo/regions/370983002001/grids', headers: { cookie: t.adminCookie } });
  const code = grids.json().features[0].properties.code;
  const [x, y] = (await t.app.inject({ url: `/api/geo/grids/${code}`, headers: { cookie: t.adminCookie } })).json().grid
    .centroid;
  const footprint = squareAround([x, y]);
  await t.app.inject({
    method: 'POST',
    url: '/api/registry/buildings',
    headers: { cookie: staff },
    payload: { name: '5 栋', address: ADDRESS, footprint, floors: 18 },
  });
});
afterAll(async () => t?.stop());

function multipart(bytes: Buffer, filename: string) {
  const boundary = '----shanzhi-import';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: staff },
  };
}

async function importFile(bytes: Buffer, filename: string, mode = 'all_or_nothing') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/registry/imports?mode=${mode}`,
    ...multipart(bytes, filename),
  });
  expect(res.statusCode, res.body).toBe(202);
  const jobId = res.json().id;
  let job: Record<string, unknown> = {};
  await expect
    .poll(async () => {
      job = (await t.app.inject({ url: `/api/registry/imports/${jobId}`, headers: { cookie: staff } })).json();
      return job.status;
    })
    .toMatch(/done|rejected|failed/);
  return { jobId, job };
}

const people = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_people'))[0]?.n;

describe('importing an agency’s residents file', () => {
  it('rejects a file with bad cells as a whole and reports every bad cell by row and column', async () => {
    const csv = [
      HEAD,
      `李明,${A},13812345678,${ADDRESS},1,301,本地,党员`,
      `王芳,${B},,${ADDRESS},1,302,流动,`,
      `赵强,${A.slice(0, 17)}${A[17] === '1' ? '2' : '1'},,${ADDRESS},1,303,本地,`,
      `钱七,${C},12345,${ADDRESS},2,101,本地,会飞`,
      `孙八,${id('37098319900101004')},,不存在的楼 9 栋,1,101,本地,`,
      `王芳二,${B},,${ADDRESS},1,304,流动,`,
    ].join('\n');
    const before = await people();
    const { jobId, job } = await importFile(Buffer.from(`\uFEFF${csv}`), 'people.csv');
    expect(job).toMatchObject({ status: 'rejected', totalRows: 6, errorRows: 3, unmatchedRows: 1, importedRows: 0 });
    expect(await people()).toBe(before);

    const report = await t.app.inject({
      url: `/api/registry/imports/${jobId}/errors.xlsx`,
      headers: { cookie: staff },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const rows = (book.getWorksheet('错误报告')?.getSheetValues() ?? [])
      .slice(2)
      .map((r) => (r as unknown[]).slice(1, 4));
    expect(rows).toEqual([
      [4, '身份证号', '校验码错误（GB 11643）'],
      [5, '手机号', '应为 11 位手机号'],
      [5, '标签', '未知标签“会飞”'],
      [7, '身份证号', '与文件中前面的行重复'],
    ]);
    const review = (book.getWorksheet('地址未匹配')?.getSheetValues() ?? [])
      .slice(2)
      .map((r) => (r as unknown[]).slice(1, 4));
    expect(review).toEqual([[6, '孙八', '不存在的楼 9 栋']]);
  });

  it('imports the corrected spreadsheet, deduplicating by ID number, and files people under the building’s grid', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('实有人口');
    sheet.addRow(HEAD.split(','));
    sheet.addRow(['李明', A, '13812345678', ADDRESS, '1', '301', '本地', '党员']);
    sheet.addRow(['王芳', B, '', ADDRESS, '1', '302', '流动', '']);
    sheet.addRow(['钱七', C, '13912345678', ADDRESS, '2', '101', '本地', '独居，退役军人']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const first = await importFile(xlsx, '人口.xlsx');
    expect(first.job).toMatchObject({ status: 'done', importedRows: 3, duplicateRows: 0 });
    const again = await importFile(xlsx, '人口.xlsx');
    expect(again.job).toMatchObject({ status: 'done', importedRows: 0, duplicateRows: 3 });

    const found = await t.app.inject({ url: `/api/registry/people?idNumber=${C}`, headers: { cookie: staff } });
    const [person] = found.json().items;
    expect(person.tags.map((x: { tag: string }) => x.tag).sort()).toEqual(['elderly', 'living_alone', 'veteran']);
    expect(person.phoneMasked).toBe('139****5678');
    const minor = (await t.app.inject({ url: `/api/registry/people?idNumber=${B}`, headers: { cookie: staff } })).json()
      .items[0];
    expect(minor).toMatchObject({ registered: false, tags: [expect.objectContaining({ tag: 'minor' })] });
    const glance = await t.app.inject({
      url: '/api/registry/summary?regionCode=370983002',
      headers: { cookie: staff },
    });
    expect(glance.json()).toMatchObject({
      buildings: 1,
      people: 3,
      floating: 1,
      byTag: { elderly: 1, minor: 1, party_member: 1 },
    });
    const elsewhere = await t.app.inject({
      url: '/api/registry/summary?regionCode=370983001',
      headers: { cookie: staff },
    });
    expect(elsewhere.json()).toMatchObject({ people: 0, buildings: 0 });
  });

  it('imports only the valid rows when asked to', async () => {
    const D = id('37098319700303005');
    const csv = [HEAD, `周九,${D},,${ADDRESS},3,501,本地,`, `吴十,123,,${ADDRESS},3,502,本地,`].join('\n');
    const { job } = await importFile(Buffer.from(csv), 'partial.csv', 'valid_only');
    expect(job).toMatchObject({ status: 'done', importedRows: 1, errorRows: 1 });
  });

  it('hands out a template and refuses files that are not spreadsheets', async () => {
    const template = await t.app.inject({ url: '/api/registry/imports/template.xlsx', headers: { cookie: staff } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const header = book.getWorksheet('实有人口')?.getRow(1).values as unknown[] | undefined;
    expect(header?.slice(1)).toEqual(HEAD.split(','));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/registry/imports',
      ...multipart(Buffer.from('x'), 'people.pdf'),
    });
    expect(res.json().error.field).toBe('file');
  });
});
