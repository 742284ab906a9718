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
import type {
  adminUserSchema,
  changeOrgBody,
  changeUserBody,
  createOrgBody,
  createUserBody,
  managedOrgSchema,
  orgDetailSchema,
  orgSchema,
  usersPage,
} from '../../../../server/src/modules/identity/identity.schemas';
import { api, download, saveFile, upload, type Wire } from '../../core/api';

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

// 用户管理: identity's API, shown under 系统管理 beside the trail that records every change to an account

export type AdminUser = Wire<z.infer<typeof adminUserSchema>>;
export type UsersPage = Wire<z.infer<typeof usersPage>>;
export type RoleCode = AdminUser['role'];
export type NewUser = z.input<typeof createUserBody>;
export type UserChange = z.input<typeof changeUserBody>;
export type Org = z.infer<typeof orgSchema>;

const IDENTITY = '/api/identity';
export const USERS_PAGE_SIZE = 20;

/** The list's search as the page's URL carries it: words in the username or name, a role, the page (from 1). */
export interface UsersQuery {
  q?: string;
  role?: RoleCode;
  page: number;
}

export function fetchUsers({ q, role, page }: UsersQuery): Promise<UsersPage> {
  const params = new URLSearchParams({
    limit: String(USERS_PAGE_SIZE),
    offset: String((page - 1) * USERS_PAGE_SIZE),
  });
  if (q) params.set('q', q);
  if (role) params.set('role', role);
  return api('GET', `${IDENTITY}/users?${params}`);
}

/** The answer's one-time password exists nowhere else: the server keeps only its hash. */
export function createUser(body: NewUser): Promise<{ user: AdminUser; oneTimePassword: string }> {
  return api('POST', `${IDENTITY}/users`, body);
}

export function changeUser(id: number, change: UserChange): Promise<{ user: AdminUser }> {
  return api('PATCH', `${IDENTITY}/users/${id}`, change);
}

/** A new one-time password, which also lifts a lockout and ends the user's sessions. */
export function resetPassword(id: number): Promise<{ oneTimePassword: string }> {
  return api('POST', `${IDENTITY}/users/${id}/reset-password`);
}

/** Lets every address back into an account the sign-in throttle shut; the password stays as it is. */
export function unlockUser(id: number): Promise<void> {
  return api('POST', `${IDENTITY}/users/${id}/unlock`);
}

export async function fetchOrgs(): Promise<Org[]> {
  return (await api<{ items: Org[] }>('GET', `${IDENTITY}/orgs`)).items;
}

// 组织与队伍: identity's orgs an administrator manages, their members and who is on duty

export type ManagedOrg = Wire<z.infer<typeof managedOrgSchema>>;
export type OrgDetail = Wire<z.infer<typeof orgDetailSchema>>;
export type OrgKind = ManagedOrg['kind'];
export type Employment = AdminUser['employment'];
export type NewOrg = z.input<typeof createOrgBody>;

export async function fetchManagedOrgs(): Promise<ManagedOrg[]> {
  return (await api<{ items: ManagedOrg[] }>('GET', `${IDENTITY}/orgs/managed`)).items;
}

export function fetchOrg(code: string): Promise<OrgDetail> {
  return api('GET', `${IDENTITY}/orgs/${encodeURIComponent(code)}`);
}

export function createOrg(body: NewOrg): Promise<{ org: Org }> {
  return api('POST', `${IDENTITY}/orgs`, body);
}

export function changeOrg(code: string, change: z.input<typeof changeOrgBody>): Promise<{ org: Org }> {
  return api('PATCH', `${IDENTITY}/orgs/${encodeURIComponent(code)}`, change);
}

const memberPath = (code: string, id: number) => `${IDENTITY}/orgs/${encodeURIComponent(code)}/members/${id}`;

export function addMember(code: string, id: number, employment?: Employment): Promise<{ member: AdminUser }> {
  return api('PUT', memberPath(code, id), employment ? { employment } : {});
}

export function changeMember(
  code: string,
  id: number,
  change: { employment?: Employment; onDuty?: boolean },
): Promise<{ member: AdminUser }> {
  return api('PATCH', memberPath(code, id), change);
}

export function removeMember(code: string, id: number): Promise<void> {
  return api('DELETE', memberPath(code, id));
}

// 人员名册导入: all or nothing; a refusal lists its problems by row and column

export interface RosterProblem {
  row: number;
  column: string;
  message: string;
}

export type RosterResult =
  | { created: number; passwordsXlsx: string }
  | { error: { code: string; message: string; details?: { problems?: RosterProblem[] } } };

export function downloadRosterTemplate(): Promise<void> {
  return download(`${IDENTITY}/roster/template.xlsx`, '人员名册模板.xlsx');
}

/** A refused roster (400, 413) is an answer to show, with its problems, rather than a thrown error. */
export function importRoster(file: File): Promise<RosterResult> {
  return upload<RosterResult>(`${IDENTITY}/roster`, file, file.name, undefined, [400, 413]);
}

/** The one-time passwords as the server wrote them, handed to the browser's downloads. */
export function savePasswords(base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  saveFile(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    '一次性密码.xlsx',
  );
}
