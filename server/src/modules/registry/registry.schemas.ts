import { z } from 'zod';
import { PERSON_TAGS } from './domain/tags.js';
import { FACILITY_KINDS, FACILITY_STATUSES, NINE_SMALL_KINDS, VENUE_KINDS } from './domain/things.js';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(position)
  .min(4)
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], 'ring must be closed (first = last)');

export const householdUse = z.enum(['owner_occupied', 'rented', 'vacant', 'commercial']);

export const buildingBody = z.object({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(2).max(200),
  compound: z.string().trim().max(100).optional(),
  footprint: z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(20) }),
  floors: z.number().int().min(1).max(200),
  heightM: z.number().positive().max(700).optional(),
  affordableType: z.enum(['public_rental', 'resettlement', 'shared_ownership']).optional(),
});

export const householdBody = z.object({
  unit: z.string().trim().max(20).default(''),
  room: z.string().trim().min(1).max(20),
  use: householdUse,
});

export const personBody = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1).max(20),
  phone: z.string().trim().max(20).optional(),
  householdId: z.number().int().positive(),
  registered: z.boolean(),
  tags: z
    .array(z.object({ tag: z.enum(PERSON_TAGS), detail: z.string().max(100).optional() }))
    .max(20)
    .optional(),
});

export const personSchema = z.object({
  id: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
  registered: z.boolean(),
  householdId: z.number().nullable(),
  movedOutAt: z.string().nullable(),
  household: z
    .object({
      id: z.number(),
      buildingId: z.number(),
      building: z.string(),
      address: z.string(),
      unit: z.string(),
      room: z.string(),
      use: householdUse,
    })
    .nullable(),
  gridCode: z.string(),
  tags: z.array(
    z.object({
      tag: z.string(),
      detail: z.string().nullable(),
      setAt: z.string(),
      /** Who set it; null for the demo seed and for tags derived from the ID number by the system. */
      setByName: z.string().nullable(),
    }),
  ),
});

export const searchQuery = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{17}[\dXx]$/, '18-character ID number')
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '11-digit mobile number')
    .optional(),
  tag: z.enum(PERSON_TAGS).optional(),
  address: z.string().trim().min(2).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const reason = z.string().trim().min(4).max(200);

export const personTagBody = z.object({
  tag: z.enum(PERSON_TAGS),
  detail: z.string().trim().max(100).optional(),
  reason,
});

export const personTagParams = z.object({ id: z.coerce.number().int().positive(), tag: z.enum(PERSON_TAGS) });

export const reasonBody = z.object({ reason });

export const revealBody = z.object({
  field: z.enum(['idNumber', 'phone']),
  reason: z.string().trim().min(4).max(200),
});

export const regionCode = z.string().regex(/^\d{6,15}$/, 'region or grid code');

/** A point as a phone or a map hands it over; stored in WGS84. */
const point = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  crs: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
});

export const venueBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(VENUE_KINDS),
  nineSmallKind: z.enum(NINE_SMALL_KINDS).optional(),
  address: z.string().trim().min(2).max(200),
  location: point,
  buildingId: z.number().int().positive().optional(),
  ownerName: z.string().trim().min(1).max(50).optional(),
  contactPhone: z.string().trim().max(20).optional(),
  creditCode: z.string().trim().max(30).optional(),
});

const lngLat = z.object({ lng: z.number(), lat: z.number() });

export const venueSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(VENUE_KINDS),
  nineSmallKind: z.enum(NINE_SMALL_KINDS).nullable(),
  address: z.string(),
  location: lngLat,
  buildingId: z.number().nullable(),
  ownerName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  creditCode: z.string().nullable(),
  gridCode: z.string(),
  createdAt: z.string(),
});

