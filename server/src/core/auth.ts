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

/** A region that contains the actor's scope: its name may be shown for orientation, its contents may not. */
export function isAncestorOfScope(actor: Pick<Actor, 'scopePath'>, path: string): boolean {
  return actor.scopePath !== '' && actor.scopePath.startsWith(`${path}.`);
}
