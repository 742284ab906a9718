import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError, coreErrors } from './errors.js';

type Row = { line: number; cells: Record<string, string> };

/** An upload that is no spreadsheet of the kind its name says, or a cell no database text can hold. */
const badFile = (zh: string, en: string) =>
  coreErrors.invalid({ field: 'file', params: { reason: { 'zh-CN': zh, en } } });

/**
 * Rows one at a time from a stored upload, CSV or XLSX (first sheet, first row the headers), with their spreadsheet
 * row numbers: never all in memory. Bytes that are not the spreadsheet the name says are the uploader's mistake, told
 * as a 400 on `file`, as is a cell holding U+0000 (binary bytes named .csv).
 */
export async function* readSpreadsheetRows(path: string, fileName: string): AsyncGenerator<Row> {
  const xlsx = /\.xlsx$/i.test(fileName);
  if (xlsx && !(await startsWithZip(path))) throw badFile('不是有效的 xlsx 文件', 'not a valid .xlsx file');
  try {
    for await (const row of xlsx ? xlsxRows(path) : csvRows(path)) {
      if (Object.values(row.cells).some((v) => v.includes('\0')))
        throw badFile(`第 ${row.line} 行含有空字符（U+0000）`, `row ${row.line} contains a NUL character (U+0000)`);
      yield row;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw xlsx
      ? badFile(`无法读取 xlsx 文件（${reason}）`, `cannot read the .xlsx file (${reason})`)
      : badFile(`无法读取 CSV 文件（${reason}）`, `cannot read the CSV file (${reason})`);
  }
}

/** An xlsx is a zip archive: its first bytes are a zip entry's signature. */
async function startsWithZip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await file.read(head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await file.close();
  }
}

async function* xlsxRows(path: string): AsyncGenerator<Row> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    worksheets: 'emit',
    sharedStrings: 'cache',
  });
  for await (const sheet of reader) {
    let headers: string[] = [];
    for await (const row of sheet) {
      const values = (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String((v as { text?: string }).text ?? v)));
      if (row.number === 1) headers = values.map((h) => h.trim());
      else yield { line: row.number, cells: Object.fromEntries(headers.map((h, i) => [h, values[i] ?? ''])) };
    }
    return;
  }
}

async function* csvRows(path: string): AsyncGenerator<Row> {
  const parser = createReadStream(path).pipe(
    parse({
      columns: (h: string[]) => h.map((x) => x.replace(/^\uFEFF/, '').trim()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }),
  );
  let line = 1;
  for await (const record of parser) {
    line++;
    yield { line, cells: record as Record<string, string> };
  }
}
