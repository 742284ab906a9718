import path from 'node:path';
import type { ShanzhiModule } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { casesPermissions } from './cases.permissions.js';
import { casesRoutes } from './cases.routes.js';
import { casesSettings } from './cases.settings.js';
import { refreshCalendar, seedCalendar } from './commands/load-calendar-year.js';
import { resealCases } from './commands/reseal-cases.js';
import { seedCategories } from './commands/seed-categories.js';
import { escalateMissedReportIns } from './jobs/escalate-missed-report-ins.js';
import { escalateOverdue } from './jobs/escalate-overdue.js';

/** Depends on geo (a report is filed under the grid its point falls in) and identity (orgs, the actor). */
export function createCasesModule(deps: { locator: GridLocator }): ShanzhiModule {
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'cases',
    dependsOn: ['geo', 'identity'],
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    settings: casesSettings,
    permissions: casesPermissions,
    // a reporter's phone, given with a report or through Open311
    redact: ['*.phone'],
    async seed(ctx) {
      return { categories: await seedCategories(ctx.db), calendarYears: await seedCalendar(ctx.db) };
    },
    async reseal(ctx, progress) {
      return { reporters: await resealCases(ctx.db, ctx.cipher, progress) };
    },
    routes: (app, ctx) => casesRoutes(app, ctx, deps.locator),
    async start(ctx) {
      await refreshCalendar(ctx.db, true);
      const seconds = ctx.config.cases.escalationIntervalSeconds;
      if (!seconds) return;
      timer = setInterval(() => {
        // a year another instance loaded is counted here from the next tick on
        refreshCalendar(ctx.db)
          .then(() => escalateOverdue(ctx))
          .catch((err) => ctx.log.error({ err }, 'overdue escalation failed'))
          // report-in deadlines run in hours: checked on every tick, whatever became of the escalation
          .then(() => escalateMissedReportIns(ctx))
          .catch((err) => ctx.log.error({ err }, 'report-in deadline check failed'));
      }, seconds * 1000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}
