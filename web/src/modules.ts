import { adminModule } from './modules/admin/module';
import { casesModule } from './modules/cases/module';
import { geoModule } from './modules/geo/module';
import { identityModule } from './modules/identity/module';
import { iotModule } from './modules/iot/module';
import { kpisModule } from './modules/kpis/module';
import { notifyModule } from './modules/notify/module';
import { phoneModule } from './modules/phone/module';
import { registryModule } from './modules/registry/module';

/**
 * Every web module, each declared in its own folder: listing a module here wires in its console pages, their menu
 * entries and its messages.
 */
export const WEB_MODULES = [
  identityModule,
  geoModule,
  casesModule,
  registryModule,
  iotModule,
  kpisModule,
  notifyModule,
  adminModule,
  phoneModule,
] as const;
