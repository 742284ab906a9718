import type { Actor } from '../../../core/auth.js';
import { districtOf, inScope } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import type { ModuleContext } from '../../../core/module.js';
import { findOrg } from '../../identity/index.js';
import { casesErrors } from '../cases.errors.js';
import { caseActionEvent, caseAggregate, eventPayload } from '../cases.events.js';
import { actsAs, caseView } from '../cases.permissions.js';
import {
  addFollower,
  addSupervisionNote,
  attachMedia,
  type CasePatch,
  type CaseRecord,
  type CategoryRecord,
  categoriesIn,
  closeSupervision,
  getCase,
  insertRating,
  insertTimeline,
  insertWhistle,
  markPartDone,
  markReportedIn,
  openSupervision,
  updateCase,
} from '../db/cases.repository.js';
import {
  type CaseAction,
  type CaseStatus,
  canCloseFrom,
  IllegalTransition,
  type Level,
  nextStatus,
  RULES,
  unitPath,
} from '../domain/case-status.js';
import { checkSummary, type MayRecur, type RootCause, SUMMARY_FIELDS } from '../domain/closing-summary.js';
import { addWorkdays, workCalendar } from '../domain/deadlines.js';
import { limitsFor, type Priority } from '../domain/priority.js';

export interface TransitionInput {
  action: CaseAction;
  note?: string;
  level?: Level;
  /** accept, dispatch: the priority staff judge the case to have, the reason in `note` when it changes. */
  priority?: Priority;
  orgCode?: string;
  days?: number;
  rating?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  /** rate: the return visit's question, asked with the rating — is the problem solved (已解决) or not (未解决)? */
  resolved?: boolean;
  masterCaseId?: number;
  /** whistle: the departments called, exactly one lead */
  orgs?: { orgCode: string; role: 'lead' | 'helper' }[];
  reportInHours?: number;
  /** Photos and voice notes: the handler's feedback, the grid worker's on-site check. */
  mediaIds?: number[];
  /** report_in: where the department's person was when they reported in (WGS84), kept in the timeline. */
  location?: { lng: number; lat: number };
  /** close: 处置总结 — what was done, the root cause, whether it may recur. */
  summary?: { measures?: string; rootCause?: RootCause; rootCauseNote?: string; mayRecur?: MayRecur };
}

const NEEDS_NOTE: readonly CaseAction[] = [
  'reject',
  'return',
  'handle',
  'fail_verification',
  'suspend',
  'request_extension',
  'finish_part',
  'supervise',
];

/** 分级响应 is judged where a case is taken up and sent on: staff may raise or lower the priority there. */
const RESPONSE_STEPS: readonly CaseAction[] = ['accept', 'dispatch'];

/** The case leaves the loop: its supervision, if any, ends with it. */
const FINISHED: readonly CaseStatus[] = ['rejected', 'closed', 'rated', 'merged'];

interface Planned {
  patch: CasePatch;
  to: CaseStatus;
  detail: Record<string, unknown>;
  /** Rows of the case's other tables written in the same transaction (whistle, report-in, supervision). */
  write?: (tx: Queryable) => Promise<void>;
  /** A second timeline row and event that follow from the first (an unsatisfied rating reopens the case). */
  followUp?: { action: 'reopen'; to: CaseStatus; patch: CasePatch; note: string };
}

/**
 * One action on a case: check who may do it, check the state machine, compute the change, write it together with
 * its timeline row under a compare-and-set on the case's version, then tell the rest of the system.
 */
