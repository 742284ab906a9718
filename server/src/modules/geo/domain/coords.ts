import gcoordModule from 'gcoord';

export const CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS)[number];

// gcoord's type declarations describe named exports that its CommonJS build only has on the default export.
const gcoord = gcoordModule as unknown as {
  transform(input: [number, number], from: string, to: string): [number, number];
};
const SYSTEM = { wgs84: 'WGS84', gcj02: 'GCJ02', bd09: 'BD09' } as const;

/** Chinese map apps hand out GCJ-02 or BD-09; everything stored is WGS84, converted here at the edge. */
export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  return gcoord.transform([lng, lat], SYSTEM[crs], SYSTEM.wgs84);
}

export function fromWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  return gcoord.transform([lng, lat], SYSTEM.wgs84, SYSTEM[crs]);
}
