import type { Permissions } from '../../core/access.js';
import { STAFF_ROLES } from '../../core/auth.js';

/**
 * Everyone on duty sees the board and may acknowledge; devices are registered by the street, community and
 * district; rules and dead letters are the district's.
 */
export const iotPermissions = {
  view: { roles: STAFF_ROLES, scope: 'area' },
  handle: { roles: STAFF_ROLES, scope: 'area' },
  manage: { roles: ['community_staff', 'street_staff', 'district_admin'], scope: 'area' },
  configure: { roles: ['district_admin'], scope: 'deployment' },
} satisfies Permissions;