export async function transitionCase(
  ctx: Pick<ModuleContext, 'db' | 'events'>,
  actor: Actor,
  caseId: number,
  input: TransitionInput,
  now = new Date(),
): Promise<CaseRecord> {
  const { db } = ctx;
  const c = await getCase(db, caseId);
  // whoever may not see the case hears it is not there, so ids tried one by one tell nothing
  if (!c || !caseView(actor, c)) throw casesErrors.notFound({ field: 'id' });
  const rule = RULES[input.action];
  if (rule.by === 'verifier' && c.handledBy === actor.id) throw casesErrors.handlerMayNotVerify();
  if (!actsAs(actor, c, rule.by)) throw casesErrors.notYourTurn({ params: { action: actionName(input.action) } });
  if (NEEDS_NOTE.includes(input.action) && !input.note?.trim()) throw casesErrors.noteRequired({ field: 'note' });
  if (input.priority && !RESPONSE_STEPS.includes(input.action))
    throw casesErrors.priorityNotHere({ field: 'priority' });
  if (input.priority && input.priority !== c.priority && !input.note?.trim()) {
    throw casesErrors.priorityReasonRequired({ field: 'note' });
  }
  // the time limits of the case's own district
  const category = (await categoriesIn(db, districtOf(c.gridPath), c.categoryCode))[0] as CategoryRecord;

  let planned: Planned;
  try {
    planned = await plan(db, actor, c, category, input, now);
  } catch (err) {
    if (err instanceof IllegalTransition) {
      throw casesErrors.illegalTransition({
        params: { action: actionName(err.action), status: statusName(err.status) },
      });
    }
    throw err;
  }

  await db.transaction(async (tx) => {
    if (!(await updateCase(tx, c.id, c.version, { ...planned.patch, status: planned.to }))) {
      throw casesErrors.concurrentChange();
    }
    await insertTimeline(tx, {
      caseId: c.id,
      actorId: actor.id,
      actorName: actor.displayName,
      actorRole: actor.role,
      action: input.action,
      fromStatus: c.status,
      toStatus: planned.to,
      note: input.note?.trim() ?? '',
      detail: planned.detail,
    });
    const media = input.mediaIds ?? [];
    if (media.length && (await attachMedia(tx, media, actor.id, c.id)) !== media.length) {
      throw casesErrors.badMediaIds({ field: 'mediaIds' });
    }
    await planned.write?.(tx);
    if (FINISHED.includes(planned.to)) await closeSupervision(tx, c.id);
    if (planned.followUp) {
      if (!(await updateCase(tx, c.id, c.version + 1, { ...planned.followUp.patch, status: planned.followUp.to }))) {
        throw casesErrors.concurrentChange();
      }
      await insertTimeline(tx, {
        caseId: c.id,
        actorId: null,
        actorName: '系统',
        actorRole: 'system',
        action: planned.followUp.action,
        fromStatus: planned.to,
        toStatus: planned.followUp.to,
        note: planned.followUp.note,
        detail: {},
      });
    }
    // read back inside the transaction: subscribers act on who holds the case now, not before this step
    const payload = eventPayload((await getCase(tx, c.id)) as CaseRecord);
    const on = { aggregate: caseAggregate(c.id), actorId: actor.id };
    await ctx.events.publish(tx, caseActionEvent(input.action), payload, on);
    if (planned.followUp) await ctx.events.publish(tx, caseActionEvent(planned.followUp.action), payload, on);
  });

  return (await getCase(db, c.id)) as CaseRecord;
}

