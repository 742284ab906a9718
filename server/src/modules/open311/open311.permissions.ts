import type { Permissions } from '../../core/access.js';
import { STAFF_ROLES } from '../../core/auth.js';

/**
 * An Open311 client acts as the account its `api_key` belongs to: anyone may file a request, and the staff who
 * see an area's cases (not a department's own staff, who see only theirs) may list the exchange.
 */
export const open311Permissions = {
  report: { roles: [...STAFF_ROLES, 'resident'], scope: 'own' },
  exchange: { roles: STAFF_ROLES.filter((r) => r !== 'department_staff'), scope: 'area' },
} satisfies Permissions;
