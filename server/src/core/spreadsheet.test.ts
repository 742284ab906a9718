import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxBomb } from '../test/xlsx-bomb.js';
import { AppError } from './errors.js';
import { checkSpreadsheet, readSpreadsheetRows } from './spreadsheet.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-sheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(name: string, bytes: Buffer, maxRows: number) {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const out = [];
  for await (const r of readSpreadsheetRows(file, name, { maxBytes: 1024 * 1024, maxRows })) out.push(r);
  return out;
}

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return {
    code: (err as AppError).code,
    zh: (err as AppError).localized('zh-CN'),
    en: (err as AppError).localized('en'),
  };
};

describe('reading an uploaded spreadsheet within bounds', () => {
  it('reads the rows of a real xlsx and a csv under their header', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    sheet.addRow(['姓名', '房号']);
    sheet.addRow(['李明', '301']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    expect(await rows('a.xlsx', xlsx, 1)).toEqual([{ line: 2, cells: { 姓名: '李明', 房号: '301' } }]);
    expect(await rows('a.csv', Buffer.from('\uFEFF姓名,房号\n李明,301\n'), 1)).toEqual([
      { line: 2, cells: { 姓名: '李明', 房号: '301' } },
    ]);
  });

  it('refuses an xlsx whose shared strings would unpack beyond what its rows need, unpacking nothing', async () => {
    const bomb = xlsxBomb({ unpackedMb: 64 });
    const { code, zh, en } = await refusal(
      checkSpreadsheet(bomb, '人口.xlsx', { maxBytes: 1024 * 1024, maxRows: 1000 }),
    );
    expect(code).toBe('spreadsheet.unpacks_too_large');
    expect(zh).toContain('“人口.xlsx”');
    expect(en).toContain('"人口.xlsx"');
  });

  it('stops unpacking a part that is larger than the file says, and refuses the file', async () => {
    const liar = xlsxBomb({ unpackedMb: 64, lie: true });
    const { code, en } = await refusal(checkSpreadsheet(liar, 'x.xlsx', { maxBytes: 1024 * 1024, maxRows: 1000 }));
    expect(code).toBe('spreadsheet.unreadable');
    expect(en).toContain('"x.xlsx"');
  });

  it('refuses more rows than allowed, a header wider than any template, and a file that is no spreadsheet', async () => {
    const csv = Buffer.from(['a,b', '1,2', '3,4', '5,6'].join('\n'));
    expect((await refusal(rows('three.csv', csv, 2))).code).toBe('spreadsheet.too_many_rows');
    const wide = Buffer.from(`${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}\n1\n`);
    expect((await refusal(rows('wide.csv', wide, 10))).code).toBe('spreadsheet.too_many_columns');
    const junk = await refusal(rows('junk.xlsx', Buffer.from('not a spreadsheet'), 10));
    expect(junk).toMatchObject({ code: 'spreadsheet.unreadable', zh: expect.stringContaining('junk.xlsx') });
  });
});

describe('an unreadable CSV', () => {
  const failure = async (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const err = await (async () => {
      for await (const _ of readSpreadsheetRows(file, name, { maxBytes: 1024 * 1024, maxRows: 10 }));
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  };

  it('is told by its row and column, never by the value the parser choked on', async () => {
    const err = await failure('people.csv', '姓名,手机号\n李明,13812345678\n王芳,13905385555"x\n');
    expect(err.code).toBe('core.unreadable_spreadsheet');
    expect(err.options).toMatchObject({ field: 'file', params: { line: 3, column: '手机号' } });
    expect(err.localized('en')).toContain('row 3 (column 手机号)');
    // everything a log line would serialise: message, stack and own properties
    const logged = JSON.stringify({ ...err, message: err.message, stack: err.stack });
    expect(logged).not.toContain('13905385555');
    expect(logged).not.toContain('13812345678');
  });

  it('holding a NUL character is refused naming the row', async () => {
    const err = await failure('bytes.csv', '姓名,手机号\n李\u0000明,13812345678\n');
    expect(err.code).toBe('validation.invalid');
    expect(err.localized('en')).toContain('row 2 contains a NUL character');
  });
});
