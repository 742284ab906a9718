import { writeAudit } from '../../../core/audit.js';
import { AppError } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { failImport as failImportRow, getImport, unfinishedImports } from '../db/imports.repository.js';
import { IMPORT_FAILED } from '../registry.events.js';

type Ctx = Pick<ModuleContext, 'db' | 'events'>;
type Reason = { zh: string; en: string };

/**
 * An import nobody has written to for this long was left by a process that died: a running one writes its progress
 * at least every chunk of rows, and a chunk takes seconds. On the embedded engine the one process is this one.
 */
const ABANDONED_AFTER_SECONDS = 300;

const written = (n: number): Reason =>
  n > 0
    ? {
        zh: `已写入的 ${n} 人保留；重新导入同一文件即可补齐其余各行（已写入的计为重复）`,
        en: `the ${n} people already written stay; import the same file again to add the rest (those count as duplicates)`,
      }
    : { zh: '未写入任何数据，请重新导入', en: 'nothing was written; import the file again' };

/** Why the import stopped, in both languages, with what it left behind. */
export function failureReason(cause: unknown, importedRows: number): Reason {
  const left = written(importedRows);
  if (cause === 'restarted')
    return { zh: `服务重启，导入中断；${left.zh}`, en: `The server restarted during the import; ${left.en}` };
  if (cause instanceof AppError) return { zh: cause.localized('zh-CN'), en: cause.localized('en') };
  return { zh: `服务器内部错误，导入中断；${left.zh}`, en: `An internal error stopped the import; ${left.en}` };
}

/**
 * Fails an import that is still running with its reason, in one transaction with the audit row and the event that
 * tells whoever started it. `ifQuietFor` leaves it alone if anything wrote to it within that many seconds.
 */
export async function failImport(ctx: Ctx, importId: number, cause: unknown, ifQuietFor?: number): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const job = await getImport(tx, importId);
    if (!job) return false;
    const reason = failureReason(cause, job.importedRows);
    const failed = await failImportRow(tx, importId, reason, ifQuietFor);
    if (!failed) return false;
    await writeAudit(tx, {
      action: 'registry.import_failed',
      subject: `import:${importId}`,
      detail: { reason: reason.en, importedRows: failed.importedRows },
    });
    await ctx.events.publish(
      tx,
      IMPORT_FAILED,
      {
        importId,
        fileName: failed.fileName,
        startedBy: failed.createdBy,
        importedRows: failed.importedRows,
        reasonZh: reason.zh,
        reasonEn: reason.en,
      },
      { aggregate: `import:${importId}` },
    );
    return true;
  });
}

/**
 * At start: the imports a crashed process left checking or importing are failed, and their starters told, rather
 * than shown as running for ever. On a server, one another instance is still moving is left to it.
 */
export async function failAbandonedImports(ctx: Ctx): Promise<number> {
  const quiet = ctx.db.engine === 'embedded' ? 0 : ABANDONED_AFTER_SECONDS;
  let failed = 0;
  for (const { id } of await unfinishedImports(ctx.db, quiet))
    if (await failImport(ctx, id, 'restarted', quiet)) failed++;
  return failed;
}
