import type { FastifyRequest } from 'fastify';
import { coreErrors } from './errors.js';

export const ROLES = [
  'resident',
  'grid_worker',
  'community_staff',
  'street_staff',
  'department_staff',
  'district_admin',
  'command_centre',
] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'resident');

/** The signed-in person as every module sees them; identity fills it in, nobody else reads its tables. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** ltree path of the region or grid this person may see; '' is the whole deployment. */
  scopePath: string;
  mustChangePassword: boolean;
  /** The department or team a department staff member acts for. */
  orgCode: string | null;
  sessionId: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw coreErrors.unauthenticated();
  return req.actor;
}

/** Deny by default: the route names the roles it serves, and a first-login password must be changed first. */
export function requireRole(req: FastifyRequest, roles: readonly Role[]): Actor {
  const actor = requireActor(req);
  if (actor.mustChangePassword) throw coreErrors.passwordChangeRequired();
  if (!roles.includes(actor.role)) throw coreErrors.forbidden();
  return actor;
}

/** Same test as SQL's `path <@ scope`. */
export function inScope(actor: Pick<Actor, 'scopePath'>, path: string): boolean {
  const scope = actor.scopePath;
  return scope === '' || path === scope || path.startsWith(`${scope}.`);
}

/** The district (province.city.district) a region or grid path lies in; '' for a path above every district. */
export function districtOf(path: string): string {
  const labels = path.split('.');
  return labels.length < 3 ? '' : labels.slice(0, 3).join('.');
}

/**
 * Whether the actor may change configuration held for a district, or for the whole deployment under '': the
 * deployment's defaults belong to a global administrator (scope ''), a district's own settings to those whose scope
 * covers the district.
 */
export function mayConfigure(actor: Pick<Actor, 'scopePath'>, districtPath: string): boolean {
  return districtPath === '' ? actor.scopePath === '' : inScope(actor, districtPath);
}

/** A region that contains the actor's scope: its name may be shown for orientation, its contents may not. */
export function isAncestorOfScope(actor: Pick<Actor, 'scopePath'>, path: string): boolean {
  return actor.scopePath !== '' && actor.scopePath.startsWith(`${path}.`);
}
