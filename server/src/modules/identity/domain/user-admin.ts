import { ROLES, type Role } from '../../../core/auth.js';
import type { Message } from '../../../core/i18n.js';

/**
 * Who may hand out which role. A district administrator may give any; a street administrator (street_staff) only
 * roles that are not above a street: never district_admin or command_centre, which act for the whole district. Any
 * other role manages nobody. The scope given must also lie inside the administrator's own (checked with the scope).
 */
const ABOVE_STREET: readonly Role[] = ['district_admin', 'command_centre'];

export function grantableRoles(manager: Role): readonly Role[] {
  if (manager === 'district_admin') return ROLES;
  if (manager === 'street_staff') return ROLES.filter((r) => !ABOVE_STREET.includes(r));
  return [];
}

/** Roles in words, for refusals that name one. */
export const ROLE_NAMES: Record<Role, Message> = {
  resident: { 'zh-CN': '居民', en: 'resident' },
  grid_worker: { 'zh-CN': '网格员', en: 'grid worker' },
  community_staff: { 'zh-CN': '社区工作人员', en: 'community staff' },
  street_staff: { 'zh-CN': '街道工作人员', en: 'street staff' },
  department_staff: { 'zh-CN': '部门工作人员', en: 'department staff' },
  district_admin: { 'zh-CN': '区级管理员', en: 'district administrator' },
  command_centre: { 'zh-CN': '指挥中心', en: 'command centre' },
};

export interface AccountState {
  role: Role;
  scopePath: string;
  disabled: boolean;
}

/**
 * The field of a change that would take away an administrator's own power (disable themselves, change their own
 * role or scope), or undefined: a change to their own name is theirs to make. Values equal to the current ones are
 * no change, so a form that sends every field still saves a new name.
 */
export function selfLockoutField(
  before: AccountState,
  after: Partial<AccountState>,
): 'disabled' | 'role' | 'scopeCode' | undefined {
  if (after.disabled === true && !before.disabled) return 'disabled';
  if (after.role !== undefined && after.role !== before.role) return 'role';
  if (after.scopePath !== undefined && after.scopePath !== before.scopePath) return 'scopeCode';
  return undefined;
}

/** Whether a change leaves an enabled district administrator disabled or without the role (the lockout guard). */
export function removesAdministrator(
  before: AccountState,
  after: Partial<AccountState>,
): 'disabled' | 'role' | undefined {
  if (before.role !== 'district_admin' || before.disabled) return undefined;
  if (after.disabled === true) return 'disabled';
  if (after.role !== undefined && after.role !== 'district_admin') return 'role';
  return undefined;
}
