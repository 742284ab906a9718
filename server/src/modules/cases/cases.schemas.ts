import { z } from 'zod';
import { idempotencyKey } from '../../core/http.js';
import { ACTIONS, LEVELS, STATUSES, VERIFIERS } from './domain/case-status.js';
import { MAY_RECUR, ROOT_CAUSES } from './domain/closing-summary.js';
import { PRIORITIES } from './domain/priority.js';
import { BOXES } from './queries/list-cases.js';

export const categoryCode = z.string().regex(/^[A-Z0-9]{2,12}$/, 'category code such as S0301');

export const locationSchema = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  crs: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
});

export const reportBody = z.object({
  categoryCode,
  description: z.string().trim().min(2).max(2000),
  address: z.string().trim().max(200).optional(),
  location: locationSchema,
  contact: z
    .object({ name: z.string().trim().max(50).optional(), phone: z.string().trim().max(20).optional() })
    .optional(),
  anonymous: z.boolean().default(false),
  viaHotline: z.boolean().default(false),
  /** 紧急/重要/一般 as staff taking the report judge it; a resident's report takes the category's default. */
  priority: z.enum(PRIORITIES).optional(),
  mediaIds: z.array(z.number().int().positive()).max(9).optional(),
});

export const anonymousReportBody = z.object({
  categoryCode,
  description: z.string().trim().min(2).max(2000),
  address: z.string().trim().max(200).optional(),
  location: locationSchema,
  /** the number that hears back by SMS: required, since there is no account to tell */
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '11-digit mainland mobile number'),
});

export const actionBody = z.object({
  action: z.enum(ACTIONS),
  note: z.string().trim().max(2000).optional(),
  level: z.enum(LEVELS).optional(),
  /** accept, dispatch: raise or lower the priority, the reason in `note` */
  priority: z.enum(PRIORITIES).optional(),
  orgCode: z
    .string()
    .regex(/^[0-9]{6,12}-[a-z_]+$/)
    .optional(),
  days: z.number().int().min(1).max(60).optional(),
  rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
  /** rate: the return visit's 已解决 (true) / 未解决 (false), required with the rating */
  resolved: z.boolean().optional(),
  masterCaseId: z.number().int().positive().optional(),
  orgs: z
    .array(z.object({ orgCode: z.string().regex(/^[0-9]{6,12}-[a-z_]+$/), role: z.enum(['lead', 'helper']) }))
    .min(1)
    .max(8)
    .optional(),
  reportInHours: z.number().int().min(1).max(72).optional(),
  mediaIds: z.array(z.number().int().positive()).max(9).optional(),
  /** report_in from a phone: where the person stood (WGS84) */
  location: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
  /** close: 处置总结, every part but the cause's note required (the command names the one left out) */
  summary: z
    .object({
      measures: z.string().trim().max(2000).optional(),
      rootCause: z.enum(ROOT_CAUSES).optional(),
      rootCauseNote: z.string().trim().max(500).optional(),
      mayRecur: z.enum(MAY_RECUR).optional(),
    })
    .optional(),
});

export const idempotencyHeaders = z.object({ 'idempotency-key': idempotencyKey.optional() });

const iso = z.string().nullable();
export const caseSchema = z.object({
  id: z.number(),
  number: z.string(),
  source: z.string(),
  category: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  /** full: staff over the area, the case's holders, its reporter; public: a resident who follows it. */
  view: z.enum(['full', 'public']),
  /** Staff let followers read the description and see the photos (never who reported). */
  public: z.boolean(),
  /** Empty in the public view of a case staff have not made public. */
  description: z.string(),
  /** Empty in the public view. */
  address: z.string(),
  /** The community the case lies in. */
  areaName: z.string(),
  /** Null in the public view: the point would show the reporter's doorstep. */
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  gridCode: z.string(),
  reporter: z.object({ anonymous: z.boolean(), name: z.string().nullable(), phone: z.string().nullable() }),
  level: z.enum(LEVELS).nullable(),
  assignee: z.object({ unit: z.string().nullable(), org: z.string().nullable() }),
  reportedAt: z.string(),
  acceptedAt: iso,
  respondDueAt: iso,
  /** 派遣 is due by then once the case is accepted (the category's dispatch hours for its priority). */
  dispatchDueAt: iso,
  dueAt: iso,
  /** The deadline crosses a year whose holiday arrangement is not loaded: counted on weekdays only. */
  dueEstimated: z.boolean(),
  dispatchedAt: iso,
  handledAt: iso,
  closedAt: iso,
  deadline: z.enum(['on_time', 'warning', 'overdue']).nullable(),
  extensionRequestedDays: z.number().nullable(),
  extended: z.boolean(),
  reworkCount: z.number(),
  reopened: z.boolean(),
  rating: z.string().nullable(),
  ratingComment: z.string().nullable(),
  followupDueAt: iso,
  mergedInto: z.number().nullable(),
  whistleOrgs: z.array(
    z.object({
      org: z.string(),
      role: z.enum(['lead', 'helper']),
      reportedInAt: z.string().nullable(),
      partDoneAt: z.string().nullable(),
      reportInDueAt: z.string(),
      /** When it was found not to have reported in by its deadline, and the case put to supervision for it. */
      escalatedAt: z.string().nullable(),
    }),
  ),
  supervised: z.boolean(),
  /** Why the case went onto the supervision board: overdue, a supervisor's order, a department that did not report in. */
  supervisionReason: z.enum(['overdue', 'manual', 'report_in_overdue']).nullable(),
  escalationCount: z.number(),
  /** 处置总结 of the last close; null before a close and in the public view. */
  summary: z
    .object({
      measures: z.string(),
      rootCause: z.enum(ROOT_CAUSES),
      rootCauseNote: z.string().nullable(),
      mayRecur: z.enum(MAY_RECUR),
    })
    .nullable(),
  following: z.boolean(),
  followers: z.number(),
  allowedActions: z.array(z.enum(ACTIONS)),
});

