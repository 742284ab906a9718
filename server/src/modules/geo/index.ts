/** The geo module's public face: other modules import only from here. */
export { seedGeo } from './commands/seed-geo.js';
export {
  areaNames,
  childAreas,
  communitiesUnder,
  districtPathOf,
  gridShapes,
  gridWorkersUnder,
  linkGridMembers,
  listDistrictsAndStreets,
  namesAlong,
  pathOfCode as scopePathOf,
} from './db/geo.repository.js';
export type { Crs } from './domain/coords.js';
export { syntheticName } from './domain/names.js';
export { GRIDS_IMPORTED, type GridsImportedPayload } from './geo.events.js';
export { createGeoModule, type GeoModule, type WorkPhones } from './geo.module.js';
export { GRIDS_CHANGED_CHANNEL, type GridLocator, type LocateResult } from './queries/locate-point.js';
