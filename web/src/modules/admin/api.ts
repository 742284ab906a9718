import dayjs from 'dayjs';
import type { z } from 'zod';
import type {
  auditEntrySchema,
  auditPage,
  auditQuery,
  deliveriesPage,
  deliverySchema,
  deliveryStatus,
} from '../../../../server/src/modules/admin/admin.schemas';
import { api, download, type Wire } from '../../core/api';

// the answers' shapes are the server's response schemas, as they arrive over JSON
export type AuditEntry = Wire<z.infer<typeof auditEntrySchema>>;
export type AuditPage = Wire<z.infer<typeof auditPage>>;
export type Delivery = Wire<z.infer<typeof deliverySchema>>;
export type DeliveriesPage = Wire<z.infer<typeof deliveriesPage>>;
export type DeliveryStatus = z.infer<typeof deliveryStatus>;

type AuditFilterKeys = 'actor' | 'action' | 'subject';

/**
 * The audit viewer's filters as the page's URL carries them: the server's own text filters, and the days of a range
 * (`2026-05-01`, both included) in China time.
 */
export type AuditFilter = Partial<Pick<z.input<typeof auditQuery>, AuditFilterKeys>> & { from?: string; to?: string };

export const AUDIT_FILTER_KEYS = [
  'actor',
  'action',
  'subject',
  'from',
  'to',
] as const satisfies readonly (keyof AuditFilter)[];

const BASE = '/api/admin';
const CHINA = '+08:00';

/** Days become instants at China's midnight; `to` is exclusive on the server, so the day after the last one. */
function auditParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.actor) params.set('actor', filter.actor);
  if (filter.action) params.set('action', filter.action);
  if (filter.subject) params.set('subject', filter.subject);
  if (filter.from) params.set('from', `${filter.from}T00:00:00${CHINA}`);
  if (filter.to) params.set('to', `${dayjs(filter.to).add(1, 'day').format('YYYY-MM-DD')}T00:00:00${CHINA}`);
  return params;
}

export function fetchAudit(filter: AuditFilter, before: number | undefined): Promise<AuditPage> {
  const params = auditParams(filter);
  if (before !== undefined) params.set('before', String(before));
  return api('GET', `${BASE}/audit?${params}`);
}

export function fetchAuditActions(): Promise<{ items: string[] }> {
  return api('GET', `${BASE}/audit/actions`);
}

/** The filtered trail as a spreadsheet; the server records the export itself in the trail. */
export function downloadAudit(filter: AuditFilter): Promise<void> {
  return download(`${BASE}/audit.xlsx?${auditParams(filter)}`, 'audit.xlsx');
}

export function fetchDeliveries(status: DeliveryStatus, before: number | undefined): Promise<DeliveriesPage> {
  const params = new URLSearchParams({ status });
  if (before !== undefined) params.set('before', String(before));
  return api('GET', `${BASE}/events/deliveries?${params}`);
}

/** Sends a dead letter back to the relay with a fresh count of attempts (audited). */
export function retryDelivery(eventId: number, subscriber: string): Promise<void> {
  return api('POST', `${BASE}/events/${eventId}/deliveries/${encodeURIComponent(subscriber)}/retry`);
}
