import type { Permissions } from '../../core/access.js';
import { STAFF_ROLES } from '../../core/auth.js';

/**
 * District and street administrators manage the accounts inside their scope, giving only roles not above their own
 * (domain/user-admin.ts) and the organisations serving a region inside it (a street administrator: their street's
 * teams, not the district's departments); every staff member may pick an organisation (whistle, dispatch). A resident
 * manages their own account only.
 */
export const identityPermissions = {
  'user.manage': { roles: ['district_admin', 'street_staff'], scope: 'area' },
  'org.view': { roles: STAFF_ROLES, scope: 'reference' },
  // orgs whose region lies inside the administrator's scope: their members, full/part-time, who is on duty
  'org.manage': { roles: ['district_admin', 'street_staff'], scope: 'area' },
  // a resident's own account: a password beside their number's codes, and their real name
  'me.manage': { roles: ['resident'], scope: 'own' },
} satisfies Permissions;
