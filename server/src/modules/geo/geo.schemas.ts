import { z } from 'zod';
import { queryBoolean } from '../../core/schemas.js';
import { CRS } from './domain/coords.js';
import { GRID_KINDS, GRID_ROLES } from './domain/grid-team.js';

export const regionCode = z
  .string()
  .regex(/^(\d{2,12}|\d{14})$/, 'region code: 2 to 12 digits, or 14 for a village or compound');
export const gridCode = z.string().regex(/^\d{15}$/, 'grid code: 15 digits');

export const namesQuery = z.object({
  codes: z
    .string()
    .transform((v) => [...new Set(v.split(',').filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(/^\d{2,15}$/, 'region or grid code'))
        .min(1)
        .max(200),
    ),
});

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
/** GIS tools export a height (Z) and more with each position; grids lie flat, so only longitude and latitude are kept. */
const position = z
  .tuple([lng, lat])
  .rest(z.number())
  .transform(([x, y]): [number, number] => [x, y]);
const ring = z
  .array(position)
  .min(4)
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], 'ring must be closed (first = last)');
const polygon = z.array(ring).min(1);

export const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygon }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
]);

export const importGridsBody = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: geometrySchema,
        properties: z.object({
          code: gridCode,
          name: z.string().trim().min(1).max(100),
          /** 村/小区 of the grid's community it hangs under; left out, it hangs under the community */
          compoundCode: z
            .string()
            .regex(/^\d{14}$/, 'village or compound code: 14 digits')
            .nullish(),
          kind: z.enum(GRID_KINDS).default('residential'),
          boundsText: z.string().max(500).default(''),
          mergedInto: gridCode.nullish(),
          team: z
            .array(
              z.object({
                role: z.enum(GRID_ROLES),
                name: z.string().trim().min(1).max(50),
              }),
            )
            .max(20)
            .default([]),
        }),
      }),
    )
    .min(1)
    .max(20000),
});
export type ImportGridsBody = z.infer<typeof importGridsBody>;

export const importGridsQuery = z.object({ dryRun: queryBoolean, confirmRemoval: queryBoolean });

export const locateQuery = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  crs: z.enum(CRS).default('wgs84'),
});

const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable();
const point = z.tuple([z.number(), z.number()]);

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'district', 'street', 'community', 'compound']),
  kind: z.string(),
  parentCode: z.string().nullable(),
  path: z.string(),
  childCount: z.number(),
  gridCount: z.number(),
  bbox,
  center: point.nullable(),
});

export const chainSchema = z.array(z.object({ code: z.string(), name: z.string(), level: z.string() }));

/** GeoJSON passes through as built by PostGIS; described loosely for the OpenAPI document. */
export const featureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) });

export const gridDetail = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  boundsText: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  /** 村/小区: the village or compound the grid hangs under; null where its community has none */
  compoundCode: z.string().nullable(),
  compoundName: z.string().nullable(),
  streetCode: z.string(),
  streetName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  mergedInto: z.string().nullable(),
  areaKm2: z.number(),
  centroid: point,
  station: z.object({ name: z.string(), address: z.string(), hours: z.string() }).nullable(),
  team: z.array(z.object({ role: z.string(), name: z.string(), userId: z.number().nullable() })),
});

/** A grid's new name, unique within its community (四至 names neighbours by it). */
export const gridNameBody = z.object({ name: z.string().trim().min(1).max(100) });

/** The grid's station (网格工作站); null clears it. */
export const gridStationBody = z.object({
  station: z
    .object({
      name: z.string().trim().min(1).max(100),
      address: z.string().trim().max(200).default(''),
      hours: z.string().trim().max(100).default(''),
    })
    .nullable(),
});

/** The grid's team as a whole (五位一体): each member's role, name, and the account that acts for them if any. */
export const gridTeamBody = z.object({
  members: z
    .array(
      z.object({
        role: z.enum(GRID_ROLES),
        name: z.string().trim().min(1).max(50),
        userId: z.number().int().positive().nullish(),
      }),
    )
    .max(20),
});

export const locateResult = z.object({
  grid: z.object({ code: z.string(), name: z.string(), mergedInto: z.string().nullable() }).nullable(),
  chain: chainSchema,
  wgs84: point,
});
