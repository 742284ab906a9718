import type { z } from 'zod';
import type {
  actionBody,
  caseSchema,
  categoryPatch,
  categorySchema,
  listQuery,
  mediaSchema,
  nearbyCaseSchema,
  reportBody,
  timelineSchema,
} from '../../../../server/src/modules/cases/cases.schemas';
import type { locateResult } from '../../../../server/src/modules/geo/geo.schemas';
import type { orgSchema } from '../../../../server/src/modules/identity/identity.schemas';
import { api, upload } from '../../core/api';

// one list of actions and levels for server and console: the server's pure domain module, imported as source
export {
  ACTIONS as CASE_ACTIONS,
  type CaseAction,
  LEVELS,
  type Level,
} from '../../../../server/src/modules/cases/domain/case-status';
export {
  MAY_RECUR,
  type MayRecur,
  ROOT_CAUSES,
  type RootCause,
} from '../../../../server/src/modules/cases/domain/closing-summary';
export { PRIORITIES } from '../../../../server/src/modules/cases/domain/priority';

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

// the answers' and requests' shapes are the server's schemas, as they travel over JSON
export type Case = z.infer<typeof caseSchema>;
export type CaseStatus = Case['status'];
export type Priority = Case['priority'];
export type Deadline = NonNullable<Case['deadline']>;
/** A department called onto the case by a whistle (吹哨), and how far it has come (报到, its part done). */
export type WhistleOrg = Case['whistleOrgs'][number];
export type WhistleRole = WhistleOrg['role'];
export type CategoryName = Case['category'];
/** 处置总结 of the case's last close. */
export type ClosingSummary = NonNullable<Case['summary']>;
export type Media = z.infer<typeof mediaSchema>;
/** `action` is a CaseAction, or 'report', 'reopen' and 'escalate', which only the server takes. */
export type TimelineEntry = z.infer<typeof timelineSchema>[number];
export interface CaseDetail {
  case: Case;
  timeline: TimelineEntry[];
}
export interface CaseList {
  items: Case[];
  total: number;
}
export type Box = NonNullable<z.input<typeof listQuery>['box']>;
export type Category = z.infer<typeof categorySchema>;
/** What a district administrator may change; the code and the place in the tree stay. */
export type CategoryPatch = z.input<typeof categoryPatch>;
export type ReportInput = z.input<typeof reportBody>;
export type ActionInput = z.input<typeof actionBody>;
export type Crs = NonNullable<ReportInput['location']['crs']>;
export type Org = z.infer<typeof orgSchema>;
export type LocatedPoint = z.infer<typeof locateResult>;

/** The server keeps at most this many photos and voice notes per report or action. */
export const MAX_MEDIA = 9;

/** An open case of the same category nearby: its kind, status, area and rounded distance, nothing its reporter wrote. */
export type NearbyCase = z.infer<typeof nearbyCaseSchema>;

const enc = encodeURIComponent;

export function fetchBox(box: Box): Promise<CaseList> {
  return api('GET', `/api/cases?box=${box}&limit=200`);
}

export function fetchCase(id: number): Promise<CaseDetail> {
  return api('GET', `/api/cases/${id}`);
}

export function actOnCase(id: number, input: ActionInput): Promise<CaseDetail> {
  return api('POST', `/api/cases/${id}/actions`, input);
}

/** The key makes a retried submission (double tap, lost response) return the case the first one created. */
export function reportCase(input: ReportInput, idempotencyKey: string): Promise<CaseDetail> {
  return api('POST', '/api/cases', input, { 'Idempotency-Key': idempotencyKey });
}

export async function fetchCategories(): Promise<Category[]> {
  return (await api<{ items: Category[] }>('GET', '/api/cases/categories')).items;
}

export function updateCategory(code: string, patch: CategoryPatch): Promise<Category> {
  return api('PATCH', `/api/cases/categories/${enc(code)}`, patch);
}

/**
 * 我也遇到: the resident follows an open case instead of reporting it again, from where they stand (WGS84): the
 * server lets neighbours follow, and only the case's public view.
 */
export function followCase(id: number, location: { lng: number; lat: number }): Promise<CaseDetail> {
  return api('POST', `/api/cases/${id}/follow`, { location: { ...location, crs: 'wgs84' } });
}

/** Lets the case's followers read its description and see its photos, or stops them. */
export function setCasePublic(id: number, value: boolean): Promise<CaseDetail> {
  return api('PUT', `/api/cases/${id}/public`, { public: value });
}

export async function fetchNearby(categoryCode: string, lng: number, lat: number, crs: Crs): Promise<NearbyCase[]> {
  const query = `categoryCode=${enc(categoryCode)}&lng=${lng}&lat=${lat}&crs=${crs}`;
  return (await api<{ items: NearbyCase[] }>('GET', `/api/cases/nearby?${query}`)).items;
}

export async function fetchOrgs(): Promise<Org[]> {
  return (await api<{ items: Org[] }>('GET', '/api/identity/orgs')).items;
}

export function locatePoint(lng: number, lat: number, crs: Crs): Promise<LocatedPoint> {
  return api('GET', `/api/geo/locate?lng=${lng}&lat=${lat}&crs=${crs}`);
}

export function uploadMedia(file: Blob, filename: string, onProgress?: (percent: number) => void): Promise<Media> {
  return upload('/api/cases/media', file, filename, onProgress);
}

export function mediaUrl(id: number, thumb = false): string {
  return `/api/cases/media/${id}${thumb ? '?thumb=1' : ''}`;
}

/**
 * A fresh key per draft. crypto.randomUUID exists only in secure contexts, and a console served over plain HTTP
 * on a LAN is not one; getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
