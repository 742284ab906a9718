/** Events the geo module publishes. */
export const GRIDS_IMPORTED = 'geo.grids_imported.v1';

export interface GridsImportedPayload {
  districtCodes: string[];
  communityCodes: string[];
  gridCount: number;
  removedGridCodes: string[];
}
