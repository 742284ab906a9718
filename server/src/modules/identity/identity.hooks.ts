import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { resolveActor } from './queries/resolve-actor.js';

export const SESSION_COOKIE = 'sz_session';

/**
 * Fills req.actor for every route from a bearer token or the console's session cookie. Whether the route lets this
 * person (or nobody) in is each route's own declaration, checked next (core/access.ts).
 */
export function identityHooks(app: HttpApp, ctx: ModuleContext) {
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : req.cookies[SESSION_COOKIE];
    if (token) req.actor = await resolveActor(ctx.db, ctx.config.sessionSecret, token);
  });
}
