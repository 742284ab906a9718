import type { Permissions } from '../../core/access.js';
import { type Actor, inScope, type Role, STAFF_ROLES } from '../../core/auth.js';
import type { CaseRecord } from './db/cases.repository.js';
import { type ActorKind, LEVEL_ROLE } from './domain/case-status.js';

/** Staff who accept, dispatch, supervise and close the cases of their area. */
export const DISPATCHER_ROLES: readonly Role[] = [
  'community_staff',
  'street_staff',
  'district_admin',
  'command_centre',
];

/** 督办 comes from above the community: the street, the district and its command centre. */
export const SUPERVISOR_ROLES: readonly Role[] = ['street_staff', 'district_admin', 'command_centre'];

/** Anyone may report: residents from their phone, grid workers on patrol, staff taking a hotline call. */
const REPORTERS: readonly Role[] = [...STAFF_ROLES, 'resident'];

/**
 * What the routes let in; each case then says who may see it (canView) and act on it (the state machine's actor
 * kinds), so `view` and `act` open to every reporter and the case narrows them down.
 */
export const casesPermissions = {
  report: { roles: REPORTERS, scope: 'own' },
  view: { roles: REPORTERS, scope: 'area' },
  act: { roles: REPORTERS, scope: 'area' },
  follow: { roles: ['resident'], scope: 'own' },
  dispatch: { roles: DISPATCHER_ROLES, scope: 'area' },
  supervise: { roles: SUPERVISOR_ROLES, scope: 'area' },
  // those who answer for an area's results see its KPIs
  'kpis.view': { roles: ['community_staff', 'street_staff', 'district_admin', 'command_centre'], scope: 'area' },
  // categories set every case's level for the deployment; a district sets only its own time limits
  'categories.manage': { roles: ['district_admin'], scope: 'district' },
  // whether the district takes reports from people without an account
  'settings.manage': { roles: ['district_admin'], scope: 'area' },
  // the working-day calendar every deadline is counted on: read by those who set or answer for deadlines
  'calendar.view': { roles: DISPATCHER_ROLES, scope: 'deployment' },
  'calendar.manage': { roles: ['district_admin'], scope: 'deployment' },
} satisfies Permissions;

type CaseScope = Pick<
  CaseRecord,
  | 'gridPath'
  | 'level'
  | 'assigneePath'
  | 'assigneeOrg'
  | 'reporterId'
  | 'whistleOrgs'
  | 'followerIds'
  | 'handledBy'
  | 'verifier'
>;

export function isDispatcher(actor: Actor, c: CaseScope): boolean {
  return DISPATCHER_ROLES.includes(actor.role) && inScope(actor, c.gridPath);
}

/** The unit the case is assigned to acts through the people of that level whose scope (or org) covers it. */
export function isAssignee(actor: Actor, c: CaseScope): boolean {
  if (!c.level) return false;
  if (!(LEVEL_ROLE[c.level] as readonly Role[]).includes(actor.role)) return false;
  if (c.level === 'department') return Boolean(actor.orgCode) && actor.orgCode === c.assigneeOrg;
  return Boolean(c.assigneePath) && inScope(actor, c.assigneePath as string);
}

export function isSiteWorker(actor: Actor, c: CaseScope): boolean {
  return actor.role === 'grid_worker' && inScope(actor, c.gridPath);
}

/**
 * 核查 is a second person's look: the grid's worker or community staff over the grid, as the district chose, and never
 * whoever handled the case (a grid worker who handled it on the spot leaves the check to someone else).
 */
export function isVerifier(actor: Actor, c: CaseScope): boolean {
  if (actor.id === c.handledBy) return false;
  const gridWorker = c.verifier !== 'community_staff' && isSiteWorker(actor, c);
  const community = c.verifier !== 'grid_worker' && actor.role === 'community_staff' && inScope(actor, c.gridPath);
  return gridWorker || community;
}

export function isReporter(actor: Actor, c: CaseScope): boolean {
  return c.reporterId !== null && actor.id === c.reporterId;
}

/** A department whistled onto the case acts for its part through its own staff. */
export function isWhistled(actor: Actor, c: CaseScope): boolean {
  return actor.role === 'department_staff' && c.whistleOrgs.some((w) => w.org === actor.orgCode);
}

export function isSupervisor(actor: Actor, c: CaseScope): boolean {
  return SUPERVISOR_ROLES.includes(actor.role) && inScope(actor, c.gridPath);
}

export function actsAs(actor: Actor, c: CaseScope, kinds: ActorKind | readonly ActorKind[]): boolean {
  return typeof kinds === 'string' ? actsAsKind(actor, c, kinds) : kinds.some((k) => actsAsKind(actor, c, k));
}

function actsAsKind(actor: Actor, c: CaseScope, kind: ActorKind): boolean {
  switch (kind) {
    case 'dispatcher':
      return isDispatcher(actor, c);
    case 'assignee':
      return isAssignee(actor, c);
    case 'grid_worker':
      return isSiteWorker(actor, c);
    case 'verifier':
      return isVerifier(actor, c);
    case 'reporter':
      return isReporter(actor, c);
    case 'whistled':
      return isWhistled(actor, c);
    case 'supervisor':
      return isSupervisor(actor, c);
  }
}

/**
 * Staff over the case's area, whoever holds it and the resident who reported it see the whole case; a resident who
 * follows it sees its public view (cases.presenter); anyone else nothing.
 */
export function caseView(actor: Actor, c: CaseScope): 'full' | 'public' | null {
  if (
    (STAFF_ROLES.includes(actor.role) && actor.role !== 'department_staff' && inScope(actor, c.gridPath)) ||
    isAssignee(actor, c) ||
    isWhistled(actor, c) ||
    isReporter(actor, c)
  ) {
    return 'full';
  }
  return c.followerIds.includes(actor.id) ? 'public' : null;
}
