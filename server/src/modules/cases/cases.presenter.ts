import type { Actor, Role } from '../../core/auth.js';
import { maskPhone, type PersonalDataCipher } from '../../core/crypto.js';
import { ROLE_NAMES } from '../identity/index.js';
import { actsAs, caseView } from './cases.permissions.js';
import type { CaseRecord, CategoryRecord, listCaseMedia, listTimeline } from './db/cases.repository.js';
import { ACTIONS, type CaseAction, RULES } from './domain/case-status.js';
import { deadlineState } from './domain/deadlines.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The actions this person could take now, so a page shows only the buttons that will work. */
export function allowedActions(actor: Actor, c: CaseRecord): CaseAction[] {
  return ACTIONS.filter((a) => RULES[a].from.includes(c.status) && actsAs(actor, c, RULES[a].by) && ready(actor, c, a));
}

/** What the state machine allows may still wait on something else: a report-in, an extension request. */
function ready(actor: Actor, c: CaseRecord, action: CaseAction): boolean {
  const mine = c.whistleOrgs.find((w) => w.org === actor.orgCode);
  switch (action) {
    case 'report_in':
      return Boolean(mine && !mine.reportedInAt);
    case 'finish_part':
      return Boolean(mine && mine.role === 'helper' && mine.reportedInAt && !mine.partDoneAt);
    case 'handle':
      return c.whistleOrgs.every((w) => w.reportedInAt);
    case 'approve_extension':
      return c.extensionRequestedDays !== null;
    case 'request_extension':
      return c.extensionRequestedDays === null;
    default:
      return true;
  }
}

/**
 * The case as this person may see it. The whole case: phones leave the server masked and an anonymous reporter's
 * name is withheld. The public view, for a resident who follows someone else's report: what the problem is, where
 * roughly (the area, not the address or the point) and how far it has come; what was written and photographed only
 * once staff marked the case public; who reported it, never.
 */
export function presentCase(
  actor: Actor,
  c: CaseRecord,
  category: CategoryRecord | undefined,
  cipher: PersonalDataCipher,
  areaName: string,
) {
  const full = caseView(actor, c) === 'full';
  return {
    id: c.id,
    number: c.number,
    source: c.source,
    category: { code: c.categoryCode, nameZh: category?.nameZh ?? '', nameEn: category?.nameEn ?? '' },
    status: c.status,
    priority: c.priority,
    view: full ? ('full' as const) : ('public' as const),
    public: c.public,
    description: full || c.public ? c.description : '',
    address: full ? c.address : '',
    areaName,
    location: full ? { lng: c.lng, lat: c.lat } : null,
    gridCode: c.gridCode,
    reporter: full
      ? {
          anonymous: c.anonymous,
          name: c.anonymous ? null : c.reporterName,
          phone: c.reporterPhoneEnc ? maskPhone(cipher.decrypt(c.reporterPhoneEnc)) : null,
        }
      : { anonymous: c.anonymous, name: null, phone: null },
    following: c.followerIds.includes(actor.id),
    followers: c.followerIds.length,
    level: c.level,
    assignee: { unit: c.assigneePath?.split('.').at(-1) ?? null, org: c.assigneeOrg },
    reportedAt: iso(c.reportedAt) as string,
    acceptedAt: iso(c.acceptedAt),
    respondDueAt: iso(c.respondDueAt),
    dispatchDueAt: iso(c.dispatchDueAt),
    dueAt: iso(c.dueAt),
    dueEstimated: c.dueEstimated,
    dispatchedAt: iso(c.dispatchedAt),
    handledAt: iso(c.handledAt),
    closedAt: iso(c.closedAt),
    deadline: deadlineOf(c),
    extensionRequestedDays: c.extensionRequestedDays,
    extended: c.extended,
    reworkCount: c.reworkCount,
    reopened: c.reopened,
    // the reporter's own judgement, like their words
    rating: full ? c.rating : null,
    ratingComment: full ? c.ratingComment : null,
    followupDueAt: iso(c.followupDueAt),
    mergedInto: c.mergedInto,
    whistleOrgs: full ? c.whistleOrgs : [],
    supervised: c.supervised,
    supervisionReason: c.supervisionReason,
    escalationCount: c.escalationCount,
    // staff's own account of the work and its cause, like their notes
    summary: full ? c.summary : null,
    allowedActions: allowedActions(actor, c),
  };
}

/** How close the deadline of the step the case waits for is: 立案 while reported, 派遣 once accepted, 办结 after. */
function deadlineOf(c: CaseRecord) {
  const now = new Date();
  if (c.closedAt) return null;
  if (c.status === 'reported' && c.respondDueAt)
    return deadlineState(new Date(c.reportedAt), new Date(c.respondDueAt), now);
  if (!c.acceptedAt) return null;
  if (c.status === 'accepted' && c.dispatchDueAt)
    return deadlineState(new Date(c.acceptedAt), new Date(c.dispatchDueAt), now);
  return c.dueAt ? deadlineState(new Date(c.acceptedAt), new Date(c.dueAt), now) : null;
}

/** What the public view's timeline keeps: the steps that moved the case, told without the people behind them. */
const moved = (r: { fromStatus: string | null; toStatus: string }) => r.fromStatus !== r.toStatus;

/** Notes written for the public: the report itself (the description) and the handler's account of the work. */
const PUBLIC_NOTES: readonly string[] = ['report', 'handle'];

/** Facts of a step the phone tells a follower: where it was sent; whether the reporter found it solved. */
function publicDetail(r: { action: string; detail: Record<string, unknown> }): Record<string, unknown> {
  const { level, orgName, resolved } = r.detail;
  if (r.action === 'dispatch') return { level, ...(orgName !== undefined && { orgName }) };
  if (r.action === 'rate' && typeof resolved === 'boolean') return { resolved };
  return {};
}

/**
 * Each timeline row with the photos and voice notes that came with that action. A resident acting on the case is
 * named as the case names its reporter: an anonymous reporter stays 匿名居民 on every row, to staff too. In the
 * public view, staff appear as their role, residents as 居民, and notes and media only as a public case allows.
 */
export function presentTimeline(
  actor: Actor,
  c: CaseRecord,
  rows: Awaited<ReturnType<typeof listTimeline>>,
  media: Awaited<ReturnType<typeof listCaseMedia>>,
) {
  const full = caseView(actor, c) === 'full';
  const anonymousReporter = (r: { actorId: number | null }) =>
    c.anonymous && r.actorId !== null && r.actorId === c.reporterId;
  const actorName = (r: { actorId: number | null; actorName: string; actorRole: string }) => {
    if (anonymousReporter(r)) return '匿名居民';
    if (full) return r.actorName;
    if (r.actorRole === 'resident') return '居民';
    return r.actorRole in ROLE_NAMES ? ROLE_NAMES[r.actorRole as Role]['zh-CN'] : r.actorName;
  };
  const shown = (r: { action: string }) => full || (c.public && PUBLIC_NOTES.includes(r.action));
  return rows
    .filter((r) => full || moved(r))
    .map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actorName: actorName(r),
      actorRole: r.actorRole,
      action: r.action,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      note: shown(r) ? r.note : '',
      detail: full ? r.detail : publicDetail(r),
      media: shown(r)
        ? media
            .filter((m) => m.timelineId === r.id)
            .map((m) => ({ id: m.id, kind: m.kind as 'photo' | 'voice', mime: m.mime }))
        : [],
    }));
}