async function plan(
  db: Queryable,
  actor: Actor,
  c: CaseRecord,
  category: CategoryRecord,
  input: TransitionInput,
  now: Date,
): Promise<Planned> {
  const to = nextStatus(input.action, c.status, c.statusBeforeSuspension);
  const priority = input.priority ?? c.priority;
  const reprioritised = priority !== c.priority ? { priority: { from: c.priority, to: priority } } : {};
  // 立案, 派遣 and 办结 each have their limit, for the case's priority in the case's district
  const deadlines = (): CasePatch => {
    const limits = limitsFor(category, priority);
    const dueAt = addWorkdays(now, limits.handleWorkdays);
    return {
      priority,
      acceptedAt: now,
      respondDueAt: new Date(c.reportedAt.getTime() + limitsFor(category, c.priority).respondMinutes * 60_000),
      dispatchDueAt: new Date(now.getTime() + limits.dispatchMinutes * 60_000),
      dueAt,
      dueEstimated: workCalendar().estimated(now, dueAt),
    };
  };
  switch (input.action) {
    case 'accept': {
      const patch = deadlines();
      const dueInWorkdays = limitsFor(category, priority).handleWorkdays;
      return { to, patch, detail: { dueInWorkdays, dispatchDueAt: patch.dispatchDueAt, ...reprioritised } };
    }
    case 'self_handle':
      return {
        to,
        patch: { ...deadlines(), level: 'grid', assigneePath: unitPath(c.gridPath, 'grid'), dispatchedAt: now },
        detail: { level: 'grid' },
      };
    case 'dispatch': {
      const planned = await planDispatch(db, c, input, now);
      if (priority === c.priority) return planned;
      // a new priority gives the case the handling time of that priority, counted from its acceptance
      const acceptedAt = c.acceptedAt ?? now;
      const dueAt = addWorkdays(acceptedAt, limitsFor(category, priority).handleWorkdays);
      const dueEstimated = workCalendar().estimated(acceptedAt, dueAt);
      return {
        ...planned,
        patch: { ...planned.patch, priority, ...(!c.extended && { dueAt, dueEstimated }) },
        detail: { ...planned.detail, ...reprioritised },
      };
    }
    case 'handle':
      // with departments whistled in, the lead finishes the case only once every one of them has reported in
      if (c.whistleOrgs.some((w) => !w.reportedInAt)) throw casesErrors.whistlePending();
      return { to, patch: { handledAt: now, handledBy: actor.id, extensionRequestedDays: null }, detail: {} };
    case 'whistle':
      return planWhistle(db, actor, c, input, now);
    case 'report_in': {
      const mine = c.whistleOrgs.find((w) => w.org === actor.orgCode && !w.reportedInAt);
      if (!mine) throw casesErrors.alreadyReportedIn();
      const org = mine.org;
      const at = input.location ? { location: { lng: input.location.lng, lat: input.location.lat } } : {};
      // reporting in after the deadline still joins the department to the case; the timeline keeps that it was late
      const late = now > new Date(mine.reportInDueAt) ? { late: true, reportInDueAt: mine.reportInDueAt } : {};
      return {
        to,
        patch: {},
        detail: { org, ...at, ...late },
        write: (tx) => markReportedIn(tx, c.id, org, actor.id, now),
      };
    }
    case 'finish_part': {
      const mine = c.whistleOrgs.find(
        (w) => w.org === actor.orgCode && w.role === 'helper' && w.reportedInAt && !w.partDoneAt,
      );
      if (!mine) throw casesErrors.noPartToFinish();
      const note = input.note?.trim() ?? '';
      return { to, patch: {}, detail: { org: mine.org }, write: (tx) => markPartDone(tx, c.id, mine.org, note) };
    }
    case 'supervise': {
      const note = input.note?.trim() ?? '';
      return {
        to,
        patch: {},
        detail: {},
        write: async (tx) => {
          const id = await openSupervision(tx, c.id, 'manual', actor.id);
          await addSupervisionNote(tx, id, { id: actor.id, name: actor.displayName }, note);
        },
      };
    }
    case 'fail_verification':
      return { to, patch: { handledAt: null, reworkCount: c.reworkCount + 1 }, detail: {} };
    case 'close': {
      if (!canCloseFrom(c.status, category.needsVerification)) throw new IllegalTransition('close', c.status);
      const checked = checkSummary(input.summary ?? {});
      if ('missing' in checked) {
        throw casesErrors.summaryRequired({
          field: `summary.${checked.missing}`,
          params: { part: SUMMARY_FIELDS[checked.missing] },
        });
      }
      // the timeline keeps each summary as given; the case holds the latest for the console and 问题溯源
      return { to, patch: { closedAt: now, summary: checked.summary }, detail: { summary: checked.summary } };
    }
    case 'rate':
      return planRating(actor, c, input, now);
    case 'suspend':
      return { to, patch: { statusBeforeSuspension: c.status }, detail: {} };
    case 'resume':
      return { to, patch: { statusBeforeSuspension: null }, detail: {} };
    case 'request_extension': {
      if (!input.days) throw casesErrors.missingField({ field: 'days' });
      return { to, patch: { extensionRequestedDays: input.days }, detail: { days: input.days } };
    }
    case 'approve_extension': {
      const days = input.days ?? c.extensionRequestedDays;
      if (!c.extensionRequestedDays || !days) throw casesErrors.noExtensionRequested();
      const dueAt = addWorkdays(c.dueAt ?? now, days);
      const dueEstimated = workCalendar().estimated(c.acceptedAt ?? now, dueAt);
      return {
        to,
        patch: { dueAt, dueEstimated, extended: true, extensionRequestedDays: null },
        detail: { days, dueAt, ...(dueEstimated && { dueEstimated }) },
      };
    }
    case 'merge': {
      if (!input.masterCaseId) throw casesErrors.missingField({ field: 'masterCaseId' });
      const master = await getCase(db, input.masterCaseId);
      const finished: CaseStatus[] = ['rejected', 'merged', 'closed', 'rated'];
      if (!master || master.id === c.id || finished.includes(master.status) || !inScope(actor, master.gridPath)) {
        throw casesErrors.badMergeTarget({ field: 'masterCaseId' });
      }
      // the duplicate's reporter hears every later step of the master case, as one who follows it
      const reporter = c.reporterId !== master.reporterId ? c.reporterId : null;
      return {
        to,
        patch: { mergedInto: master.id, closedAt: now },
        detail: { master: master.number },
        write: async (tx) => {
          if (reporter) await addFollower(tx, master.id, reporter);
        },
      };
    }
    default:
      return { to, patch: {}, detail: {} };
  }
}

