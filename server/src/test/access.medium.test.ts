import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support.js';

/**
 * Every API route, whoever asks: signed out → 401 unless the route is how one signs in; a resident → 403 on
 * anything that is staff data. New routes join this matrix automatically, so none can ship unguarded.
 */
// the NB-IoT webhook has no session: its HMAC signature is its authentication (tested in the iot module)
const PUBLIC = new Set(['POST /api/identity/sessions', 'POST /api/identity/tokens', 'POST /api/iot/ingest']);
const RESIDENT_ALLOWED = new Set([
  'GET /api/geo/locate',
  'GET /api/identity/me',
  'POST /api/identity/password',
  'DELETE /api/identity/sessions/current',
  'POST /api/cases',
  'GET /api/cases',
  'GET /api/cases/nearby',
  'GET /api/cases/categories',
  'GET /api/cases/:id',
  'POST /api/cases/:id/actions',
  'POST /api/cases/:id/follow',
  'POST /api/cases/media',
  'GET /api/cases/media/:id',
  'GET /api/notify/messages',
  'POST /api/notify/messages/:id/read',
  'GET /api/notify/stream',
]);

let t: TestApp;
let resident: string;
beforeAll(async () => {
  t = await startTestApp({ grids: 'none' });
  resident = await t.userCookie('resident', '370983');
});
afterAll(async () => t?.stop());

const sample = (url: string) =>
  url
    .replace(':code', url.includes('/grids/') ? '370983002001001' : '370983')
    .replace(':id', '1')
    .concat(url.endsWith('/locate') ? '?lng=116.77&lat=36.18' : '')
    .concat(
      ['/api/registry/buildings', '/api/registry/summary', '/api/registry/situation'].includes(url)
        ? '?regionCode=370983'
        : '',
    )
    .concat(url === '/api/registry/things.geojson' ? '?regionCode=370983&layer=venues' : '')
    .concat(
      url.endsWith('/kpis') || url.endsWith('/kpis.xlsx') || url.endsWith('/root-causes')
        ? '?from=2026-01-01&to=2027-01-01'
        : '',
    );

describe('access to every route', () => {
  it('knows the API routes', () => {
    expect(t.routes.filter((r) => r.url.startsWith('/api/')).length).toBeGreaterThanOrEqual(15);
  });

  it('refuses anyone signed out', async () => {
    for (const r of t.routes.filter((x) => x.url.startsWith('/api/') && !PUBLIC.has(`${x.method} ${x.url}`))) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: sample(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('auth.unauthenticated');
    }
  });

  it('shows a resident no staff data', async () => {
    const guarded = t.routes.filter(
      (x) =>
        x.url.startsWith('/api/') &&
        !PUBLIC.has(`${x.method} ${x.url}`) &&
        !RESIDENT_ALLOWED.has(`${x.method} ${x.url}`),
    );
    expect(guarded.length).toBeGreaterThan(8);
    for (const r of guarded) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: sample(r.url),
        // a well-formed key too, for the routes that require one, so only the permission can refuse
        headers: { cookie: resident, 'idempotency-key': 'access-matrix-0001' },
        payload: r.method === 'GET' ? undefined : validBody(r.url),
      });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(403);
    }
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

/** Bodies that pass validation, so a 403 is the permission speaking, not the schema. */
function validBody(url: string): object {
  if (url === '/api/geo/grids/import') {
    const ring = [
      [116.7, 36.1],
      [116.71, 36.1],
      [116.71, 36.11],
      [116.7, 36.1],
    ];
    return {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [ring] },
          properties: { code: '370983002001001', name: 'x' },
        },
      ],
    };
  }
  if (url === '/api/identity/users')
    return { username: 'someone', displayName: 'x', role: 'resident', scopeCode: '370983' };
  if (url === '/api/identity/users/:id') return { disabled: true };
  if (url === '/api/cases/categories/:code') return { active: false };
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [116.7, 36.1],
        [116.701, 36.1],
        [116.701, 36.101],
        [116.7, 36.1],
      ],
    ],
  };
  if (url === '/api/registry/buildings') return { name: 'x', address: 'xx', footprint: square, floors: 1 };
  if (url === '/api/registry/buildings/import')
    return {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: square, properties: { name: 'x', address: 'xx', floors: 1 } }],
    };
  if (url === '/api/registry/buildings/:id/households') return { room: '1', use: 'vacant' };
  if (url === '/api/registry/people')
    return { name: 'x', idNumber: '11010519491231002X', householdId: 1, registered: true };
  if (url === '/api/registry/people/:id/reveal') return { field: 'phone', reason: 'check it' };
  if (url === '/api/registry/people/:id') return { reason: 'asked for it' };
  if (url === '/api/registry/households/:id/visits') return { recordedAt: '2026-11-27T08:00:00+08:00', baseVersion: 1 };
  if (url === '/api/registry/compounds/:id') return { propertyCompany: 'x' };
  if (url === '/api/iot/devices') return { code: 'SMK-0001', kind: 'smoke', buildingId: 1, ownerName: 'x' };
  if (url === '/api/iot/devices/:id') return { enabled: false };
  if (url === '/api/iot/alarms/:id/close') return { classification: 'test' };
  if (url === '/api/iot/fire-centres')
    return { districtCode: '370983', letters: 'z', name: 'xx', lng: 116.7, lat: 36.1 };
  const point = { lng: 116.7, lat: 36.1 };
  if (url === '/api/registry/venues') return { name: 'x', kind: 'shop', address: 'xx', location: point };
  if (url === '/api/registry/facilities') return { kind: 'fire_hydrant', name: 'x', location: point };
  return {};
}
