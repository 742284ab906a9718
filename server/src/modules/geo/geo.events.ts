/** Events the geo module publishes. */
export const GRIDS_IMPORTED = 'geo.grids_imported.v1';

declare module '../../core/events.js' {
  interface EventMap {
    [GRIDS_IMPORTED]: GridsImportedPayload;
  }
}

export interface GridsImportedPayload {
  districtCodes: string[];
  communityCodes: string[];
  gridCount: number;
  removedGridCodes: string[];
}
