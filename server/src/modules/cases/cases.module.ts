import path from 'node:path';
import type { ShanzhiModule } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { casesRoutes } from './cases.routes.js';

/** Depends on geo (a report is filed under the grid its point falls in) and identity (orgs, the actor). */
export function createCasesModule(deps: { locator: GridLocator }): ShanzhiModule {
  return {
    name: 'cases',
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    routes: (app, ctx) => casesRoutes(app, ctx, deps.locator),
  };
}
