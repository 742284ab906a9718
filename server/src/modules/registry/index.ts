/** The registry module's public face. */

export { seedDemoRegistry } from './commands/seed-demo-registry.js';
export { type BuildingPlace, findBuildingPlace, listBuildingPlaces } from './db/registry.repository.js';
export { createRegistryModule } from './registry.module.js';
