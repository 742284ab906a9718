import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { inertCell } from '../../../core/spreadsheet.js';
import { type ExportFilter, exportExtent, exportPage } from '../db/people.repository.js';
import { COLUMNS, TAG_LABELS } from '../domain/import-row.js';
import type { PersonTag } from '../domain/tags.js';

const PAGE = 1000;

const HEADERS = [
  { header: COLUMNS.name, key: 'name', width: 12 },
  { header: `${COLUMNS.idNumber}（脱敏）`, key: 'idNumber', width: 22 },
  { header: `${COLUMNS.phone}（脱敏）`, key: 'phone', width: 16 },
  { header: '性别', key: 'sex', width: 6 },
  { header: '出生日期', key: 'birthDate', width: 12 },
  { header: COLUMNS.residence, key: 'residence', width: 10 },
  { header: COLUMNS.address, key: 'address', width: 36 },
  { header: COLUMNS.unit, key: 'unit', width: 8 },
  { header: COLUMNS.room, key: 'room', width: 8 },
  { header: '网格', key: 'grid', width: 18 },
  { header: COLUMNS.tags, key: 'tags', width: 30 },
];

/**
 * 实有人口台账 as a spreadsheet: masked values only (the sealed ones are never read), the actor's scope only, and
 * one audit row with the count written before the first byte leaves. Rows are read a page at a time and streamed
 * out through exceljs's streaming writer, so a district's worth never sits in memory.
 */
export async function exportPeople(
  ctx: Pick<ModuleContext, 'db' | 'log'>,
  actor: Actor,
  filter: { area: string; regionCode?: string; tag?: PersonTag },
  meta: { ip?: string; requestId?: string },
): Promise<Readable> {
  const f: ExportFilter = { scope: actor.scopePath, area: filter.area, tag: filter.tag };
  const { count, lastId } = await exportExtent(ctx.db, f);
  await writeAudit(ctx.db, {
    actorId: actor.id,
    actorName: actor.username,
    action: 'registry.people_exported',
    subject: `region:${filter.regionCode ?? (actor.scopePath || 'all')}`,
    detail: { count, regionCode: filter.regionCode ?? null, tag: filter.tag ?? null },
    ...meta,
  });
  const stream = new PassThrough();
  writeWorkbook(ctx, f, lastId, stream).catch((err: unknown) => {
    ctx.log.error({ err }, 'people export failed');
    stream.destroy(err as Error);
  });
  return stream;
}

async function writeWorkbook(ctx: Pick<ModuleContext, 'db'>, f: ExportFilter, lastId: number, out: PassThrough) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = '善治 Shanzhi';
  const sheet = book.addWorksheet('实有人口');
  sheet.columns = HEADERS;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let after = 0;
  for (;;) {
    const page = await exportPage(ctx.db, f, after, lastId, PAGE);
    for (const p of page) {
      sheet
        .addRow({
          name: inertCell(p.name),
          idNumber: p.idNumberMasked,
          phone: p.phoneMasked ?? '',
          sex: p.sex === 'male' ? '男' : '女',
          birthDate: p.birthDate,
          residence: p.registered ? '本地' : '流动',
          address: inertCell(p.address ?? ''),
          unit: inertCell(p.unit ?? ''),
          room: inertCell(p.room ?? ''),
          grid: p.gridCode,
          tags: p.tags.map((t) => TAG_LABELS[t as PersonTag] ?? t).join('，'),
        })
        .commit();
    }
    if (page.length < PAGE) break;
    after = page.at(-1)?.id ?? lastId;
    // let a slow download catch up rather than buffer the whole district
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    if (out.destroyed) return;
  }
  sheet.commit();
  await book.commit();
}
