import type { ShanzhiModule } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { open311Permissions } from './open311.permissions.js';
import { open311Routes } from './open311.routes.js';

/** An adapter over the case loop: it owns no tables and speaks the Open311 GeoReport v2 standard at its URL. */
export function createOpen311Module(deps: { locator: GridLocator }): ShanzhiModule {
  return {
    name: 'open311',
    dependsOn: ['geo', 'identity', 'cases'],
    prefix: '/open311/v2',
    permissions: open311Permissions,
    routes: (app, ctx) => open311Routes(app, ctx, deps.locator),
  };
}
