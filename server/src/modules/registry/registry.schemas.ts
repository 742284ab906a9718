import { z } from 'zod';
import { PERSON_TAGS } from './domain/tags.js';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(position)
  .min(4)
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], 'ring must be closed (first = last)');

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
  use: z.enum(['owner_occupied', 'rented', 'vacant', 'commercial']),
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
  gridCode: z.string(),
  tags: z.array(z.object({ tag: z.string(), detail: z.string().nullable(), setAt: z.string() })),
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
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const revealBody = z.object({
  field: z.enum(['idNumber', 'phone']),
  reason: z.string().trim().min(4).max(200),
});
