import type { FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import type { Actor, Role } from './auth.js';
import { coreErrors } from './errors.js';

/**
 * What limits the records a permitted caller reaches, once the role has let them in. The hook can only check the
 * role; the record-level rule is the command's or query's, and is written here so the matrix and the docs show it.
 * - `area`: records inside the caller's scope path (ltree `<@`), regions above it by name only
 * - `own`: the caller's own records (their reports, messages, session)
 * - `reference`: shared reference data with no personal data (categories, organisations, kinds)
 * - `district`: configuration a district holds for itself over the deployment's defaults: a district's own for those
 *   whose scope covers it, the defaults for a global administrator only (`mayConfigure`)
 * - `deployment`: configuration of the whole deployment
 * - `global`: what names no area at all (the event outbox's deliveries): a global administrator's (scope ''), so the
 *   route's door and the web's menu close to a district's administrator as well
 */
export type ScopeRule = 'area' | 'own' | 'reference' | 'district' | 'deployment' | 'global';

/** One thing a module lets some roles do: `<module>.<action>`, e.g. `registry.reveal`. */
export interface Permission {
  roles: readonly Role[];
  scope: ScopeRule;
}

/** A module's permissions, keyed by action; the ability's full name is `<module>.<action>`. */
export type Permissions = Record<string, Permission>;

/**
 * Who may call a route, declared in its options (`config: { access }`) and checked by one hook before the body is
 * parsed or validated, so an outsider hears 403 whatever they send:
 * - `public`: anyone, signed in or not (sign-in, health)
 * - `signed_in`: anyone signed in, even before a first-login password change (who am I, change password, sign out)
 * - an ability `<module>.<action>`: the roles that permission names, after any forced password change
 * - `{ credential, ability? }`: the request carries its own credential in its body (an Open311 `api_key`, an
 *   NB-IoT platform's HMAC signature), checked by the handler against the ability's roles where one is named
 */
export type Access =
  | 'public'
  | 'signed_in'
  | `${string}.${string}`
  | { credential: 'api_key' | 'hmac'; ability?: `${string}.${string}` };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Every route a module registered and who may call it: the access matrix test and /docs read this. */
export interface RouteAccess {
  method: string;
  url: string;
  module: string;
  access: Access;
}

export class AccessRegistry {
  private readonly permissions = new Map<string, Permission>();
  readonly routes: RouteAccess[] = [];

  add(module: string, permissions: Permissions = {}): void {
    for (const [action, p] of Object.entries(permissions)) this.permissions.set(`${module}.${action}`, p);
  }

  permission(ability: string): Permission {
    const p = this.permissions.get(ability);
    if (!p) throw new Error(`unknown ability ${ability}: no module declares it in its permissions`);
    return p;
  }

  rolesFor(ability: string): readonly Role[] {
    return this.permission(ability).roles;
  }

  /** What the web shows and hides for this person: every ability their role (and, for `global`, scope) has. */
  abilitiesOf(actor: Pick<Actor, 'role' | 'scopePath'>): string[] {
    return [...this.permissions]
      .filter(([, p]) => p.roles.includes(actor.role) && (p.scope !== 'global' || actor.scopePath === ''))
      .map(([name]) => name);
  }

  all(): [string, Permission][] {
    return [...this.permissions];
  }

  /** Deny by default: the role must be one the ability names, and a first-login password must be changed first. */
  authorize(req: FastifyRequest, ability: string): Actor {
    const actor = req.actor;
    if (!actor) throw coreErrors.unauthenticated();
    if (actor.mustChangePassword) throw coreErrors.passwordChangeRequired();
    // the ability it takes, so a client can tell a route closed to this role from a record closed to this person
    const permission = this.permission(ability);
    if (!permission.roles.includes(actor.role)) throw coreErrors.forbidden({ details: { ability } });
    if (permission.scope === 'global' && actor.scopePath !== '') throw coreErrors.outOfScope();
    return actor;
  }

  /**
   * Called for each route a module registers: a route that does not say who may call it stops the start, and the
   * check joins the route's own onRequest hooks, which run after the root's (where identity sets req.actor).
   */
  guard(module: string, route: RouteOptions): void {
    const access = route.config?.access;
    const methods = [route.method].flat().filter((m) => m !== 'HEAD');
    if (!access) throw new Error(`${methods.join(',')} ${route.url} (module ${module}) declares no access`);
    if (typeof access === 'string' && access !== 'public' && access !== 'signed_in') this.permission(access);
    if (typeof access === 'object' && access.ability) this.permission(access.ability);
    for (const method of methods) this.routes.push({ method, url: route.url, module, access });
    const check = this.check(access);
    if (!check) return;
    const own = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [check, ...own];
  }

  private check(access: Access): onRequestHookHandler | undefined {
    if (access === 'public' || typeof access === 'object') return undefined;
    if (access === 'signed_in')
      return async (req) => {
        if (!req.actor) throw coreErrors.unauthenticated();
      };
    return async (req) => {
      this.authorize(req, access);
    };
  }
}