/** 吹哨: call departments onto the case, the lead becomes its assignee, each must report in by the deadline. */
async function planWhistle(
  db: Queryable,
  actor: Actor,
  c: CaseRecord,
  input: TransitionInput,
  now: Date,
): Promise<Planned> {
  const to = nextStatus('whistle', c.status);
  const orgs = input.orgs ?? [];
  if (!orgs.length) throw casesErrors.missingField({ field: 'orgs' });
  if (orgs.filter((o) => o.role === 'lead').length !== 1) throw casesErrors.oneLead({ field: 'orgs' });
  if (new Set(orgs.map((o) => o.orgCode)).size !== orgs.length) throw casesErrors.oneLead({ field: 'orgs' });
  const names: Record<string, string> = {};
  for (const [i, o] of orgs.entries()) {
    const org = await findOrg(db, o.orgCode);
    if (!org || !(c.gridPath === org.regionPath || c.gridPath.startsWith(`${org.regionPath}.`))) {
      throw casesErrors.unknownOrg({ field: `orgs.${i}.orgCode`, params: { code: o.orgCode } });
    }
    names[org.code] = org.name;
  }
  const lead = orgs.find((o) => o.role === 'lead')?.orgCode as string;
  const reportInDueAt = new Date(now.getTime() + (input.reportInHours ?? 2) * 3600_000);
  return {
    to,
    patch: { level: 'department', assigneeOrg: lead, assigneePath: null, dispatchedAt: now },
    detail: {
      lead,
      helpers: orgs.filter((o) => o.role === 'helper').map((o) => o.orgCode),
      orgNames: names,
      reportInDueAt,
    },
    write: async (tx) => {
      await insertWhistle(tx, {
        caseId: c.id,
        calledBy: actor.id,
        reportInDueAt,
        note: input.note?.trim() ?? '',
        orgs: orgs.map((o) => ({ org: o.orgCode, role: o.role })),
      });
    },
  };
}

