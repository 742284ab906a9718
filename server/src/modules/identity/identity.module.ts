import path from 'node:path';
import type { ShanzhiModule } from '../../core/module.js';
import { listDistrictsAndStreets } from '../geo/index.js';
import { resealIdentity } from './commands/reseal-identity.js';
import { seedOrgs } from './commands/seed-orgs.js';
import { identityHooks } from './identity.hooks.js';
import { identityPermissions } from './identity.permissions.js';
import { identityRoutes } from './identity.routes.js';
import { identitySettings } from './identity.settings.js';

/** Users, sessions and organisations; depends on geo for the regions a scope and an organisation name. */
export function createIdentityModule(): ShanzhiModule {
  return {
    name: 'identity',
    dependsOn: ['geo'],
    migrationsDir: path.join(import.meta.dirname, 'db/migrations'),
    settings: identitySettings,
    permissions: identityPermissions,
    redact: [
      '*.password',
      '*.currentPassword',
      '*.newPassword',
      '*.oneTimePassword',
      '*.token',
      '*.code',
      '*.phone',
      '*.idNumber',
      '*.realName',
    ],
    async seed(ctx) {
      return { organisations: await seedOrgs(ctx.db, await listDistrictsAndStreets(ctx.db)) };
    },
    reseal: async (ctx, progress) => ({ residentAccounts: await resealIdentity(ctx.db, ctx.cipher, progress) }),
    hooks: identityHooks,
    routes: identityRoutes,
  };
}
