import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { AppError, coreErrors, defineErrors } from './errors.js';

/**
 * What one kind of upload may hold. An xlsx is a zip: a few megabytes can unpack to gigabytes, and the reader keeps
 * every shared string in memory, so its parts are bounded by the rows it may have before a byte is unpacked.
 */
export interface SpreadsheetLimits {
  /** The uploaded file itself. */
  maxBytes: number;
  /** Rows after the header. */
  maxRows: number;
}

/** Generous for real sheets: a row of a dozen cells is well under half a kilobyte of XML. */
const UNPACKED_BYTES_PER_ROW = 1024;
const SHARED_STRINGS_BYTES_PER_ROW = 512;
/** Styles, theme and workbook parts that every xlsx carries whatever its rows. */
const UNPACKED_FLOOR = 4 * 1024 * 1024;
const SHARED_STRINGS_FLOOR = 1024 * 1024;
/** No template has more; a wider header is a sheet of something else, or a sheet built to be wide. */
const MAX_COLUMNS = 100;
const MB = 1024 * 1024;

export const spreadsheetErrors = defineErrors({
  fileTooLarge: {
    code: 'spreadsheet.file_too_large',
    status: 413,
    'zh-CN': '字段 {field} 无效：文件“{name}”超过 {mb} MB，请拆分后分批导入',
    en: 'Field {field} is invalid: "{name}" is larger than {mb} MB; split it and import the parts',
  },
  unpacksTooLarge: {
    code: 'spreadsheet.unpacks_too_large',
    status: 413,
    'zh-CN': '字段 {field} 无效：文件“{name}”解压后超过 {mb} MB（{rows} 行的上限），请拆分后分批导入',
    en: 'Field {field} is invalid: "{name}" unpacks to more than {mb} MB (the limit for {rows} rows); split it and import the parts',
  },
  tooManyRows: {
    code: 'spreadsheet.too_many_rows',
    status: 413,
    'zh-CN': '字段 {field} 无效：文件“{name}”超过 {max} 行，请拆分后分批导入',
    en: 'Field {field} is invalid: "{name}" has more than {max} rows; split it and import the parts',
  },
  tooManyColumns: {
    code: 'spreadsheet.too_many_columns',
    status: 400,
    'zh-CN': '字段 {field} 无效：文件“{name}”的表头超过 {max} 列，请使用导入模板',
    en: 'Field {field} is invalid: the header of "{name}" has more than {max} columns; use the import template',
  },
  unreadable: {
    code: 'spreadsheet.unreadable',
    status: 400,
    'zh-CN': '字段 {field} 无效：文件“{name}”无法读取，请用 Excel 或 WPS 另存为 xlsx 或 csv 后重试',
    en: 'Field {field} is invalid: "{name}" cannot be read; save it again as xlsx or csv from Excel or WPS',
  },
});

/**
 * The one file of a multipart upload, refused before it is kept when it is larger than the limit or, as an xlsx,
 * would unpack beyond it; `badFile` names what the route accepts.
 */
export async function receiveSpreadsheet(
  req: FastifyRequest,
  limits: SpreadsheetLimits,
  badFile: () => AppError,
): Promise<{ name: string; bytes: Buffer }> {
  const file = req.isMultipart() ? await req.file({ limits: { fileSize: limits.maxBytes, files: 1 } }) : undefined;
  if (!file || !/\.(xlsx|csv)$/i.test(file.filename)) throw badFile();
  let bytes: Buffer;
  try {
    bytes = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw spreadsheetErrors.fileTooLarge({
        field: 'file',
        params: { name: file.filename, mb: limits.maxBytes / MB },
      });
    throw err;
  }
  await checkSpreadsheet(bytes, file.filename, limits);
  return { name: file.filename, bytes };
}

