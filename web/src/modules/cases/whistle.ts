import type { Case, CaseAction, WhistleOrg } from './api';

/** A department whose report-in deadline passed while it still has not reported in. */
export function isLate(w: WhistleOrg, now = Date.now()): boolean {
  return !w.reportedInAt && new Date(w.reportInDueAt).getTime() < now;
}

/** A department that reported in, but after its deadline. */
export function reportedLate(w: WhistleOrg): boolean {
  return Boolean(w.reportedInAt) && new Date(w.reportedInAt as string).getTime() > new Date(w.reportInDueAt).getTime();
}

/** Whole minutes past the deadline: until the department reported in, or until now while it has not. */
export function minutesLate(w: WhistleOrg, now = Date.now()): number {
  const came = w.reportedInAt ? new Date(w.reportedInAt).getTime() : now;
  return Math.max(0, Math.floor((came - new Date(w.reportInDueAt).getTime()) / 60_000));
}

/**
 * The server offers report-in and finishing a part to every department whistled onto the case, whatever it has
 * done already; a button that would only earn a refusal is left out: report in once, finish a helper's part once.
 */
export function fitsMyPart(action: CaseAction, item: Case, orgCode: string | null): boolean {
  const mine = item.whistleOrgs.find((w) => w.org === orgCode);
  if (action === 'report_in') return Boolean(mine && !mine.reportedInAt);
  if (action === 'finish_part') return Boolean(mine && mine.role === 'helper' && mine.reportedInAt && !mine.partDoneAt);
  return true;
}
