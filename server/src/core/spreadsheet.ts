import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** Rows one at a time from a stored upload, CSV or XLSX (first sheet, first row the headers), with their spreadsheet row numbers: never all in memory. */
export async function* readSpreadsheetRows(
  path: string,
  fileName: string,
): AsyncGenerator<{ line: number; cells: Record<string, string> }> {
  if (/\.xlsx$/i.test(fileName)) {
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
  for await (const record of parser) {
    line++;
    yield { line, cells: record as Record<string, string> };
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
