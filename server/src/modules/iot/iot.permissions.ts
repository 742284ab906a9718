import type { Permissions } from '../../core/access.js';
import { type Actor, STAFF_ROLES } from '../../core/auth.js';

/**
 * Everyone on duty sees the board and may acknowledge; devices are registered by the street, community and
 * district; rules, fire centres and dead letters are each district's, the deployment's defaults a global
 * administrator's.
 */
export const iotPermissions = {
  view: { roles: STAFF_ROLES, scope: 'area' },
  handle: { roles: STAFF_ROLES, scope: 'area' },
  manage: { roles: ['community_staff', 'street_staff', 'district_admin'], scope: 'area' },
  configure: { roles: ['district_admin'], scope: 'district' },
} satisfies Permissions;

/** The organisations whose staff answer fire alarms on site, besides the area's own staff. */
const RESPONDER_ORG_KINDS: readonly string[] = ['fire_service_centre', 'rapid_response_team'];

/**
 * Clearing or closing an alarm decides it is over (and how it counts): a department's staff may only when their
 * organisation is a fire service centre or a rapid-response team; a water bureau may see and acknowledge, not close.
 */
export function mayResolveAlarm(actor: Pick<Actor, 'role'>, orgKind: string | undefined): boolean {
  return actor.role !== 'department_staff' || (orgKind !== undefined && RESPONDER_ORG_KINDS.includes(orgKind));
}
