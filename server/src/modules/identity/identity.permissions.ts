import type { Permissions } from '../../core/access.js';
import { STAFF_ROLES } from '../../core/auth.js';

/**
 * District and street administrators manage the accounts inside their scope, giving only roles not above their own
 * (domain/user-admin.ts); every staff member may pick an organisation (whistle, dispatch).
 */
export const identityPermissions = {
  'user.manage': { roles: ['district_admin', 'street_staff'], scope: 'area' },
  'org.view': { roles: STAFF_ROLES, scope: 'reference' },
} satisfies Permissions;
