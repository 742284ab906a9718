import type { CaseAction, Level } from '../../../../server/src/modules/cases/domain/case-status';
import { api, upload } from '../../core/api';

// one list of actions and levels for server and console: the server's pure domain module, imported as source
export {
  ACTIONS as CASE_ACTIONS,
  type CaseAction,
  LEVELS,
  type Level,
} from '../../../../server/src/modules/cases/domain/case-status';

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export type CaseStatus =
  | 'reported'
  | 'accepted'
  | 'rejected'
  | 'dispatched'
  | 'in_progress'
  | 'returned'
  | 'suspended'
  | 'handled'
  | 'verified'
  | 'closed'
  | 'rated'
  | 'merged';

export type Deadline = 'on_time' | 'warning' | 'overdue';

export type Box =
  | 'to_accept'
  | 'to_dispatch'
  | 'assigned'
  | 'to_report_in'
  | 'to_verify'
  | 'overdue'
  | 'supervised'
  | 'reported_by_me'
  | 'all';

export type WhistleRole = 'lead' | 'helper';

/** A department called onto the case by a whistle (吹哨), and how far it has come (报到, its part done). */
export interface WhistleOrg {
  org: string;
  role: WhistleRole;
  reportedInAt: string | null;
  partDoneAt: string | null;
  reportInDueAt: string;
}

export interface Media {
  id: number;
  kind: 'photo' | 'voice';
  mime: string;
}

/** The server keeps at most this many photos and voice notes per report or action. */
export const MAX_MEDIA = 9;

export interface CategoryName {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Case {
  id: number;
  number: string;
  source: string;
  category: CategoryName;
  status: CaseStatus;
  description: string;
  address: string;
  location: { lng: number; lat: number };
  gridCode: string;
  reporter: { anonymous: boolean; name: string | null; phone: string | null };
  level: Level | null;
  assignee: { unit: string | null; org: string | null };
  reportedAt: string;
  acceptedAt: string | null;
  respondDueAt: string | null;
  dueAt: string | null;
  dispatchedAt: string | null;
  handledAt: string | null;
  closedAt: string | null;
  deadline: Deadline | null;
  extensionRequestedDays: number | null;
  extended: boolean;
  reworkCount: number;
  reopened: boolean;
  rating: Rating | null;
  ratingComment: string | null;
  followupDueAt: string | null;
  mergedInto: number | null;
  whistleOrgs: WhistleOrg[];
  supervised: boolean;
  escalationCount: number;
  allowedActions: CaseAction[];
}

export interface TimelineEntry {
  id: number;
  at: string;
  actorName: string;
  actorRole: string;
  /** A CaseAction, or 'report', 'reopen' and 'escalate', which only the server takes. */
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string;
  detail: Record<string, unknown>;
  media: Media[];
}

export interface CaseDetail {
  case: Case;
  timeline: TimelineEntry[];
}

export interface Category extends CategoryName {
  parentCode: string | null;
  /** The level a new case of this category goes to, and the department when that level is `department`. */
  defaultLevel: Level;
  defaultDepartment: string | null;
  respondHours: number;
  handleWorkdays: number;
  needsVerification: boolean;
  active: boolean;
}

/** What a district administrator may change; the code and the place in the tree stay. */
export type CategoryPatch = Partial<
  Pick<
    Category,
    | 'nameZh'
    | 'nameEn'
    | 'defaultLevel'
    | 'defaultDepartment'
    | 'respondHours'
    | 'handleWorkdays'
    | 'needsVerification'
    | 'active'
  >
>;

export interface NearbyCase {
  id: number;
  number: string;
  description: string;
  status: CaseStatus;
  distance: number;
}

export interface Org {
  code: string;
  name: string;
  kind: string;
  regionPath: string;
}

export type Crs = 'wgs84' | 'gcj02' | 'bd09';

export interface ReportInput {
  categoryCode: string;
  description: string;
  address?: string;
  location: { lng: number; lat: number; crs: Crs };
  contact?: { name?: string; phone?: string };
  anonymous?: boolean;
  viaHotline?: boolean;
  mediaIds?: number[];
}

export interface ActionInput {
  action: CaseAction;
  note?: string;
  level?: Level;
  orgCode?: string;
  days?: number;
  rating?: Rating;
  masterCaseId?: number;
  orgs?: { orgCode: string; role: WhistleRole }[];
  reportInHours?: number;
  mediaIds?: number[];
}

export interface LocatedPoint {
  grid: { code: string; name: string; mergedInto: string | null } | null;
}

const enc = encodeURIComponent;

export function fetchBox(box: Box): Promise<{ items: Case[]; total: number }> {
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
