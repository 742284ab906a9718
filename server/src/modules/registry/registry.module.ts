import path from 'node:path';
import { DEMO_DISTRICT, DEMO_SEED } from '../../core/demo.js';
import type { ShanzhiModule } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { failAbandonedImports } from './commands/fail-import.js';
import { resealRegistry } from './commands/rotate-keys.js';
import { DEMO_SCALES, seedDemoRegistry } from './commands/seed-demo-registry.js';
import { registryPermissions } from './registry.permissions.js';
import { registryRoutes } from './registry.routes.js';

/** 人房物情: buildings and the people in them; depends on geo for grids and scopes, cases for their counts. */
export function createRegistryModule(deps: { locator: GridLocator }): ShanzhiModule {
  return {
    name: 'registry',
    dependsOn: ['geo', 'identity', 'cases'],
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    permissions: registryPermissions,
    redact: ['*.idNumber', '*.phone', '*.contactPhone'],
    async seed(ctx, opts) {
      if (!opts.firstStart || opts.demo !== 'demo') return undefined;
      return seedDemoRegistry(ctx, { districtCode: DEMO_DISTRICT, seed: DEMO_SEED, ...DEMO_SCALES[opts.scale] });
    },
    reseal: (ctx, progress) => resealRegistry(ctx.db, ctx.cipher, progress),
    routes: (app, ctx) => registryRoutes(app, ctx, deps.locator),
    async recover(ctx) {
      const failed = await failAbandonedImports(ctx);
      if (failed) ctx.log.warn({ failed }, 'imports a stopped process left unfinished were failed');
    },
  };
}
