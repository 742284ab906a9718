import { type Actor, STAFF_ROLES } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { DISPATCHER_ROLES } from '../cases.permissions.js';
import { presentCase } from '../cases.presenter.js';
import { type CaseFilter, listCases, listCategories } from '../db/cases.repository.js';
import { LEVEL_ROLE, type Level, OPEN_STATUSES } from '../domain/case-status.js';
import { communityNames } from './area-names.js';

export const BOXES = [
  'to_accept',
  'to_dispatch',
  'assigned',
  'to_report_in',
  'to_verify',
  'overdue',
  'supervised',
  'reported_by_me',
  'all',
] as const;
export type Box = (typeof BOXES)[number];

/** The inboxes of each role: what waits for this person, always inside their scope. */
export async function listCaseBox(
  ctx: Pick<ModuleContext, 'db' | 'cipher'>,
  actor: Actor,
  q: { box: Box; limit: number; offset: number; categoryCode?: string },
) {
  const base: CaseFilter = { scope: actor.scopePath, limit: q.limit, offset: q.offset, categoryCode: q.categoryCode };
  const levels = (Object.keys(LEVEL_ROLE) as Level[]).filter((l) =>
    (LEVEL_ROLE[l] as readonly string[]).includes(actor.role),
  );
  const dispatcher = DISPATCHER_ROLES.includes(actor.role);
  const staffOverArea = STAFF_ROLES.includes(actor.role) && actor.role !== 'department_staff';
  const filters: Record<Box, CaseFilter | null> = {
    to_accept: dispatcher ? { ...base, statuses: ['reported'] } : null,
    to_dispatch: dispatcher ? { ...base, statuses: ['accepted', 'returned'] } : null,
    assigned: levels.length
      ? { ...base, statuses: ['dispatched', 'in_progress'], assignee: { levels, org: actor.orgCode } }
      : null,
    to_report_in:
      actor.role === 'department_staff' && actor.orgCode ? { ...base, awaitingReportIn: actor.orgCode } : null,
    to_verify:
      actor.role === 'grid_worker' || actor.role === 'community_staff' ? { ...base, statuses: ['handled'] } : null,
    overdue: staffOverArea ? { ...base, statuses: [...OPEN_STATUSES], overdue: true } : null,
    supervised: staffOverArea ? { ...base, supervised: true } : null,
    reported_by_me: { ...base, reporterId: actor.id },
    all: staffOverArea ? base : null,
  };
  const filter = filters[q.box];
  if (!filter) throw coreErrors.forbidden();
  const [{ items, total }, categories] = await Promise.all([listCases(ctx.db, filter), listCategories(ctx.db)]);
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const area = await communityNames(
    ctx.db,
    items.map((c) => c.gridPath),
  );
  return {
    items: items.map((c) => presentCase(actor, c, byCode.get(c.categoryCode), ctx.cipher, area(c.gridPath))),
    total,
  };
}
