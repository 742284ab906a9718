import path from 'node:path';
import type { ShanzhiModule } from '../../core/module.js';
import { identityHooks } from './identity.hooks.js';
import { identityRoutes } from './identity.routes.js';

export function createIdentityModule(): ShanzhiModule {
  return {
    name: 'identity',
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    hooks: identityHooks,
    routes: identityRoutes,
  };
}
