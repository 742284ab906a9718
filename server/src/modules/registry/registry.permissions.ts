import type { Permissions } from '../../core/access.js';
import { STAFF_ROLES } from '../../core/auth.js';

/**
 * Who keeps the registry current, who reads it, who takes a masked list away as a spreadsheet (audited), who may see
 * one person's full ID or phone (with a reason), who answers a person's request for their data or its erasure, and who
 * names a place by its building or compound (addresses are no personal data; people and households stay out).
 */
export const registryPermissions = {
  record: { roles: ['grid_worker', 'community_staff', 'street_staff', 'district_admin'], scope: 'area' },
  view: {
    roles: ['grid_worker', 'community_staff', 'street_staff', 'district_admin', 'command_centre'],
    scope: 'area',
  },
  export: {
    roles: ['grid_worker', 'community_staff', 'street_staff', 'district_admin', 'command_centre'],
    scope: 'area',
  },
  reveal: { roles: ['grid_worker', 'community_staff', 'street_staff', 'district_admin'], scope: 'area' },
  erase: { roles: ['district_admin'], scope: 'area' },
  'place.find': { roles: [...STAFF_ROLES, 'resident'], scope: 'reference' },
} satisfies Permissions;
