import path from 'node:path';
import type { ShanzhiModule } from '../../core/module.js';
import { seedGeo } from './commands/seed-geo.js';
import { geoPermissions } from './geo.permissions.js';
import { geoRoutes } from './geo.routes.js';
import { geoSettings } from './geo.settings.js';
import { GridLocator } from './queries/locate-point.js';

export interface GeoModule extends ShanzhiModule {
  readonly locator: GridLocator;
}

/** Regions, grids and point → grid: every other module files what it keeps under a grid this module finds. */
export function createGeoModule(): GeoModule {
  const locator = new GridLocator();
  return {
    name: 'geo',
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    settings: geoSettings,
    permissions: geoPermissions,
    locator,
    async seed(ctx, opts) {
      const seeded = await seedGeo(ctx.db, {
        demoGrids: opts.demo !== 'none',
        districts: opts.districts,
        log: ctx.log,
      });
      if (!seeded.seeded) return undefined;
      await locator.changed();
      return { grids: seeded.grids };
    },
    routes: (app, ctx) => geoRoutes(app, ctx, locator),
    start: (ctx) => locator.start(ctx.db),
    stop: () => locator.stop(),
    ready: () => locator.ready,
  };
}
