import path from 'node:path';
import { DEMO_DISTRICT, DEMO_SEED } from '../../core/demo.js';
import type { SeedReport, ShanzhiModule } from '../../core/module.js';
import { listDistrictsAndStreets } from '../geo/index.js';
import { resealIdentity } from './commands/reseal-identity.js';
import { seedDemoStaff } from './commands/seed-demo-staff.js';
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
      '*.workPhone',
      '*.openid',
      '*.idNumber',
      '*.realName',
    ],
    async seed(ctx, opts): Promise<SeedReport> {
      const organisations = await seedOrgs(ctx.db, await listDistrictsAndStreets(ctx.db));
      if (!opts.firstStart || opts.demo !== 'demo') return { organisations };
      return {
        organisations,
        demoStaff: await seedDemoStaff(ctx.db, { districtCode: DEMO_DISTRICT, seed: DEMO_SEED }),
      };
    },
    reseal: async (ctx, progress) => ({ sealedUsers: await resealIdentity(ctx.db, ctx.cipher, progress) }),
    hooks: identityHooks,
    routes: identityRoutes,
  };
}
