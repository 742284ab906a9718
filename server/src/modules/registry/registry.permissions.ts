import type { Role } from '../../core/auth.js';

export type RegistryAction = 'record' | 'view' | 'export' | 'reveal' | 'erase';

/**
 * Who keeps the registry current, who reads it, who takes a masked list away as a spreadsheet (audited), who may see
 * one person's full ID or phone (with a reason).
 */
const ALLOWED: Record<RegistryAction, readonly Role[]> = {
  record: ['grid_worker', 'community_staff', 'street_staff', 'district_admin'],
  view: ['grid_worker', 'community_staff', 'street_staff', 'district_admin', 'command_centre'],
  export: ['grid_worker', 'community_staff', 'street_staff', 'district_admin', 'command_centre'],
  reveal: ['grid_worker', 'community_staff', 'street_staff', 'district_admin'],
  erase: ['district_admin'],
};

export function rolesFor(action: RegistryAction): readonly Role[] {
  return ALLOWED[action];
}
