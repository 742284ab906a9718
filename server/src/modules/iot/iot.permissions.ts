import type { Role } from '../../core/auth.js';

export type IotAction = 'view' | 'handle' | 'manage' | 'configure';

/**
 * Everyone on duty sees the board and may acknowledge; devices are registered by the street, community and
 * district; rules and dead letters are the district's.
 */
const ALLOWED: Record<IotAction, readonly Role[]> = {
  view: ['grid_worker', 'community_staff', 'street_staff', 'department_staff', 'district_admin', 'command_centre'],
  handle: ['grid_worker', 'community_staff', 'street_staff', 'department_staff', 'district_admin', 'command_centre'],
  manage: ['community_staff', 'street_staff', 'district_admin'],
  configure: ['district_admin'],
};

export const rolesFor = (action: IotAction): readonly Role[] => ALLOWED[action];
