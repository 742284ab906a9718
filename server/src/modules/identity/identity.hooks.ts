import { coreErrors } from '../../core/errors.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { resolveActor } from './queries/resolve-actor.js';

export const SESSION_COOKIE = 'sz_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route serves people who are not signed in (sign-in itself). */
    public?: boolean;
  }
}

/**
 * Fills req.actor for every route from a bearer token or the console's session cookie, and turns away
 * anyone signed out from every API route not marked public — before the body is even parsed.
 */
export function identityHooks(app: HttpApp, ctx: ModuleContext) {
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : req.cookies[SESSION_COOKIE];
    if (token) req.actor = await resolveActor(ctx.db, ctx.config.sessionSecret, token);
    if (!req.actor && req.url.startsWith('/api/') && !req.routeOptions.config?.public) {
      throw coreErrors.unauthenticated();
    }
  });
}
