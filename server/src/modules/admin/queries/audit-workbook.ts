import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type AuditFilter, countAudit, listAudit, writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { inertCell } from '../../../core/spreadsheet.js';

const PAGE = 1000;

/**
 * The filtered audit trail as a spreadsheet, streamed a page at a time; the export itself is an audit row written
 * before the first byte leaves, so taking the trail away leaves a trace in it.
 */
export async function exportAudit(
  ctx: Pick<ModuleContext, 'db' | 'log'>,
  actor: Actor,
  filter: AuditFilter,
  meta: { ip?: string; requestId?: string },
): Promise<Readable> {
  const count = await countAudit(ctx.db, filter);
  await writeAudit(ctx.db, {
    actorId: actor.id,
    actorName: actor.username,
    action: 'admin.audit_exported',
    detail: { count, filter: { ...filter } },
    ...meta,
  });
  const out = new PassThrough();
  write(ctx, filter, out).catch((err: unknown) => {
    ctx.log.error({ err }, 'audit export failed');
    out.destroy(err as Error);
  });
  return out;
}

async function write(ctx: Pick<ModuleContext, 'db'>, filter: AuditFilter, out: PassThrough) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = '善治 Shanzhi';
  const sheet = book.addWorksheet('审计日志');
  sheet.columns = [
    { header: '时间 Time', key: 'at', width: 22 },
    { header: '操作人 Actor', key: 'actor', width: 18 },
    { header: '操作 Action', key: 'action', width: 30 },
    { header: '对象 Subject', key: 'subject', width: 24 },
    { header: '详情 Detail', key: 'detail', width: 60 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '请求 Request', key: 'requestId', width: 38 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let before: number | undefined;
  for (;;) {
    const page = await listAudit(ctx.db, filter, { before, limit: PAGE });
    for (const r of page)
      sheet
        .addRow({
          at: new Date(r.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
          actor: inertCell(r.actorName ?? (r.actorId === null ? '系统' : `#${r.actorId}`)),
          action: r.action,
          subject: inertCell(r.subject ?? ''),
          detail: JSON.stringify(r.detail),
          ip: r.ip ?? '',
          requestId: r.requestId ?? '',
        })
        .commit();
    if (page.length < PAGE) break;
    before = page.at(-1)?.id;
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    if (out.destroyed) return;
  }
  sheet.commit();
  await book.commit();
}
