import type { Actor } from '../../../core/auth.js';
import { inScope } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import type { ModuleContext } from '../../../core/module.js';
import { findOrg } from '../../identity/index.js';
import { casesErrors } from '../cases.errors.js';
import { type CaseEventPayload, caseActionEvent } from '../cases.events.js';
import { actsAs } from '../cases.permissions.js';
import {
  type CasePatch,
  type CaseRecord,
  type CategoryRecord,
  getCase,
  getCategory,
  insertTimeline,
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
} from '../domain/case-status.js';
import { addWorkdays } from '../domain/deadlines.js';

export interface TransitionInput {
  action: CaseAction;
  note?: string;
  level?: Level;
  orgCode?: string;
  days?: number;
  rating?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  masterCaseId?: number;
}

const NEEDS_NOTE: readonly CaseAction[] = [
  'reject',
  'return',
  'handle',
  'fail_verification',
  'suspend',
  'request_extension',
];

/** A grid path is province.city.district.street.community.grid: each level's unit is a prefix of it. */
const LEVEL_DEPTH: Record<Exclude<Level, 'department'>, number> = { district: 3, street: 4, community: 5, grid: 6 };
function unitPath(gridPath: string, level: Exclude<Level, 'department'>): string {
  return gridPath.split('.').slice(0, LEVEL_DEPTH[level]).join('.');
}

interface Planned {
  patch: CasePatch;
  to: CaseStatus;
  detail: Record<string, unknown>;
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
): Promise<CaseRecord> {
  const { db } = ctx;
  const c = await getCase(db, caseId);
  if (!c) throw casesErrors.notFound({ field: 'id' });
  const rule = RULES[input.action];
  if (!actsAs(actor, c, rule.by)) throw casesErrors.notYourTurn({ params: { action: actionName(input.action) } });
  if (NEEDS_NOTE.includes(input.action) && !input.note?.trim()) throw casesErrors.noteRequired({ field: 'note' });
  const category = (await getCategory(db, c.categoryCode)) as CategoryRecord;

  let planned: Planned;
  try {
    planned = await plan(db, actor, c, category, input, new Date());
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
  });

  const updated = (await getCase(db, c.id)) as CaseRecord;
  const payload: CaseEventPayload = {
    caseId: c.id,
    number: c.number,
    status: updated.status,
    gridCode: c.gridCode,
    categoryCode: c.categoryCode,
    reporterId: c.reporterId,
  };
  ctx.events.publish(caseActionEvent(input.action), payload, actor.id);
  if (planned.followUp) ctx.events.publish(caseActionEvent(planned.followUp.action), payload, actor.id);
  return updated;
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
  const deadlines = (): CasePatch => ({
    acceptedAt: now,
    respondDueAt: new Date(now.getTime() + category.respondHours * 3600_000),
    dueAt: addWorkdays(now, category.handleWorkdays),
  });
  switch (input.action) {
    case 'accept':
      return { to, patch: deadlines(), detail: { dueInWorkdays: category.handleWorkdays } };
    case 'self_handle':
      return {
        to,
        patch: { ...deadlines(), level: 'grid', assigneePath: unitPath(c.gridPath, 'grid'), dispatchedAt: now },
        detail: { level: 'grid' },
      };
    case 'dispatch':
      return planDispatch(db, c, input, now);
    case 'handle':
      return { to, patch: { handledAt: now, extensionRequestedDays: null }, detail: {} };
    case 'fail_verification':
      return { to, patch: { handledAt: null, reworkCount: c.reworkCount + 1 }, detail: {} };
    case 'close':
      if (!canCloseFrom(c.status, category.needsVerification)) throw new IllegalTransition('close', c.status);
      return { to, patch: { closedAt: now }, detail: {} };
    case 'rate':
      return planRating(c, input, now);
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
      return { to, patch: { dueAt, extended: true, extensionRequestedDays: null }, detail: { days, dueAt } };
    }
    case 'merge': {
      if (!input.masterCaseId) throw casesErrors.missingField({ field: 'masterCaseId' });
      const master = await getCase(db, input.masterCaseId);
      const finished: CaseStatus[] = ['rejected', 'merged', 'closed', 'rated'];
      if (!master || master.id === c.id || finished.includes(master.status) || !inScope(actor, master.gridPath)) {
        throw casesErrors.badMergeTarget({ field: 'masterCaseId' });
      }
      return { to, patch: { mergedInto: master.id, closedAt: now }, detail: { master: master.number } };
    }
    default:
      return { to, patch: {}, detail: {} };
  }
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

function planRating(c: CaseRecord, input: TransitionInput, now: Date): Planned {
  if (!input.rating) throw casesErrors.missingField({ field: 'rating' });
  const patch: CasePatch = { rating: input.rating, ratingComment: input.note?.trim() || null };
  const detail = { rating: input.rating };
  if (input.rating !== 'unsatisfied') return { to: 'rated', patch, detail };
  // 回访: an unsatisfied resident gets a follow-up call within one working day
  patch.followupDueAt = addWorkdays(now, 1);
  if (c.reopened) return { to: 'rated', patch, detail };
  return {
    to: 'rated',
    patch,
    detail,
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
