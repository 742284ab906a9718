import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { type AppError, coreErrors } from './errors.js';

/**
 * A file the reader cannot go on with, told by its position alone: the parser's own error quotes the cell it choked
 * on (a phone number, an ID number) and carries the record, and whatever logs the error would write them out.
 */
function unreadable(line: number, column: string | number | undefined): AppError {
  return coreErrors.unreadableSpreadsheet({
    field: 'file',
    params: { line, column: column === undefined ? '?' : String(column) },
  });
}

export function isUnreadableSpreadsheet(err: unknown): boolean {
  return err instanceof Error && (err as AppError).code === coreErrors.unreadableSpreadsheet().code;
}

/** Rows one at a time from a stored upload, CSV or XLSX (first sheet, first row the headers), with their spreadsheet row numbers: never all in memory. */
export async function* readSpreadsheetRows(
  path: string,
  fileName: string,
): AsyncGenerator<{ line: number; cells: Record<string, string> }> {
  if (/\.xlsx$/i.test(fileName)) {
    let line = 0;
    try {
      yield* readXlsxRows(path, (n) => {
        line = n;
      });
    } catch {
      // ExcelJS knows the row it had reached, not the cell
      throw unreadable(line + 1, undefined);
    }
    return;
  }
  const parser = createReadStream(path).pipe(
    parse({
      columns: (h: string[]) => h.map((x) => x.replace(/^\uFEFF/, '').trim()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }),
  );
  let line = 1;
  try {
    for await (const record of parser) {
      line++;
      yield { line, cells: record as Record<string, string> };
    }
  } catch (err) {
    const at = err as { lines?: number; column?: string | number };
    throw unreadable(at.lines ?? line + 1, at.column);
  }
}

async function* readXlsxRows(
  path: string,
  reached: (line: number) => void,
): AsyncGenerator<{ line: number; cells: Record<string, string> }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    worksheets: 'emit',
    sharedStrings: 'cache',
  });
  for await (const sheet of reader) {
    let headers: string[] = [];
    for await (const row of sheet) {
      reached(row.number);
      const values = (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String((v as { text?: string }).text ?? v)));
      if (row.number === 1) headers = values.map((h) => h.trim());
      else yield { line: row.number, cells: Object.fromEntries(headers.map((h, i) => [h, values[i] ?? ''])) };
    }
    return;
  }
}

/**
 * A text cell a spreadsheet program will not run: text that begins like a formula (=, +, -, @, or a tab or carriage
 * return before one) gets a leading apostrophe, as OWASP advises for CSV injection, because an exported value such
 * as a name or an address was typed by someone else and the person opening the file trusts it.
 */
export function inertCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
