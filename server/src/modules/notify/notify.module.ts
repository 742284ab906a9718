import path from 'node:path';
import type { ShanzhiModule } from '../../core/module.js';
import { notifyPermissions } from './notify.permissions.js';
import { notifyRoutes } from './notify.routes.js';
import { NotifyService } from './notify.service.js';
import { notifySettings } from './notify.settings.js';
import { LiveSender, SmsSender, WechatSender } from './senders.js';
import { subscribeToAlarms } from './subscribers/on-alarm-escalated.js';
import { subscribeToCases } from './subscribers/on-case-event.js';
import { subscribeToCaseWork } from './subscribers/on-case-step-to-act.js';
import { subscribeToImports } from './subscribers/on-import-failed.js';
import { subscribeToMissedReportIns } from './subscribers/on-report-in-missed.js';

/** Listens to other modules' events and tells people; owns nothing but the messages it sent and whom they reached. */
export function createNotifyModule(): ShanzhiModule {
  const live = new LiveSender();
  return {
    name: 'notify',
    dependsOn: ['identity', 'geo', 'cases', 'iot', 'registry'],
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    settings: notifySettings,
    permissions: notifyPermissions,
    routes: (app, ctx) => notifyRoutes(app, ctx, live),
    async start(ctx) {
      const service = new NotifyService(ctx.db, [
        live,
        new SmsSender(ctx.db, ctx.cipher, ctx.sms, ctx.config.notify.quietHours),
        new WechatSender(ctx.db, ctx.cipher, ctx.wechat, ctx.config.notify.quietHours, ctx.config.publicUrl),
      ]);
      subscribeToCases(ctx, service);
      subscribeToCaseWork(ctx, service);
      subscribeToMissedReportIns(ctx, service);
      subscribeToAlarms(ctx, service);
      subscribeToImports(ctx, service);
    },
  };
}
