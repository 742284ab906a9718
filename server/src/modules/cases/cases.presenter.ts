import type { Actor } from '../../core/auth.js';
import { maskPhone, type PersonalDataCipher } from '../../core/crypto.js';
import { actsAs } from './cases.permissions.js';
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

/** Phones leave the server masked; the reporter's name is withheld for anonymous reports. */
export function presentCase(
  actor: Actor,
  c: CaseRecord,
  category: CategoryRecord | undefined,
  cipher: PersonalDataCipher,
) {
  const open = !c.closedAt && c.dueAt && c.acceptedAt;
  return {
    id: c.id,
    number: c.number,
    source: c.source,
    category: { code: c.categoryCode, nameZh: category?.nameZh ?? '', nameEn: category?.nameEn ?? '' },
    status: c.status,
    description: c.description,
    address: c.address,
    location: { lng: c.lng, lat: c.lat },
    gridCode: c.gridCode,
    // a resident following someone else's report sees the problem, not who reported it
    reporter:
      actor.role === 'resident' && actor.id !== c.reporterId
        ? { anonymous: c.anonymous, name: null, phone: null }
        : {
            anonymous: c.anonymous,
            name: c.anonymous ? null : c.reporterName,
            phone: c.reporterPhoneEnc ? maskPhone(cipher.decrypt(c.reporterPhoneEnc)) : null,
          },
    following: c.followerIds.includes(actor.id),
    followers: c.followerIds.length,
    level: c.level,
    assignee: { unit: c.assigneePath?.split('.').at(-1) ?? null, org: c.assigneeOrg },
    reportedAt: iso(c.reportedAt) as string,
    acceptedAt: iso(c.acceptedAt),
    respondDueAt: iso(c.respondDueAt),
    dueAt: iso(c.dueAt),
    dueEstimated: c.dueEstimated,
    dispatchedAt: iso(c.dispatchedAt),
    handledAt: iso(c.handledAt),
    closedAt: iso(c.closedAt),
    deadline: open ? deadlineState(new Date(c.acceptedAt as Date), new Date(c.dueAt as Date), new Date()) : null,
    extensionRequestedDays: c.extensionRequestedDays,
    extended: c.extended,
    reworkCount: c.reworkCount,
    reopened: c.reopened,
    rating: c.rating,
    ratingComment: c.ratingComment,
    followupDueAt: iso(c.followupDueAt),
    mergedInto: c.mergedInto,
    whistleOrgs: c.whistleOrgs,
    supervised: c.supervised,
    escalationCount: c.escalationCount,
    allowedActions: allowedActions(actor, c),
  };
}

/** Each timeline row carries the photos and voice notes that came with that action. */
export function presentTimeline(
  rows: Awaited<ReturnType<typeof listTimeline>>,
  media: Awaited<ReturnType<typeof listCaseMedia>>,
) {
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorName: r.actorName,
    actorRole: r.actorRole,
    action: r.action,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    note: r.note,
    detail: r.detail,
    media: media
      .filter((m) => m.timelineId === r.id)
      .map((m) => ({ id: m.id, kind: m.kind as 'photo' | 'voice', mime: m.mime })),
  }));
}
