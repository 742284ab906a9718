import { type Role, STAFF_ROLES } from '../../core/auth.js';

export type IdentityAction = 'user.manage' | 'org.view';

const ALLOWED: Record<IdentityAction, readonly Role[]> = {
  'user.manage': ['district_admin'],
  'org.view': STAFF_ROLES,
};

export function rolesFor(action: IdentityAction): readonly Role[] {
  return ALLOWED[action];
}
