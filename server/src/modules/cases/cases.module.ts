import path from 'node:path';
import type { ShanzhiModule } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { casesRoutes } from './cases.routes.js';
import { escalateOverdue } from './jobs/escalate-overdue.js';

/** Depends on geo (a report is filed under the grid its point falls in) and identity (orgs, the actor). */
export function createCasesModule(deps: { locator: GridLocator }): ShanzhiModule {
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'cases',
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    routes: (app, ctx) => casesRoutes(app, ctx, deps.locator),
    async start(ctx) {
      const seconds = ctx.config.escalationIntervalSeconds;
      if (!seconds) return;
      timer = setInterval(() => {
        escalateOverdue(ctx).catch((err) => ctx.log.error({ err }, 'overdue escalation failed'));
      }, seconds * 1000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}
