import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { readSpreadsheetRows } from './spreadsheet.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-spreadsheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(name: string, text: string | Buffer) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const rows = [];
  for await (const row of readSpreadsheetRows(file, name)) rows.push(row);
  return rows;
}

async function failure(name: string, text: string | Buffer): Promise<AppError> {
  const err = await readAll(name, text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('an unreadable spreadsheet', () => {
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

  it('that is no workbook at all is row 1 of an xlsx', async () => {
    const err = await failure('people.xlsx', 'not a spreadsheet 13905385555');
    expect(err.options.params).toMatchObject({ line: 1 });
  });

  it('leaves a good CSV as it was', async () => {
    expect(await readAll('ok.csv', '\uFEFF姓名,手机号\n李明,13812345678\n')).toEqual([
      { line: 2, cells: { 姓名: '李明', 手机号: '13812345678' } },
    ]);
  });
});
