import type { Permissions } from '../../core/access.js';

/** The district's administrator reads who did what, and sees and retries what the event relay could not deliver. */
export const adminPermissions = {
  'audit.view': { roles: ['district_admin'], scope: 'deployment' },
  'events.manage': { roles: ['district_admin'], scope: 'deployment' },
} satisfies Permissions;
