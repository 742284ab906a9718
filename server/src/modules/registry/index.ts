/** The registry module's public face. */

export { resealRegistry } from './commands/rotate-keys.js';
export { DEMO_SCALES, seedDemoRegistry } from './commands/seed-demo-registry.js';
export {
  type BuildingPlace,
  findBuildingPlace,
  getVenue as findVenue,
  listBuildingPlaces,
  listVenuePlaces,
  type VenueRecord,
} from './db/registry.repository.js';
export { createRegistryModule } from './registry.module.js';
