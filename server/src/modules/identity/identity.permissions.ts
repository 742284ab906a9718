import type { Permissions } from '../../core/access.js';
import { STAFF_ROLES } from '../../core/auth.js';

/** The district's administrator manages accounts; every staff member may pick an organisation (whistle, dispatch). */
export const identityPermissions = {
  'user.manage': { roles: ['district_admin'], scope: 'area' },
  'org.view': { roles: STAFF_ROLES, scope: 'reference' },
} satisfies Permissions;