export const mediaSchema = z.object({ id: z.number(), kind: z.enum(['photo', 'voice']), mime: z.string() });

export const timelineSchema = z.array(
  z.object({
    id: z.number(),
    at: z.string(),
    actorName: z.string(),
    actorRole: z.string(),
    action: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
    note: z.string(),
    detail: z.record(z.string(), z.unknown()),
    media: z.array(mediaSchema),
  }),
);

export const listQuery = z.object({
  box: z.enum(BOXES).default('all'),
  categoryCode: categoryCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const nearbyQuery = z.object({
  categoryCode,
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  crs: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
});

/** An open case nearby, as anyone reporting there may see it: what kind, how far, how far along, which area. */
export const nearbyCaseSchema = z.object({
  id: z.number(),
  categoryCode: z.string(),
  status: z.enum(STATUSES),
  /** Metres, rounded to 50. */
  distance: z.number(),
  areaName: z.string(),
});

/** 我也遇到: where the resident stands, the position the phone asked "nearby" with; no body is no position. */
export const followBody = z.object({ location: locationSchema.optional() }).nullish();

export const categorySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.enum(['component', 'event', 'community']),
  defaultLevel: z.enum(LEVELS),
  defaultDepartment: z.string().nullable(),
  defaultPriority: z.enum(PRIORITIES),
  /** The limits of a normal case; an important case gets half of each, an urgent one a quarter (domain/priority.ts). */
  respondHours: z.number(),
  dispatchHours: z.number(),
  handleWorkdays: z.number(),
  needsVerification: z.boolean(),
  active: z.boolean(),
});

/** A category as one district works it: the time limits in force there, and whether they are its own. */
export const districtCategorySchema = categorySchema.extend({ ownLimits: z.boolean() });

const districtCode = z.string().regex(/^\d{6}$/, 'a 6-digit district code');

/** Whose categories to read: a district's time limits, the caller's own district's when none is named. */
export const categoriesQuery = z.object({ districtCode: districtCode.optional() });

export const districtSettingsSchema = z.object({ anonymousReports: z.boolean(), verifier: z.enum(VERIFIERS) });
export type DistrictSettings = z.infer<typeof districtSettingsSchema>;

export const districtSettingsBody = districtSettingsSchema
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'anonymousReports or verifier' });

/**
 * A global administrator changes a category for every district; a district administrator only its own district's
 * time limits (`districtCode`, their own district when left out).
 */
export const categoryPatch = z
  .object({
    districtCode: districtCode.optional(),
    nameZh: z.string().trim().min(1).max(50).optional(),
    nameEn: z.string().trim().min(1).max(80).optional(),
    defaultLevel: z.enum(LEVELS).optional(),
    defaultDepartment: z
      .string()
      .regex(/^[a-z_]+$/)
      .nullable()
      .optional(),
    defaultPriority: z.enum(PRIORITIES).optional(),
    respondHours: z.number().int().min(1).max(720).optional(),
    dispatchHours: z.number().int().min(1).max(720).optional(),
    handleWorkdays: z.number().int().min(1).max(120).optional(),
    needsVerification: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'districtCode'), 'nothing to change');

/** A year's State Council notice on holiday arrangements, pasted as published. */
export const calendarNoticeBody = z.object({
  year: z.number().int().min(2000).max(2100),
  notice: z.string().trim().min(10).max(20_000),
});

const calendarDaySchema = z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });

export const calendarPreviewSchema = z.object({
  year: z.number(),
  days: z.array(calendarDaySchema),
  problems: z.array(z.object({ line: z.number(), text: z.string() })),
});

export const calendarStatusSchema = z.object({
  years: z.array(
    z.object({
      year: z.number(),
      source: z.enum(['package', 'notice']),
      loadedByName: z.string().nullable(),
      loadedAt: z.date(),
      holidays: z.number(),
      workdays: z.number(),
    }),
  ),
  /** Years deadlines reach that nobody has loaded: counted on weekdays, flagged. */
  missing: z.array(z.number()),
  estimatedCases: z.number(),
});

export const calendarYearSchema = z.object({
  year: z.number(),
  source: z.string(),
  notice: z.string().nullable(),
  days: z.array(calendarDaySchema),
});

export const calendarLoadedSchema = z.object({
  year: z.number(),
  holidays: z.number(),
  workdays: z.number(),
  /** Open cases whose estimated deadline was counted again on the loaded days. */
  recounted: z.number(),
});
