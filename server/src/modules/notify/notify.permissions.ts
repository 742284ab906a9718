import type { Permissions } from '../../core/access.js';
import { ROLES } from '../../core/auth.js';

/** Everyone reads and follows their own messages. */
export const notifyPermissions = {
  inbox: { roles: ROLES, scope: 'own' },
} satisfies Permissions;
