/**
 * The case loop as a pure state machine (信息收集 → 案卷建立 → 任务派遣 → 任务处理 → 处理反馈 → 核查结案 → 综合评价).
 * Every action names the statuses it may start from and the status it leads to; anything else is refused.
 */
export const STATUSES = [
  'reported',
  'accepted',
  'rejected',
  'dispatched',
  'in_progress',
  'returned',
  'suspended',
  'handled',
  'verified',
  'closed',
  'rated',
  'merged',
] as const;
export type CaseStatus = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly CaseStatus[] = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'returned',
  'suspended',
  'handled',
  'verified',
];

export const LEVELS = ['grid', 'community', 'street', 'district', 'department'] as const;
export type Level = (typeof LEVELS)[number];

export const ACTIONS = [
  'accept',
  'reject',
  'self_handle',
  'dispatch',
  'start',
  'return',
  'handle',
  'verify',
  'fail_verification',
  'close',
  'rate',
  'suspend',
  'resume',
  'request_extension',
  'approve_extension',
  'merge',
  'whistle',
  'report_in',
  'finish_part',
  'supervise',
] as const;
export type CaseAction = (typeof ACTIONS)[number];

/**
 * Who acts: the dispatcher over the case's area, the unit it is assigned to, the grid worker on site, the
 * reporter, a department whistled onto the case, a supervisor over the area.
 */
/** Who verifies a handled case in a district: the grid's worker, community staff over the grid, or either. */
export const VERIFIERS = ['grid_worker', 'community_staff', 'grid_or_community'] as const;
export type Verifier = (typeof VERIFIERS)[number];

export type ActorKind = 'dispatcher' | 'assignee' | 'grid_worker' | 'verifier' | 'reporter' | 'whistled' | 'supervisor';

interface Rule {
  from: readonly CaseStatus[];
  /** `null`: the status stays (extension), `'previous'`: back to where it was suspended. */
  to: CaseStatus | null | 'previous';
  /** Who may act; several kinds when the action may be taken on someone's behalf. */
  by: ActorKind | readonly ActorKind[];
}

export const RULES: Record<CaseAction, Rule> = {
  accept: { from: ['reported'], to: 'accepted', by: 'dispatcher' },
  reject: { from: ['reported'], to: 'rejected', by: 'dispatcher' },
  self_handle: { from: ['reported'], to: 'in_progress', by: 'grid_worker' },
  dispatch: { from: ['accepted', 'returned', 'dispatched', 'in_progress'], to: 'dispatched', by: 'dispatcher' },
  start: { from: ['dispatched'], to: 'in_progress', by: 'assignee' },
  return: { from: ['dispatched', 'in_progress'], to: 'returned', by: 'assignee' },
  handle: { from: ['in_progress'], to: 'handled', by: 'assignee' },
  verify: { from: ['handled'], to: 'verified', by: 'verifier' },
  fail_verification: { from: ['handled'], to: 'in_progress', by: 'verifier' },
  close: { from: ['handled', 'verified'], to: 'closed', by: 'dispatcher' },
  // the resident rates on the phone; a hotline operator records the return visit on a call for them
  rate: { from: ['closed'], to: 'rated', by: ['reporter', 'dispatcher'] },
  suspend: { from: ['accepted', 'dispatched', 'in_progress', 'returned'], to: 'suspended', by: 'dispatcher' },
  resume: { from: ['suspended'], to: 'previous', by: 'dispatcher' },
  request_extension: { from: ['dispatched', 'in_progress'], to: null, by: 'assignee' },
  approve_extension: { from: ['dispatched', 'in_progress'], to: null, by: 'dispatcher' },
  merge: { from: ['reported', 'accepted'], to: 'merged', by: 'dispatcher' },
  whistle: { from: ['accepted', 'returned', 'dispatched', 'in_progress'], to: 'dispatched', by: 'dispatcher' },
  report_in: { from: ['dispatched', 'in_progress'], to: null, by: 'whistled' },
  finish_part: { from: ['dispatched', 'in_progress'], to: null, by: 'whistled' },
  supervise: {
    from: ['reported', 'accepted', 'dispatched', 'in_progress', 'returned', 'suspended', 'handled', 'verified'],
    to: null,
    by: 'supervisor',
  },
};

export class IllegalTransition extends Error {
  constructor(
    public readonly action: CaseAction,
    public readonly status: CaseStatus,
  ) {
    super(`${action} is not allowed from ${status}`);
  }
}

/** Where the action leads, or IllegalTransition. `previous` is the status held before a suspension. */
export function nextStatus(action: CaseAction, status: CaseStatus, previous?: CaseStatus | null): CaseStatus {
  const rule = RULES[action];
  if (!rule.from.includes(status)) throw new IllegalTransition(action, status);
  if (rule.to === null) return status;
  if (rule.to === 'previous') return previous ?? 'accepted';
  return rule.to;
}

/** A case needs on-site verification before closing when its category says so. */
export function canCloseFrom(status: CaseStatus, needsVerification: boolean): boolean {
  return status === 'verified' || (status === 'handled' && !needsVerification);
}

/** Which role serves each level: the unit a case is assigned to acts through these people. */
export const LEVEL_ROLE = {
  grid: ['grid_worker'],
  community: ['community_staff'],
  street: ['street_staff'],
  district: ['district_admin', 'command_centre'],
  department: ['department_staff'],
} as const;

/** One level up, for escalation of overdue cases. */
export function levelAbove(level: Level): Level | null {
  const order: Level[] = ['grid', 'community', 'street', 'district'];
  const i = order.indexOf(level);
  return i >= 0 && i < order.length - 1 ? (order[i + 1] as Level) : null;
}

/**
 * A grid path is province.city.district.street.community(.village or compound).grid: the grid's unit is the whole
 * path, however deep it hangs; each level above it is a prefix of fixed depth.
 */
const LEVEL_DEPTH: Record<Exclude<Level, 'department' | 'grid'>, number> = { district: 3, street: 4, community: 5 };
export function unitPath(gridPath: string, level: Exclude<Level, 'department'>): string {
  return level === 'grid' ? gridPath : gridPath.split('.').slice(0, LEVEL_DEPTH[level]).join('.');
}
