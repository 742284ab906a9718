import type { Permissions } from '../../core/access.js';

const ON_DUTY = [
  'grid_worker',
  'community_staff',
  'street_staff',
  'department_staff',
  'district_admin',
  'command_centre',
] as const;

/**
 * Everyone on duty sees the board and may acknowledge; devices are registered by the street, community and
 * district; rules and dead letters are the district's.
 */
export const iotPermissions = {
  view: { roles: ON_DUTY, scope: 'area' },
  handle: { roles: ON_DUTY, scope: 'area' },
  manage: { roles: ['community_staff', 'street_staff', 'district_admin'], scope: 'area' },
  configure: { roles: ['district_admin'], scope: 'deployment' },
} satisfies Permissions;
