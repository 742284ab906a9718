import path from 'node:path';
import type { ShanzhiModule } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { registryRoutes } from './registry.routes.js';

/** 人房物情: buildings and the people in them; depends on geo for grids and scopes. */
export function createRegistryModule(deps: { locator: GridLocator }): ShanzhiModule {
  return {
    name: 'registry',
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    routes: (app, ctx) => registryRoutes(app, ctx, deps.locator),
  };
}
