import type { Permissions } from '../../core/access.js';
import { ROLES } from '../../core/auth.js';

/** Everyone reads and follows their own messages; those who answer for an area see whom its steps reached. */
export const notifyPermissions = {
  inbox: { roles: ROLES, scope: 'own' },
  'steps.view': { roles: ['community_staff', 'street_staff', 'district_admin', 'command_centre'], scope: 'area' },
} satisfies Permissions;