async function planDispatch(db: Queryable, c: CaseRecord, input: TransitionInput, now: Date): Promise<Planned> {
  const to = nextStatus('dispatch', c.status);
  const level = input.level;
  if (!level) throw casesErrors.missingField({ field: 'level' });
  const base: CasePatch = { level, dispatchedAt: now, extensionRequestedDays: null };
  if (level === 'department') {
    if (!input.orgCode) throw casesErrors.missingField({ field: 'orgCode' });
    const org = await findOrg(db, input.orgCode);
    // the department or team must serve an area that contains the case
    if (!org || !(c.gridPath === org.regionPath || c.gridPath.startsWith(`${org.regionPath}.`))) {
      throw casesErrors.unknownOrg({ field: 'orgCode', params: { code: input.orgCode } });
    }
    return {
      to,
      patch: { ...base, assigneeOrg: org.code, assigneePath: null },
      detail: { level, org: org.code, orgName: org.name },
    };
  }
  const path = unitPath(c.gridPath, level);
  return {
    to,
    patch: { ...base, assigneePath: path, assigneeOrg: null },
    detail: { level, unit: path.split('.').at(-1) },
  };
}

/**
 * 回访: the resident rates on the phone, or a dispatcher records what the resident said on a call. Each rating is
 * its own row; the case keeps only the latest for display.
 */
function planRating(actor: Actor, c: CaseRecord, input: TransitionInput, now: Date): Planned {
  const rating = input.rating;
  const resolved = input.resolved;
  if (!rating) throw casesErrors.missingField({ field: 'rating' });
  if (resolved === undefined) throw casesErrors.missingField({ field: 'resolved' });
  const comment = input.note?.trim() || null;
  const patch: CasePatch = { rating, ratingComment: comment };
  const detail = { rating, resolved };
  const write = (tx: Queryable) =>
    insertRating(tx, {
      caseId: c.id,
      rating,
      resolved,
      comment,
      ratedBy: actor.id,
      ratedByKind: actor.role === 'resident' ? 'resident' : 'operator',
      ratedAt: now,
    });
  if (rating !== 'unsatisfied') return { to: 'rated', patch, detail, write };
  // an unsatisfied resident gets a follow-up call within one working day
  patch.followupDueAt = addWorkdays(now, 1);
  if (c.reopened) return { to: 'rated', patch, detail, write };
  return {
    to: 'rated',
    patch,
    detail,
    write,
    followUp: {
      action: 'reopen',
      to: 'dispatched',
      patch: { reopened: true, reworkCount: c.reworkCount + 1, closedAt: null, handledAt: null, dispatchedAt: now },
      note: '居民不满意，案件重新办理 / reopened after an unsatisfied rating',
    },
  };
}

const ACTION_NAMES: Record<CaseAction, string> = {
  accept: '立案',
  reject: '不予立案',
  self_handle: '自处理',
  dispatch: '派遣',
  start: '开始处置',
  return: '退回',
  handle: '处置反馈',
  verify: '核查通过',
  fail_verification: '核查不通过',
  close: '结案',
  rate: '评价',
  suspend: '挂账',
  resume: '恢复办理',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  merge: '合并',
  whistle: '吹哨',
  report_in: '报到',
  finish_part: '完成分工',
  supervise: '督办',
};

const STATUS_NAMES: Record<CaseStatus, string> = {
  reported: '已上报',
  accepted: '已立案',
  rejected: '不予立案',
  dispatched: '已派遣',
  in_progress: '处置中',
  returned: '已退回',
  suspended: '挂账中',
  handled: '已处置',
  verified: '已核查',
  closed: '已结案',
  rated: '已评价',
  merged: '已合并',
};

/** Both languages at once: the error wording picks one by the caller's Accept-Language. */
function actionName(action: CaseAction) {
  return { 'zh-CN': ACTION_NAMES[action], en: action.replace(/_/g, ' ') };
}
function statusName(status: CaseStatus) {
  return { 'zh-CN': STATUS_NAMES[status], en: status.replace(/_/g, ' ') };
}
