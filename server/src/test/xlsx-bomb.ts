import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A valid xlsx whose shared strings unpack to `unpackedMb` megabytes from about a thousandth of that: one string of
 * 'A's. The deflate stream is one compressed megabyte repeated (each piece flushed, so they chain), which makes a
 * gigabyte's bomb in milliseconds. `lie` declares a few kilobytes for it instead, as a hostile file would.
 */
export function xlsxBomb(opts: { unpackedMb: number; lie?: boolean }): Buffer {
  const MB = 1024 * 1024;
  const head = Buffer.from(`${XML}<sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>`);
  const tail = Buffer.from('</t></si></sst>');
  const piece = Buffer.alloc(MB, 'A');
  const flushed = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const deflated = Buffer.concat([
    deflateRawSync(head, flushed),
    ...Array<Buffer>(opts.unpackedMb).fill(deflateRawSync(piece, flushed)),
    deflateRawSync(tail),
  ]);
  let crc = crc32(head);
  for (let i = 0; i < opts.unpackedMb; i++) crc = crc32(piece, crc);
  const size = head.length + opts.unpackedMb * MB + tail.length;
  return zip([
    ...PARTS.map(([name, text]) => stored(name, Buffer.from(text))),
    { name: 'xl/sharedStrings.xml', method: 8, crc: crc32(tail, crc), size: opts.lie ? 4096 : size, data: deflated },
  ]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const PARTS: [string, string][] = [
  [
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
  ],
  [
    '_rels/.rels',
    `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="实有人口" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ],
  [
    'xl/worksheets/sheet1.xml',
    `${XML}<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
  ],
];

interface Part {
  name: string;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Buffer;
}

const stored = (name: string, data: Buffer): Part => ({ name, method: 0, crc: crc32(data), size: data.length, data });

/** A zip of the parts in order: local headers and data, then the central directory. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(p.method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    local.copy(entry, 8, 6, 30);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(entry, name);
    offset += local.length + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