/** Refuses an xlsx whose parts would unpack beyond what `limits.maxRows` rows need; a CSV is read as it comes. */
export async function checkSpreadsheet(bytes: Buffer, fileName: string, limits: SpreadsheetLimits): Promise<void> {
  if (bytes.length > limits.maxBytes)
    throw spreadsheetErrors.fileTooLarge({ field: 'file', params: { name: fileName, mb: limits.maxBytes / MB } });
  if (!/\.xlsx$/i.test(fileName)) return;
  const unreadable = () => spreadsheetErrors.unreadable({ field: 'file', params: { name: fileName } });
  const entries = zipEntries(bytes, unreadable);
  const total = UNPACKED_FLOOR + limits.maxRows * UNPACKED_BYTES_PER_ROW;
  const shared = SHARED_STRINGS_FLOOR + limits.maxRows * SHARED_STRINGS_BYTES_PER_ROW;
  const tooLarge = (cap: number) =>
    spreadsheetErrors.unpacksTooLarge({
      field: 'file',
      params: { name: fileName, mb: Math.floor(cap / MB), rows: limits.maxRows },
    });
  let sum = 0;
  for (const e of entries) {
    sum += e.size;
    if (e.name === 'xl/sharedStrings.xml' && e.size > shared) throw tooLarge(shared);
    if (sum > total) throw tooLarge(total);
  }
  // the sizes are the file's own word: each part is unpacked once, into nothing, and stopped where it says it ends
  for (const e of entries) {
    if (e.method === 0) continue;
    let out = 0;
    const count = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.length;
        done(out > e.size ? unreadable() : null);
      },
    });
    try {
      await pipeline(
        Readable.from([bytes.subarray(e.dataStart, e.dataStart + e.compressedSize)]),
        createInflateRaw(),
        count,
      );
    } catch {
      throw unreadable();
    }
    if (out !== e.size) throw unreadable();
  }
}

interface ZipEntry {
  name: string;
  method: number;
  size: number;
  compressedSize: number;
  dataStart: number;
}

/**
 * The parts a zip's central directory lists, checked to be all it holds: the reader walks the local headers from
 * the first byte, so each part must start where the one before it ends and agree with the directory on its sizes,
 * leaving nowhere for a part the directory does not list.
 */
function zipEntries(b: Buffer, unreadable: () => AppError): ZipEntry[] {
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  const count = b.readUInt16LE(end + 10);
  const cdSize = b.readUInt32LE(end + 12);
  const cdStart = b.readUInt32LE(end + 16);
  // a zip64 or multi-disk archive is no spreadsheet anyone uploads
  if (b.readUInt16LE(end + 4) !== 0 || count === 0xffff || cdStart === 0xffffffff || cdStart + cdSize > end)
    throw unreadable();
  const entries: (ZipEntry & { offset: number; flags: number })[] = [];
  let p = cdStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || b.readUInt32LE(p) !== 0x02014b50) throw unreadable();
    const nameLength = b.readUInt16LE(p + 28);
    const entry = {
      flags: b.readUInt16LE(p + 8),
      method: b.readUInt16LE(p + 10),
      compressedSize: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      name: b.toString('utf8', p + 46, p + 46 + nameLength),
      offset: b.readUInt32LE(p + 42),
      dataStart: 0,
    };
    if (![0, 8].includes(entry.method) || entry.size === 0xffffffff || entry.compressedSize === 0xffffffff)
      throw unreadable();
    if (entry.method === 0 && entry.size !== entry.compressedSize) throw unreadable();
    entries.push(entry);
    p += 46 + nameLength + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  let next = 0;
  for (const e of [...entries].sort((x, y) => x.offset - y.offset)) {
    if (e.offset !== next || e.offset + 30 > cdStart || b.readUInt32LE(e.offset) !== 0x04034b50) throw unreadable();
    const nameLength = b.readUInt16LE(e.offset + 26);
    if (b.toString('utf8', e.offset + 30, e.offset + 30 + nameLength) !== e.name) throw unreadable();
    const descriptor = (e.flags & 0x08) !== 0;
    if (
      b.readUInt16LE(e.offset + 8) !== e.method ||
      (!descriptor && (b.readUInt32LE(e.offset + 18) !== e.compressedSize || b.readUInt32LE(e.offset + 22) !== e.size))
    )
      throw unreadable();
    e.dataStart = e.offset + 30 + nameLength + b.readUInt16LE(e.offset + 28);
    next = e.dataStart + e.compressedSize;
    if (descriptor) next += next + 4 <= cdStart && b.readUInt32LE(next) === 0x08074b50 ? 16 : 12;
    if (next > cdStart) throw unreadable();
  }
  if (next !== cdStart) throw unreadable();
  return entries;
}

