import path from 'node:path';
import type { PersonalDataCipher } from '../../core/crypto.js';
import type { Queryable } from '../../core/db.js';
import { originOf } from '../../core/http-hardening.js';
import type { ShanzhiModule } from '../../core/module.js';
import { seedGeo } from './commands/seed-geo.js';
import { geoPermissions } from './geo.permissions.js';
import { geoRoutes } from './geo.routes.js';
import { geoSettings } from './geo.settings.js';
import { GridLocator } from './queries/locate-point.js';

/**
 * The published work phones of staff accounts by user id. Identity keeps them and depends on geo, so geo cannot import
 * identity: modules.ts hands identity's `publishedWorkPhones` in here, and geo never reads identity's tables.
 */
export type WorkPhones = (db: Queryable, cipher: PersonalDataCipher, userIds: number[]) => Promise<Map<number, string>>;

export interface GeoModule extends ShanzhiModule {
  readonly locator: GridLocator;
}

/** Regions, grids and point → grid: every other module files what it keeps under a grid this module finds. */
export function createGeoModule(deps: { workPhones?: WorkPhones } = {}): GeoModule {
  // geo on its own (the benches' locator) has no identity to ask: its grid cards list no numbers
  const workPhones: WorkPhones = deps.workPhones ?? (async () => new Map());
  const locator = new GridLocator();
  return {
    name: 'geo',
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    settings: geoSettings,
    permissions: geoPermissions,
    contentOrigins: (config) => {
      const tiles = config.geo.map.tileUrl && originOf(config.geo.map.tileUrl);
      return tiles ? [tiles] : [];
    },
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
    routes: (app, ctx) => geoRoutes(app, ctx, locator, workPhones),
    start: (ctx) => locator.start(ctx.db),
    stop: () => locator.stop(),
    ready: () => locator.ready,
  };
}
