import type { CaseRecord } from './db/cases.repository.js';
import type { CaseAction, Level } from './domain/case-status.js';
import type { Priority } from './domain/priority.js';

const PAST = {
  accept: 'accepted',
  reject: 'rejected',
  self_handle: 'self_handled',
  dispatch: 'dispatched',
  start: 'started',
  return: 'returned',
  handle: 'handled',
  verify: 'verified',
  fail_verification: 'verification_failed',
  close: 'closed',
  rate: 'rated',
  suspend: 'suspended',
  resume: 'resumed',
  request_extension: 'extension_requested',
  approve_extension: 'extension_approved',
  merge: 'merged',
  reopen: 'reopened',
  whistle: 'whistled',
  report_in: 'reported_in',
  finish_part: 'part_finished',
  supervise: 'supervised',
  escalate: 'escalated',
} as const satisfies Record<CaseAction | 'reopen' | 'escalate', string>;

export type CaseEventType = `cases.case_${(typeof PAST)[keyof typeof PAST] | 'reported'}.v1`;

/** `cases.case_reported.v1`, and one event per action: `cases.case_closed.v1`, `cases.case_dispatched.v1`, … */
export const CASE_REPORTED = 'cases.case_reported.v1' satisfies CaseEventType;
export const caseActionEvent = (action: CaseAction | 'reopen' | 'escalate'): CaseEventType =>
  `cases.case_${PAST[action]}.v1`;

export interface CaseEventPayload {
  caseId: number;
  number: string;
  status: string;
  /** 紧急 work is told as such; events written before priorities existed carry none. */
  priority?: Priority;
  gridCode: string;
  categoryCode: string;
  gridPath: string;
  reporterId: number | null;
  /** Residents following the case: they hear back as the reporter does. */
  followerIds: number[];
  /** Who holds the case after this step: a unit of the grid's chain (by path) or a department (by org code). */
  level: Level | null;
  assigneePath: string | null;
  assigneeOrg: string | null;
  /** When the holder must have handled it (ISO), if a time limit runs. */
  dueAt: string | null;
  /** Departments whistled in that have still to report in, and by when. */
  awaitingReportIn: { org: string; dueAt: string }[];
  /** A reporter without an account: their contact number, sealed, which hears back by SMS. */
  contactSealed: string | null;
}

/** A department whistled onto a case let its report-in deadline pass: the case went onto the supervision board. */
export const REPORT_IN_MISSED = 'cases.report_in_missed.v1';

export interface ReportInMissedPayload {
  caseId: number;
  number: string;
  gridPath: string;
  org: string;
  orgName: string;
  /** The deadline it let pass (ISO). */
  reportInDueAt: string;
  /** Whoever blew the whistle: the department they called did not come. */
  calledBy: number;
  calledByName: string;
}

declare module '../../core/events.js' {
  interface EventMap extends Record<CaseEventType, CaseEventPayload> {
    [REPORT_IN_MISSED]: ReportInMissedPayload;
  }
}

/** Every case event is about its case: one subscriber hears a case's steps in the order they happened. */
export const caseAggregate = (caseId: number) => `case:${caseId}`;

/** What subscribers hear about a case, taken from the record as it stands after the step. */
export function eventPayload(c: CaseRecord): CaseEventPayload {
  return {
    caseId: c.id,
    number: c.number,
    status: c.status,
    priority: c.priority,
    gridCode: c.gridCode,
    categoryCode: c.categoryCode,
    gridPath: c.gridPath,
    reporterId: c.reporterId,
    followerIds: c.followerIds,
    level: c.level,
    assigneePath: c.assigneePath,
    assigneeOrg: c.assigneeOrg,
    dueAt: c.dueAt ? new Date(c.dueAt).toISOString() : null,
    awaitingReportIn: c.whistleOrgs
      .filter((w) => w.reportedInAt === null)
      .map((w) => ({ org: w.org, dueAt: w.reportInDueAt })),
    contactSealed: c.source === 'anonymous' ? c.reporterPhoneEnc : null,
  };
}