/**
 * A CSV the parser cannot go on with, told by its position alone: csv-parse's own error quotes the cell it choked on
 * (a phone number, an ID number) and carries the record, and whatever logs the error would write them out.
 */
function unreadableAt(line: number, column: string | number | undefined): AppError {
  return coreErrors.unreadableSpreadsheet({
    field: 'file',
    params: { line, column: column === undefined ? '?' : String(column) },
  });
}

export function isUnreadableSpreadsheet(err: unknown): boolean {
  return (
    err instanceof AppError &&
    (err.code === coreErrors.unreadableSpreadsheet().code ||
      err.code === spreadsheetErrors.unreadable({ params: { name: '' } }).code)
  );
}

/**
 * Rows one at a time from a stored upload, CSV or XLSX (first sheet, first row the headers), with their spreadsheet
 * row numbers: never all in memory, an xlsx checked against `limits` before it is opened, and no more rows than they
 * allow. A file that cannot be read is refused as such, naming it (a CSV by the row and column where it broke, never
 * by the value), and so is a cell holding U+0000, which no database text can hold (binary bytes named .csv).
 */
export async function* readSpreadsheetRows(
  path: string,
  fileName: string,
  limits: SpreadsheetLimits,
): AsyncGenerator<{ line: number; cells: Record<string, string> }> {
  let line = 1;
  try {
    for await (const row of readRows(path, fileName, limits)) {
      line = row.line;
      if (Object.values(row.cells).some((v) => v.includes('\0')))
        throw coreErrors.invalid({
          field: 'file',
          params: {
            reason: {
              'zh-CN': `第 ${row.line} 行含有空字符（U+0000）`,
              en: `row ${row.line} contains a NUL character (U+0000)`,
            },
          },
        });
      yield row;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof CsvError)
      throw unreadableAt(
        typeof err.lines === 'number' ? err.lines : line + 1,
        err.column as string | number | undefined,
      );
    throw spreadsheetErrors.unreadable({ field: 'file', params: { name: fileName } });
  }
}

async function* readRows(path: string, fileName: string, limits: SpreadsheetLimits) {
  let rows = 0;
  const counted = (line: number, cells: Record<string, string>) => {
    if (++rows > limits.maxRows)
      throw spreadsheetErrors.tooManyRows({ field: 'file', params: { name: fileName, max: limits.maxRows } });
    return { line, cells };
  };
  const header = (names: string[]) => {
    if (names.length > MAX_COLUMNS)
      throw spreadsheetErrors.tooManyColumns({ field: 'file', params: { name: fileName, max: MAX_COLUMNS } });
    return names;
  };
  if (/\.xlsx$/i.test(fileName)) {
    await checkSpreadsheet(await readFile(path), fileName, limits);
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
        if (row.number === 1) headers = header(values.map((h) => h.trim()));
        else yield counted(row.number, Object.fromEntries(headers.map((h, i) => [h, values[i] ?? ''])));
      }
      return;
    }
    return;
  }
  const parser = createReadStream(path).pipe(
    parse({
      columns: (h: string[]) => header(h.map((x) => x.replace(/^\uFEFF/, '').trim())),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }),
  );
  let line = 1;
  for await (const record of parser) {
    line++;
    yield counted(line, record as Record<string, string>);
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
