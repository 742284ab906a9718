import type { ShanzhiModule } from '../../core/module.js';
import { resealDevOutbox } from '../../core/sms.js';
import { resealDevWechatOutbox } from '../../core/wechat.js';
import { adminPermissions } from './admin.permissions.js';
import { adminRoutes } from './admin.routes.js';

/**
 * The platform's own records for its administrators: the audit trail every command writes and the event outbox's
 * deliveries, and the development SMS and WeChat outboxes. The tables are the core's (`core_*`, created by the core's own
 * migrations); this module reads them, and seals the outboxes' numbers and openids again on a key rotation, through the core's
 * functions, and owns nothing.
 */
export function createAdminModule(): ShanzhiModule {
  return {
    name: 'admin',
    // the audit trail shows people by name, which identity keeps
    dependsOn: ['identity'],
    permissions: adminPermissions,
    reseal: async (ctx, progress) => ({
      devOutboxPhones: await resealDevOutbox(ctx.db, ctx.cipher, progress),
      devWechatOpenids: await resealDevWechatOutbox(ctx.db, ctx.cipher, progress),
    }),
    routes: adminRoutes,
  };
}
