import { type Config, loadConfig } from './core/config.js';
import { orderModules, type ShanzhiModule } from './core/module.js';
import { createAdminModule } from './modules/admin/index.js';
import { createCasesModule } from './modules/cases/index.js';
import { createGeoModule } from './modules/geo/index.js';
import { createIdentityModule, publishedWorkPhones } from './modules/identity/index.js';
import { createIotModule } from './modules/iot/index.js';
import { createNotifyModule } from './modules/notify/index.js';
import { createOpen311Module } from './modules/open311/index.js';
import { createRegistryModule } from './modules/registry/index.js';

/**
 * The one list of modules: a new module is one line here. Its `dependsOn` decides the order in which modules start;
 * a module that needs another's live service (geo's point → grid locator, identity's published work phones for geo's
 * grid card) receives it here.
 */
export function createModules(): ShanzhiModule[] {
  // the grid card lists the team's work phones, which identity keeps and geo may not import
  const geo = createGeoModule({ workPhones: publishedWorkPhones });
  const { locator } = geo;
  return orderModules([
    geo,
    createIdentityModule(),
    createCasesModule({ locator }),
    createNotifyModule(),
    createOpen311Module({ locator }),
    createRegistryModule({ locator }),
    createIotModule({ locator }),
    createAdminModule(),
  ]);
}

/** The configuration with every module's settings, from the environment (or the variables given). */
export function loadShanzhiConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig(
    env,
    createModules().flatMap((m) => (m.settings ? [m.settings] : [])),
  );
}
