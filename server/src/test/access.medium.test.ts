import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../core/access.js';
import { ROLES, type Role } from '../core/auth.js';
import { startTestApp, type TestApp } from './support.js';

/**
 * Every route × every role, read from the routes' own declarations (`config.access`): nobody keeps a list here, so a
 * new route joins the matrix as it is written, and a route without a declaration stops the start. The role a route
 * does not name hears 403 before its body is parsed or validated; a role it names is never refused by the route.
 */
let t: TestApp;
const cookies = new Map<Role, string>();
beforeAll(async () => {
  t = await startTestApp({ grids: 'none' });
  for (const role of ROLES)
    cookies.set(
      role,
      await t.userCookie(role, '370983', undefined, role === 'department_staff' ? '370983-housing' : undefined),
    );
});
afterAll(async () => t?.stop());

const sample = (url: string) =>
  url
    .replace(':code', url.includes('/grids/') ? '370983002001001' : '370983')
    .replace(':id', '1')
    .replace(':token', 'SZ00000000000000')
    .replace(':format', 'json');

/** What a role hears from a route that lets only `allowed` in; undefined where the route decides for itself. */
function expected(access: Access, role: Role | 'anonymous'): 'let in' | 401 | 403 | undefined {
  if (access === 'public' || typeof access === 'object') return undefined;
  if (role === 'anonymous') return 401;
  if (access === 'signed_in') return 'let in';
  return t.ctx.access.rolesFor(access).includes(role) ? 'let in' : 403;
}

describe('access to every route', () => {
  it('knows every module’s routes, and each says who may call it', () => {
    const modules = new Set(t.routes.map((r) => r.module));
    expect([...modules].sort()).toEqual(
      t.modules
        .filter((m) => m.routes)
        .map((m) => m.name)
        .sort(),
    );
    expect(t.routes.length).toBeGreaterThan(90);
  });

  it('refuses whoever a route does not name with 401 or 403, before the body is even parsed', async () => {
    const refused: string[] = [];
    for (const r of t.routes) {
      for (const role of ['anonymous', ...ROLES] as const) {
        const want = expected(r.access, role);
        if (want !== 401 && want !== 403) continue;
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: sample(r.url),
          headers: {
            ...(role === 'anonymous' ? {} : { cookie: cookies.get(role) }),
            'content-type': 'application/json',
          },
          // not even JSON: a refusal must come before the parser and the schema
          payload: r.method === 'GET' ? undefined : '{"broken',
        });
        const error = res.json().error;
        const ability = typeof r.access === 'string' ? r.access : undefined;
        const right =
          want === 401
            ? error?.code === 'auth.unauthenticated'
            : error?.code === 'auth.forbidden' && error.details?.ability === ability;
        if (res.statusCode !== want || !right)
          refused.push(`${role} ${r.method} ${r.url} → ${res.statusCode} ${error?.code}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('lets in every role a route names (whatever the record or the body then says)', async () => {
    const wrong: string[] = [];
    for (const r of t.routes) {
      // signing out would end the session the loop uses; a live stream never ends (tested in notify)
      if (r.url === '/api/identity/sessions/current' || r.url.endsWith('/stream')) continue;
      for (const role of ROLES) {
        if (expected(r.access, role) !== 'let in') continue;
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: sample(r.url),
          headers: { cookie: cookies.get(role), 'content-type': 'application/json' },
          // a body the parser refuses keeps writes from running; reads run for real
          payload: r.method === 'GET' ? undefined : '{"broken',
        });
        const error = res.headers['content-type']?.toString().includes('json') ? res.json().error : undefined;
        const code = error?.code;
        // a record or a box may still be closed to this person (auth.forbidden without an ability): that is the
        // command's scope rule speaking, not the route's door
        if (res.statusCode === 401 || error?.details?.ability || code === 'auth.password_change_required')
          wrong.push(`${role} ${r.method} ${r.url} → ${res.statusCode} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('tells the web what the caller may do, from the same declarations', async () => {
    for (const role of ROLES) {
      const me = (await t.app.inject({ url: '/api/identity/me', headers: { cookie: cookies.get(role) } })).json();
      expect(me.abilities.sort()).toEqual(t.ctx.access.abilitiesOf({ role, scopePath: me.user.scopePath }).sort());
    }
    const resident = (
      await t.app.inject({ url: '/api/identity/me', headers: { cookie: cookies.get('resident') } })
    ).json();
    expect(resident.abilities).toContain('cases.report');
    expect(resident.abilities).not.toContain('registry.view');
    const admin = (await t.app.inject({ url: '/api/identity/me', headers: { cookie: t.adminCookie } })).json();
    expect(admin.abilities).toContain('registry.erase');
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/geo/locate');
    const res = await t.app.inject({
      url: '/api/nothing-here',
      headers: { 'accept-language': 'en', cookie: t.adminCookie },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'core.not_found', message: 'Not found' });
  });
});
