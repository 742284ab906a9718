import { z } from 'zod';
import { ROLES } from '../../core/auth.js';
import { EMPLOYMENTS } from './db/identity.repository.js';
import { ORG_KINDS } from './domain/org-kinds.js';

export const username = z.string().regex(/^[A-Za-z0-9._-]{3,64}$/, '3–64 letters, digits, . _ -');

export const signInBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const tokenBody = signInBody.extend({
  name: z.string().trim().min(1).max(100),
  ttlDays: z.number().int().min(1).max(365).default(30),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopePath: z.string(),
  mustChangePassword: z.boolean(),
  orgCode: z.string().nullable(),
});

export const adminUserSchema = userSchema.extend({
  /** The region or grid code of the scope ('' for the whole deployment) and its name (null for '' or unknown). */
  scopeCode: z.string(),
  scopeName: z.string().nullable(),
  orgName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
  /** The last successful sign-in (console or API token), null for an account nobody has used yet. */
  lastSignInAt: z.string().nullable(),
  /** As a member of their org: full-time or part-time, and on duty now. */
  employment: z.enum(EMPLOYMENTS),
  onDuty: z.boolean(),
  /** The work phone masked (138****5678), null when none was given; the number itself is never listed. */
  workPhoneMasked: z.string().nullable(),
});

/** scopeCode: a region code (district … community), a 15-digit grid code, or '' for the whole deployment. */
const scopeCode = z.string().regex(/^(\d{2,12}|\d{15})?$/, 'region code, grid code, or empty');

const orgCode = z.string().regex(/^[0-9]{6,12}-[a-z_]+$/, 'org code such as 370983-urban_management');

/** A mainland mobile number or a landline with its area code (025-52345678). */
export const workPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'mobile number, or landline with area code such as 025-52345678');

export const createUserBody = z.object({
  username,
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(ROLES),
  scopeCode,
  /** Required for department staff: the department or team they act for. */
  orgCode: orgCode.optional(),
  /** As a member of that org; full-time unless said. */
  employment: z.enum(EMPLOYMENTS).optional(),
  /** 工作电话: staff only; residents call it from the grid card when the user is on a grid's team. */
  workPhone: workPhone.optional(),
});

export const orgSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  regionPath: z.string(),
  /** The services a department owns, by name. */
  services: z.array(z.string()).optional(),
});

/** An org as its administrators see it: its region by name, and how many act for it, part-time and on duty now. */
export const managedOrgSchema = orgSchema.extend({
  kind: z.enum(ORG_KINDS),
  services: z.array(z.string()),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  members: z.number(),
  fullTime: z.number(),
  partTime: z.number(),
  onDuty: z.number(),
});

export const orgDetailSchema = z.object({
  org: orgSchema.extend({
    kind: z.enum(ORG_KINDS),
    services: z.array(z.string()),
    regionCode: z.string(),
    regionName: z.string().nullable(),
  }),
  members: z.array(adminUserSchema),
});

const serviceNames = z.array(z.string().trim().min(1).max(60)).max(200);

export const createOrgBody = z.object({
  kind: z.enum(ORG_KINDS),
  /** The district (a department, a fire service centre) or street (a rapid-response team) it serves. */
  regionCode: z.string().regex(/^\d{6,12}$/, 'region code'),
  /** The code's second half, `<region code>-<key>`: lower-case letters and underscores. */
  key: z.string().regex(/^[a-z_]{2,40}$/, '2–40 lower-case letters or _'),
  name: z.string().trim().min(1).max(60),
  services: serviceNames.optional(),
});

export const changeOrgBody = z
  .object({ name: z.string().trim().min(1).max(60).optional(), services: serviceNames.optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const orgParams = z.object({ code: orgCode });
export const memberParams = z.object({ code: orgCode, id: z.coerce.number().int().positive() });

export const addMemberBody = z.object({ employment: z.enum(EMPLOYMENTS).optional() });

export const changeMemberBody = z
  .object({ employment: z.enum(EMPLOYMENTS).optional(), onDuty: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const changeUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(50).optional(),
    role: z.enum(ROLES).optional(),
    scopeCode: scopeCode.optional(),
    /** The department or team a department staff member acts for; null takes it away. */
    orgCode: orgCode.nullable().optional(),
    disabled: z.boolean().optional(),
    /** 工作电话; null takes it away. */
    workPhone: workPhone.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const usersPage = z.object({
  items: z.array(adminUserSchema),
  total: z.number(),
  /** The roles the caller may give (a street administrator's stop below the district), for the role picker. */
  grantableRoles: z.array(z.enum(ROLES)),
});

export const listUsersQuery = z.object({
  q: z.string().trim().min(1).max(64).optional(),
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Mainland mobile numbers: 11 digits starting 1[3-9]. */
const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '11-digit mainland mobile number');

export const phoneCodeBody = z.object({ phone: mobile });

export const phoneSessionBody = z.object({
  phone: mobile,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'the 6-digit code from the text'),
});

export const phonePasswordSessionBody = z.object({ phone: mobile, password: z.string().min(1).max(256) });

/** The first password needs `code`; a later one `currentPassword` or `code`. */
export const ownPasswordBody = z.object({
  newPassword: z.string().min(1).max(256),
  code: phoneSessionBody.shape.code.optional(),
  currentPassword: z.string().min(1).max(256).optional(),
});

/** A person's name as the ID card prints it: Han characters, or letters with the middle dot of minority names. */
export const realNameBody = z.object({
  name: z
    .string()
    .trim()
    .min(2)
    .max(30)
    .regex(/^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·• ]*[\p{Script=Han}A-Za-z]$/u, 'the name on the ID card'),
  idNumber: z.string().trim().min(1).max(32),
});

export const profileSchema = z.object({
  phoneMasked: z.string().nullable(),
  hasPassword: z.boolean(),
  realName: z.object({ nameMasked: z.string(), idNumberMasked: z.string() }).nullable(),
});
