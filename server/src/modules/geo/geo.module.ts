import path from 'node:path';
import type { ModuleContext, ShanzhiModule } from '../../core/module.js';
import { geoRoutes } from './geo.routes.js';
import { GridLocator } from './queries/locate-point.js';

export interface GeoModule extends ShanzhiModule {
  readonly locator: GridLocator;
}

export function createGeoModule(ctx: Pick<ModuleContext, 'db'>): GeoModule {
  const locator = new GridLocator(ctx.db);
  return {
    name: 'geo',
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    locator,
    routes: (app, moduleCtx) => geoRoutes(app, moduleCtx, locator),
    start: () => locator.start(),
    stop: () => locator.stop(),
    ready: () => locator.ready,
  };
}
