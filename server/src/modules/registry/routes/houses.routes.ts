import { z } from 'zod';
import { inScope, requireActor } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import { type HttpApp, idempotencyKey } from '../../../core/http.js';
import { pickLocale } from '../../../core/i18n.js';
import type { ModuleContext } from '../../../core/module.js';
import type { GridLocator } from '../../geo/index.js';
import { editCompound } from '../commands/edit-compound.js';
import { importBuildings } from '../commands/import-buildings.js';
import { recordBuilding, recordHousehold } from '../commands/record-building.js';
import { visitHousehold } from '../commands/visit-household.js';
import { buildingsGeoJson, getBuilding } from '../db/buildings.repository.js';
import {
  bookOf,
  buildingCases,
  buildingHouseholds,
  compoundDetail,
  compoundsOf,
  findBuildings,
  householdVisits,
} from '../queries/households.js';
import { regionPath } from '../queries/region.js';
import { registryErrors } from '../registry.errors.js';
import {
  bookSchema,
  buildingBody,
  buildingCasesSchema,
  buildingListSchema,
  compoundBody,
  compoundListSchema,
  compoundSchema,
  householdBody,
  regionCode,
  unitSchema,
  visitBody,
  visitSchema,
} from '../registry.schemas.js';
import { idParam } from './shared.js';

/** Buildings, compounds, units and households, and the grid worker's household book and doorstep visits. */
export async function houseRoutes(app: HttpApp, ctx: ModuleContext, locator: GridLocator) {
  const tags = ['registry'];

  app.post(
    '/buildings',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '登记楼栋（底面轮廓、层数）/ record a building',
        body: buildingBody,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await recordBuilding(ctx, locator, requireActor(req), req.body) }),
  );

  app.post(
    '/buildings/import',
    {
      config: { access: 'registry.record' },
      // a district's footprints run to megabytes
      bodyLimit: 100 * 1024 * 1024,
      schema: {
        tags,
        summary:
          '从 GeoJSON 导入楼栋（属性 name/名称、address/地址、floors/层数、height/高度 …）/ import buildings from GeoJSON',
        querystring: z.object({ mode: z.enum(['all_or_nothing', 'valid_only']).default('all_or_nothing') }),
        body: z.object({
          type: z.literal('FeatureCollection'),
          features: z
            .array(
              z.object({
                type: z.literal('Feature'),
                geometry: z.object({ type: z.string(), coordinates: z.unknown() }).nullable(),
                properties: z.record(z.string(), z.unknown()).nullable(),
              }),
            )
            .min(1)
            .max(100_000),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const result = await importBuildings(
        ctx,
        locator,
        actor,
        req.body.features,
        req.query.mode,
        pickLocale(req.headers['accept-language']),
      );
      return reply.status(result.imported || !result.errors.length ? 200 : 422).send(result);
    },
  );

  app.get(
    '/buildings',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '区域内楼栋 (GeoJSON，含层数与高度，用于三维) / buildings of an area for the 3D map',
        querystring: z.object({
          regionCode: z.string().regex(/^\d{6,15}$/),
          limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return buildingsGeoJson(ctx.db, actor.scopePath, await regionPath(ctx, req.query.regionCode), req.query.limit);
    },
  );

  app.get(
    '/buildings/:id',
    { config: { access: 'registry.view' }, schema: { tags, summary: '楼栋 / a building', params: idParam } },
    async (req) => {
      const actor = requireActor(req);
      const b = await getBuilding(ctx.db, req.params.id);
      if (!b) throw registryErrors.notFound({ field: 'id' });
      if (!inScope(actor, b.gridPath)) throw coreErrors.outOfScope();
      const { gridPath: _g, ...rest } = b;
      return rest;
    },
  );

  app.get(
    '/buildings/search',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '按地址、楼名或小区查找楼栋（含户数、已走访户数）/ find buildings by address in your scope',
        querystring: z.object({
          q: z.string().trim().min(1).max(100).optional(),
          regionCode: regionCode.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: buildingListSchema },
      },
    },
    async (req) => findBuildings(ctx, requireActor(req), req.query),
  );

  app.get(
    '/buildings/:id/households',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '楼栋的单元、房屋与住户（脱敏）/ units, households and residents of a building, masked',
        params: idParam,
        response: { 200: z.object({ units: z.array(unitSchema) }) },
      },
    },
    async (req) => buildingHouseholds(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/buildings/:id/cases',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '楼栋内及周边 30 米的事件（范围内）/ cases reported at a building',
        params: idParam,
        response: { 200: buildingCasesSchema },
      },
    },
    async (req) => buildingCases(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/households/book',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '入户台账：区域（默认本人网格）楼栋→单元→房屋→住户，供手机离线使用 / the household book for the phone',
        querystring: z.object({ regionCode: regionCode.optional() }),
        response: { 200: bookSchema },
      },
    },
    async (req) => bookOf(ctx, requireActor(req), req.query.regionCode),
  );

  app.post(
    '/households/:id/visits',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary:
          '入户走访：更新房屋用途、迁出、新登记住户、备注（须带 Idempotency-Key，重发不重复）/ a doorstep update of one household',
        params: idParam,
        headers: z.object({ 'idempotency-key': idempotencyKey }),
        body: visitBody,
        response: { 200: visitSchema, 201: visitSchema },
      },
    },
    async (req, reply) => {
      const { visit, replayed } = await visitHousehold(
        ctx,
        requireActor(req),
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(replayed ? 200 : 201).send(visit);
    },
  );

  app.get(
    '/households/:id/visits',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '房屋的走访记录 / visits to a household',
        params: idParam,
        response: { 200: z.object({ items: z.array(visitSchema) }) },
      },
    },
    async (req) => householdVisits(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/compounds',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '区域内小区（楼栋、户数、人数、范围轮廓）/ compounds of an area',
        querystring: z.object({
          regionCode: regionCode.optional(),
          limit: z.coerce.number().int().min(1).max(2000).default(500),
        }),
        response: { 200: compoundListSchema },
      },
    },
    async (req) => compoundsOf(ctx, requireActor(req), req.query),
  );

  app.get(
    '/compounds/:id',
    {
      config: { access: 'registry.view' },
      schema: { tags, summary: '小区及其楼栋 / a compound', params: idParam, response: { 200: compoundSchema } },
    },
    async (req) => compoundDetail(ctx, requireActor(req), req.params.id),
  );

  app.patch(
    '/compounds/:id',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '修改小区地址或物业公司（须管辖整个社区）/ edit a compound',
        params: idParam,
        body: compoundBody,
        response: { 200: compoundSchema },
      },
    },
    async (req) => editCompound(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/buildings/:id/households',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '登记房屋（单元、房号、用途）/ record a household',
        params: idParam,
        body: householdBody,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await recordHousehold(ctx, requireActor(req), req.params.id, req.body) }),
  );
}
