import type { Permissions } from '../../core/access.js';

/**
 * The district's administrator reads who did what, sees and retries what the event relay could not deliver, and on a
 * development machine reads the texts and WeChat messages that were never sent.
 */
export const adminPermissions = {
  'audit.view': { roles: ['district_admin'], scope: 'deployment' },
  // events name no area: their deliveries are a global administrator's, not a district's
  'events.manage': { roles: ['district_admin'], scope: 'global' },
  // the development stand-in for the SMS gateway: the codes it shows are for whoever runs this machine
  'sms_outbox.view': { roles: ['district_admin'], scope: 'deployment' },
  // and the WeChat template messages that were never sent, to whom (masked) and what they said
  'wechat_outbox.view': { roles: ['district_admin'], scope: 'deployment' },
} satisfies Permissions;
