import ExcelJS from 'exceljs';
import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import type { Locale } from '../../../core/i18n.js';
import { inertCell } from '../../../core/spreadsheet.js';
import { getImport, listImportErrors, listUnmatched } from '../db/imports.repository.js';
import { COLUMNS, TAG_LABELS } from '../domain/import-row.js';
import { registryErrors } from '../registry.errors.js';

/** An import is seen by whoever started it, and why it failed in their language. */
export async function loadImport(db: Queryable, actor: Actor, id: number, locale: Locale) {
  const job = await getImport(db, id);
  if (!job || job.createdBy !== actor.id) throw registryErrors.notFound({ field: 'id' });
  const { fileKey: _f, scopePath: _s, createdBy: _c, failureZh, failureEn, ...visible } = job;
  return { ...visible, failureReason: locale === 'zh-CN' ? failureZh : failureEn };
}

export async function errorReport(db: Queryable, actor: Actor, id: number, locale: Locale): Promise<Buffer> {
  await loadImport(db, actor, id, locale);
  const zh = locale === 'zh-CN';
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(zh ? '错误报告' : 'Errors');
  sheet.columns = [
    { header: zh ? '行号' : 'Row', key: 'row', width: 8 },
    { header: zh ? '列' : 'Column', key: 'column', width: 14 },
    { header: zh ? '问题' : 'Problem', key: 'message', width: 50 },
  ];
  for (const e of await listImportErrors(db, id))
    sheet.addRow({ row: e.row, column: e.column, message: zh ? e.zh : e.en });
  const review = book.addWorksheet(zh ? '地址未匹配' : 'Unmatched addresses');
  review.columns = [
    { header: zh ? '行号' : 'Row', key: 'row', width: 8 },
    { header: zh ? '姓名' : 'Name', key: 'name', width: 12 },
    { header: zh ? '楼栋地址' : 'Building address', key: 'address', width: 50 },
  ];
  for (const u of await listUnmatched(db, id))
    review.addRow({ row: u.row, name: inertCell(u.name), address: inertCell(u.address) });
  sheet.getRow(1).font = { bold: true };
  review.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The template an agency fills in: the columns, one example row, and the tag names it may use. */
export async function importTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('实有人口');
  sheet.columns = Object.values(COLUMNS).map((header) => ({
    header,
    key: header,
    width: header === '楼栋地址' ? 36 : 16,
  }));
  sheet.addRow({
    姓名: '王某某',
    身份证号: '11010519491231002X',
    手机号: '13800000000',
    楼栋地址: '老城街道南关社区 3 栋',
    单元: '1',
    房号: '301',
    户籍类型: '本地',
    标签: '独居，党员',
  });
  sheet.getRow(1).font = { bold: true };
  const help = book.addWorksheet('说明');
  help.addRow(['户籍类型', '本地 或 流动']);
  help.addRow(['标签（多个用逗号分隔）', Object.values(TAG_LABELS).join('，')]);
  help.addRow(['身份证号', '18 位，按 GB 11643 校验；老年人、未成年人标签由出生日期自动生成']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
