/** The registry module's public face. */

export { resealRegistry } from './commands/rotate-keys.js';
export { DEMO_SCALES, seedDemoRegistry } from './commands/seed-demo-registry.js';
export { type BuildingPlace, findBuildingPlace, listBuildingPlaces } from './db/buildings.repository.js';
export { getVenue as findVenue, listVenuePlaces, type VenueRecord } from './db/things.repository.js';
export { IMPORT_FAILED, type ImportFailedPayload } from './registry.events.js';
export { createRegistryModule } from './registry.module.js';
