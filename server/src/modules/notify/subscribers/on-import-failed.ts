import type { ModuleContext } from '../../../core/module.js';
import { IMPORT_FAILED } from '../../registry/index.js';
import type { NotifyService } from '../notify.service.js';

/** Whoever started an import hears when it failed and why: it ran in the background, perhaps after they left. */
export function subscribeToImports(ctx: Pick<ModuleContext, 'events'>, notify: NotifyService): void {
  ctx.events.subscribe('notify.import_failures', [IMPORT_FAILED], async (event) => {
    const p = event.payload;
    await notify.send({
      userId: p.startedBy,
      kind: event.type,
      titleZh: `导入“${p.fileName}”失败：${p.reasonZh}`,
      titleEn: `Import of "${p.fileName}" failed: ${p.reasonEn}`,
      subject: `import:${p.importId}`,
      eventId: event.id,
    });
  });
}
