import type { Role } from '../../core/auth.js';

export type IdentityAction = 'user.manage';

const ALLOWED: Record<IdentityAction, readonly Role[]> = {
  'user.manage': ['district_admin'],
};

export function rolesFor(action: IdentityAction): readonly Role[] {
  return ALLOWED[action];
}
