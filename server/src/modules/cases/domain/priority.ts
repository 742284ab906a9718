/**
 * 分级响应: a case is urgent (紧急), important (重要) or normal (一般). Its category names the default and the time limits
 * of a normal case; a case of higher priority gets a share of each limit:
 *
 *   limit            一般 normal   重要 important          紧急 urgent
 *   立案 respond      h hours       h × 60 ÷ 2 minutes      h × 60 ÷ 4 minutes
 *   派遣 dispatch     h hours       h × 60 ÷ 2 minutes      h × 60 ÷ 4 minutes
 *   办结 handle       d workdays    ⌈d ÷ 2⌉ workdays        ⌈d ÷ 4⌉ workdays
 *
 * Hours become whole minutes (an hour divides by 2 and 4), working days are rounded up, never below one.
 */
export const PRIORITIES = ['urgent', 'important', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

const DIVISOR: Record<Priority, number> = { normal: 1, important: 2, urgent: 4 };

/** Lower comes first in every inbox. */
export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, important: 1, normal: 2 };

export interface BaseLimits {
  respondHours: number;
  dispatchHours: number;
  handleWorkdays: number;
}

export interface PriorityLimits {
  respondMinutes: number;
  dispatchMinutes: number;
  handleWorkdays: number;
}

/** The limits a case of this priority works to, from its category's limits for a normal case. */
export function limitsFor(base: BaseLimits, priority: Priority): PriorityLimits {
  const divisor = DIVISOR[priority];
  return {
    respondMinutes: (base.respondHours * 60) / divisor,
    dispatchMinutes: (base.dispatchHours * 60) / divisor,
    handleWorkdays: Math.max(1, Math.ceil(base.handleWorkdays / divisor)),
  };
}

export const PRIORITY_NAMES: Record<Priority, { 'zh-CN': string; en: string }> = {
  urgent: { 'zh-CN': '紧急', en: 'urgent' },
  important: { 'zh-CN': '重要', en: 'important' },
  normal: { 'zh-CN': '一般', en: 'normal' },
};
