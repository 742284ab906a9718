import { z } from 'zod';

export const auditQuery = z.object({
  actor: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  subject: z.string().trim().min(1).max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.date(),
  actorId: z.number().nullable(),
  /** The account's user name as it was when the row was written. */
  actorName: z.string().nullable(),
  /** The person's name today (王主任), for people to read; null for the system or an account since removed. */
  actorDisplayName: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

export const auditPage = z.object({
  items: z.array(auditEntrySchema),
  total: z.number(),
  /** Pass as `before` for the next page; null on the last. */
  next: z.number().nullable(),
});

export const deliveryStatus = z.enum(['pending', 'delivered', 'dead']);

export const deliveriesQuery = z.object({
  status: deliveryStatus.default('dead'),
  subscriber: z.string().trim().min(1).max(100).optional(),
  type: z.string().trim().min(1).max(100).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const deliverySchema = z.object({
  eventId: z.number(),
  type: z.string(),
  aggregate: z.string(),
  subscriber: z.string(),
  status: deliveryStatus,
  attempts: z.number(),
  lastError: z.string().nullable(),
  at: z.date(),
  nextAt: z.date(),
  deliveredAt: z.date().nullable(),
});

export const deliveriesPage = z.object({
  items: z.array(deliverySchema),
  counts: z.object({ pending: z.number(), delivered: z.number(), dead: z.number() }),
  next: z.number().nullable(),
});

export const retryParams = z.object({
  id: z.coerce.number().int().positive(),
  subscriber: z.string().regex(/^[a-z0-9_.-]{1,100}$/),
});