const page = {
  buildingId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export const venueQuery = z.object({
  kind: z.enum(VENUE_KINDS).optional(),
  nineSmallKind: z.enum(NINE_SMALL_KINDS).optional(),
  q: z.string().trim().min(1).max(50).optional(),
  regionCode: regionCode.optional(),
  ...page,
});

export const facilityBody = z.object({
  kind: z.enum(FACILITY_KINDS),
  name: z.string().trim().min(1).max(100),
  location: point,
  buildingId: z.number().int().positive().optional(),
  venueId: z.number().int().positive().optional(),
  ownerName: z.string().trim().min(1).max(50).optional(),
  status: z.enum(FACILITY_STATUSES).default('in_service'),
});

export const facilitySchema = z.object({
  id: z.number(),
  kind: z.enum(FACILITY_KINDS),
  name: z.string(),
  location: lngLat,
  buildingId: z.number().nullable(),
  venueId: z.number().nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(FACILITY_STATUSES),
  gridCode: z.string(),
  createdAt: z.string(),
});

export const facilityQuery = z.object({
  kind: z.enum(FACILITY_KINDS).optional(),
  status: z.enum(FACILITY_STATUSES).optional(),
  q: z.string().trim().min(1).max(50).optional(),
  regionCode: regionCode.optional(),
  ...page,
});

export const thingsMapQuery = z.object({
  regionCode,
  layer: z.enum(['venues', 'facilities']),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});

/** 情: the live counts of one area. */
export const areaCountsSchema = z.object({
  buildings: z.number(),
  households: z.number(),
  people: z.number(),
  floating: z.number(),
  byTag: z.record(z.string(), z.number()),
  venues: z.number(),
  facilities: z.number(),
  openCases: z.number(),
});

export const situationSchema = z.object({
  regionCode: z.string(),
  rows: z.array(
    areaCountsSchema.extend({
      code: z.string(),
      name: z.string(),
      level: z.enum(['district', 'street', 'community', 'compound', 'grid']),
    }),
  ),
  total: areaCountsSchema,
});

export const peopleExportQuery = z.object({
  regionCode: regionCode.optional(),
  tag: z.enum(PERSON_TAGS).optional(),
});

const residentBody = personBody.omit({ householdId: true });

export const visitBody = z.object({
  recordedAt: z.string().datetime({ offset: true }),
  baseVersion: z.number().int().min(1),
  use: householdUse.optional(),
  note: z.string().trim().max(500).optional(),
  movedOut: z.array(z.number().int().positive()).max(50).optional(),
  newResidents: z.array(residentBody).max(20).optional(),
});

export const visitSchema = z.object({
  id: z.number(),
  householdId: z.number(),
  actorId: z.number(),
  actorName: z.string(),
  recordedAt: z.string(),
  receivedAt: z.string(),
  useBefore: householdUse,
  useAfter: householdUse,
  note: z.string().nullable(),
  movedOut: z.array(z.number()),
  movedIn: z.array(z.number()),
});

const residentSchema = z.object({
  id: z.number(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  registered: z.boolean(),
  tags: z.array(z.string()),
});

export const unitSchema = z.object({
  id: z.number(),
  name: z.string(),
  households: z.array(
    z.object({
      id: z.number(),
      room: z.string(),
      use: householdUse,
      version: z.number(),
      visitedAt: z.string().nullable(),
      residents: z.array(residentSchema),
    }),
  ),
});

const bookBuilding = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string(),
  compound: z.string().nullable(),
  gridCode: z.string(),
  floors: z.number(),
});

export const bookSchema = z.object({
  generatedAt: z.string(),
  households: z.number(),
  buildings: z.array(bookBuilding.extend({ units: z.array(unitSchema) })),
});

/** A building as a list shows it: the book's building with counts instead of its units. */
export const buildingListSchema = z.object({
  items: z.array(bookBuilding.extend({ households: z.number(), visited: z.number() })),
});

const compoundFields = {
  id: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  propertyCompany: z.string().nullable(),
  communityCode: z.string(),
  buildings: z.number(),
  households: z.number(),
  people: z.number(),
  outline: z.unknown(),
};

export const compoundListSchema = z.object({ items: z.array(z.object(compoundFields)) });

export const compoundSchema = z.object({
  ...compoundFields,
  buildingList: z.array(
    z.object({ id: z.number(), name: z.string(), address: z.string(), floors: z.number(), gridCode: z.string() }),
  ),
});

export const compoundBody = z
  .object({
    address: z.string().trim().max(200).nullable().optional(),
    propertyCompany: z.string().trim().max(100).nullable().optional(),
  })
  .refine((c) => c.address !== undefined || c.propertyCompany !== undefined, 'nothing to change');

export const buildingCasesSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      status: z.string(),
      categoryCode: z.string(),
      categoryZh: z.string(),
      categoryEn: z.string(),
      description: z.string(),
      reportedAt: z.string(),
    }),
  ),
});

/** A point as a phone sends it: WGS84 from its GPS, or GCJ-02 / BD-09 from a Chinese map app. */
export const placeAtQuery = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  crs: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
});

/** Where a point is, in words: addresses and names only, never who lives there. */
export const placeAtSchema = z.object({
  grid: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** district, street and community names, from the top down */
  areas: z.array(z.string()),
  building: z
    .object({
      id: z.number(),
      name: z.string(),
      address: z.string(),
      compound: z.string().nullable(),
      inside: z.boolean(),
      metres: z.number(),
    })
    .nullable(),
});

export const placeSearchQuery = z.object({
  q: z.string().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(20).default(20),
});

export const placeListSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['building', 'compound']),
      id: z.number(),
      name: z.string(),
      address: z.string().nullable(),
      compound: z.string().nullable(),
      gridName: z.string().nullable(),
      /** where a report about this place is filed (WGS84): on the footprint, so inside its grid */
      lng: z.number(),
      lat: z.number(),
    }),
  ),
});
