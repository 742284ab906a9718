import { z } from 'zod';
import type { HttpApp } from '../../../core/http.js';
import type { ModuleContext } from '../../../core/module.js';
import { RateLimit } from '../../../core/rate-limit.js';
import type { GridLocator } from '../../geo/index.js';
import { findPlaces, placeAt, streetOfGrid } from '../queries/places.js';
import { placeAtQuery, placeAtSchema, placeListSchema, placeSearchQuery } from '../registry.schemas.js';

const gridCode = z.string().regex(/^\d{15}$/, 'grid code: 15 digits');
const gridParam = z.object({ code: gridCode });

/**
 * Where a report is, in words: the building or compound at a point and a search by name, for the phone's report form.
 * Signed-in people reach every building; someone without an account only those of the street of the grid whose QR
 * code they scanned, a limited number of times a minute.
 */
export async function placeRoutes(app: HttpApp, ctx: ModuleContext, locator: GridLocator) {
  const tags = ['registry'];
  // a phone asks once per fix and a few times per search it types: this is many people's worth, not a script's
  const publicLimit = new RateLimit(60, 60_000);

  app.get(
    '/places/at',
    {
      config: { access: 'registry.place.find' },
      schema: {
        tags,
        summary: '逆地理：坐标所在或最近（80 米内）的楼栋、小区、地址与网格名称 / the building and grid at a point',
        querystring: placeAtQuery,
        response: { 200: placeAtSchema },
      },
    },
    async (req) => placeAt(ctx, locator, req.query, ''),
  );

  app.get(
    '/places',
    {
      config: { access: 'registry.place.find' },
      schema: {
        tags,
        summary:
          '按名称或地址找小区、楼栋（最多 20 条；grid 限定到该网格所在街道）/ find a compound or building by name',
        querystring: placeSearchQuery.extend({ grid: gridCode.optional() }),
        response: { 200: placeListSchema },
      },
    },
    async (req) => {
      const within = req.query.grid ? await streetOfGrid(ctx, req.query.grid, 'grid') : '';
      return findPlaces(ctx, locator, { text: req.query.q, limit: req.query.limit }, within);
    },
  );

  app.get(
    '/grids/:code/places/at',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          '扫码未登录时的逆地理：限该网格所在街道的楼栋，按来源地址限速 / the building at a point, from a grid QR code',
        security: [],
        params: gridParam,
        querystring: placeAtQuery,
        response: { 200: placeAtSchema },
      },
    },
    async (req) => {
      publicLimit.take(req.ip);
      return placeAt(ctx, locator, req.query, await streetOfGrid(ctx, req.params.code, 'code'));
    },
  );

  app.get(
    '/grids/:code/places',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          '扫码未登录时按名称找小区、楼栋：限该网格所在街道，最多 20 条，按来源地址限速 / find a place, from a grid QR code',
        security: [],
        params: gridParam,
        querystring: placeSearchQuery,
        response: { 200: placeListSchema },
      },
    },
    async (req) => {
      publicLimit.take(req.ip);
      const within = await streetOfGrid(ctx, req.params.code, 'code');
      return findPlaces(ctx, locator, { text: req.query.q, limit: req.query.limit }, within);
    },
  );
}
