import multipart from '@fastify/multipart';
import { z } from 'zod';
import { inScope, requireActor } from '../../core/auth.js';
import { coreErrors } from '../../core/errors.js';
import { type HttpApp, idempotencyKey } from '../../core/http.js';
import { pickLocale } from '../../core/i18n.js';
import type { ModuleContext } from '../../core/module.js';
import type { GridLocator } from '../geo/index.js';
import { editCompound } from './commands/edit-compound.js';
import { exportPeople } from './commands/export-people.js';
import { importBuildings } from './commands/import-buildings.js';
import { IMPORT_MAX_BYTES, startImport } from './commands/import-people.js';
import { recordBuilding, recordHousehold } from './commands/record-building.js';
import { recordFacility, recordVenue } from './commands/record-thing.js';
import { registerPerson } from './commands/register-person.js';
import { erase, exportPerson, revealPerson } from './commands/reveal-person.js';
import { visitHousehold } from './commands/visit-household.js';
import { buildingsGeoJson, getBuilding } from './db/buildings.repository.js';
import {
  bookOf,
  buildingCases,
  buildingHouseholds,
  compoundDetail,
  compoundsOf,
  findBuildings,
  householdVisits,
} from './queries/households.js';
import { errorReport, importTemplate, loadImport } from './queries/imports.js';
import { findPeople, getPersonDetail } from './queries/people.js';
import { regionPath } from './queries/region.js';
import { areaSummary, situation } from './queries/situation.js';
import { getFacilityDetail, getVenueDetail, listFacilities, listVenues, thingsMap } from './queries/things.js';
import { registryErrors } from './registry.errors.js';
import {
  areaCountsSchema,
  bookSchema,
  buildingBody,
  buildingCasesSchema,
  buildingListSchema,
  compoundBody,
  compoundListSchema,
  compoundSchema,
  facilityBody,
  facilityQuery,
  facilitySchema,
  householdBody,
  peopleExportQuery,
  personBody,
  personSchema,
  regionCode,
  revealBody,
  searchQuery,
  situationSchema,
  thingsMapQuery,
  unitSchema,
  venueBody,
  venueQuery,
  venueSchema,
  visitBody,
  visitSchema,
} from './registry.schemas.js';

export async function registryRoutes(app: HttpApp, ctx: ModuleContext, locator: GridLocator) {
  const tags = ['registry'];
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });
  const idParam = z.object({ id: z.coerce.number().int().positive() });

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
    '/summary',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '区域概况：人口（按标签）、流动人口、房屋、楼栋、场所、设施、在办案件 / the area at a glance',
        querystring: z.object({ regionCode: z.string().regex(/^\d{6,15}$/) }),
        response: { 200: areaCountsSchema },
      },
    },
    async (req) => areaSummary(ctx, requireActor(req), req.query.regionCode),
  );

  app.get(
    '/situation',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '情：下一级各区域（街道、社区或网格）的实时统计及合计 / live counts per child area and in total',
        querystring: z.object({ regionCode: z.string().regex(/^\d{6,15}$/) }),
        response: { 200: situationSchema },
      },
    },
    async (req) => situation(ctx, requireActor(req), req.query.regionCode),
  );

  app.post(
    '/venues',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '登记场所（企业、九小场所、商铺、学校；联系电话加密存储）/ record a venue',
        body: venueBody,
        response: { 201: venueSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const id = await recordVenue(ctx, locator, actor, req.body);
      return reply.status(201).send(await getVenueDetail(ctx, actor, id));
    },
  );

  app.get(
    '/venues',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '查找场所：类别、九小类别、名称、区域；始终在管辖范围内 / list venues in your scope',
        querystring: venueQuery,
        response: { 200: z.object({ items: z.array(venueSchema), total: z.number() }) },
      },
    },
    async (req) => listVenues(ctx, requireActor(req), req.query),
  );

  app.get(
    '/venues/:id',
    {
      config: { access: 'registry.view' },
      schema: { tags, summary: '场所（联系电话脱敏）/ a venue', params: idParam, response: { 200: venueSchema } },
    },
    async (req) => getVenueDetail(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/facilities',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '登记设施（充电桩、车棚、消防栓、服务点、摄像头）/ record a facility',
        body: facilityBody,
        response: { 201: facilitySchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const id = await recordFacility(ctx, locator, actor, req.body);
      return reply.status(201).send(await getFacilityDetail(ctx, actor, id));
    },
  );

  app.get(
    '/facilities',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '查找设施：类别、状态、名称、区域；始终在管辖范围内 / list facilities in your scope',
        querystring: facilityQuery,
        response: { 200: z.object({ items: z.array(facilitySchema), total: z.number() }) },
      },
    },
    async (req) => listFacilities(ctx, requireActor(req), req.query),
  );

  app.get(
    '/facilities/:id',
    {
      config: { access: 'registry.view' },
      schema: { tags, summary: '设施 / a facility', params: idParam, response: { 200: facilitySchema } },
    },
    async (req) => getFacilityDetail(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/things.geojson',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '区域内场所或设施点位 (GeoJSON，不含联系方式) / venues or facilities of an area for the map',
        querystring: thingsMapQuery,
      },
    },
    async (req) => thingsMap(ctx, requireActor(req), req.query),
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

  app.post(
    '/people',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '登记人员（身份证号加密存储）/ register a person',
        body: personBody,
        response: { 201: personSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const id = await registerPerson(ctx, actor, req.body);
      return reply.status(201).send(await getPersonDetail(ctx, actor, id));
    },
  );

  app.get(
    '/people',
    {
      config: { access: 'registry.view' },
      schema: {
        tags,
        summary: '查找人员：姓名模糊、身份证号或手机号精确、标签、住址；始终在管辖范围内 / search people in your scope',
        querystring: searchQuery,
        response: { 200: z.object({ items: z.array(personSchema) }) },
      },
    },
    async (req) => findPeople(ctx, requireActor(req), req.query),
  );

  app.get(
    '/people/:id',
    {
      config: { access: 'registry.view' },
      schema: { tags, summary: '人员（脱敏）/ a person, masked', params: idParam, response: { 200: personSchema } },
    },
    async (req) => getPersonDetail(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/people/:id/reveal',
    {
      config: { access: 'registry.reveal' },
      schema: {
        tags,
        summary: '查看完整身份证号或手机号（须填写事由，记入审计）/ reveal one field, with a reason, audited',
        params: idParam,
        body: revealBody,
        response: { 200: z.object({ field: z.string(), value: z.string() }) },
      },
    },
    async (req) => revealPerson(ctx, requireActor(req), req.params.id, req.body.field, req.body.reason, meta(req)),
  );

  app.get(
    '/people/:id/export',
    {
      config: { access: 'registry.erase' },
      schema: { tags, summary: '导出本人信息（依申请）/ export a person’s record on request', params: idParam },
    },
    async (req) => exportPerson(ctx, requireActor(req), req.params.id, meta(req)),
  );

  app.delete(
    '/people/:id',
    {
      config: { access: 'registry.erase' },
      schema: {
        tags,
        summary: '依申请删除个人信息（审计记录保留）/ erase a person on request; the audit trail stays',
        params: idParam,
        body: z.object({ reason: z.string().trim().min(4).max(200) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await erase(ctx, requireActor(req), req.params.id, req.body.reason, meta(req));
      return reply.status(204).send(null);
    },
  );

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  app.get(
    '/people.xlsx',
    {
      config: { access: 'registry.export' },
      schema: {
        tags,
        summary: '导出实有人口台账（脱敏，范围内，记入审计）/ export people as a masked spreadsheet, audited',
        querystring: peopleExportQuery,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { regionCode, tag } = req.query;
      const area = regionCode ? await regionPath(ctx, regionCode) : actor.scopePath;
      const stream = await exportPeople(ctx, actor, { area, regionCode, tag }, meta(req));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="people-${regionCode ?? 'scope'}.xlsx"`)
        .send(stream);
    },
  );

  app.get(
    '/imports/template.xlsx',
    { config: { access: 'registry.record' }, schema: { tags, summary: '人口导入模板 / the import template' } },
    async (_req, reply) => {
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="people-template.xlsx"')
        .send(await importTemplate());
    },
  );

  app.post(
    '/imports',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '导入人口表（xlsx/csv，multipart 字段 file；mode=all_or_nothing|valid_only）/ import a residents file',
        consumes: ['multipart/form-data'],
        querystring: z.object({ mode: z.enum(['all_or_nothing', 'valid_only']).default('all_or_nothing') }),
        response: { 202: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file || !/\.(xlsx|csv)$/i.test(file.filename)) throw registryErrors.badImportFile({ field: 'file' });
      const bytes = await file.toBuffer();
      const id = await startImport(ctx, actor, { name: file.filename, bytes }, req.query.mode);
      return reply.status(202).send({ id });
    },
  );

  app.get(
    '/imports/:id',
    { config: { access: 'registry.record' }, schema: { tags, summary: '导入进度 / import progress', params: idParam } },
    async (req) => loadImport(ctx.db, requireActor(req), req.params.id),
  );

  app.get(
    '/imports/:id/errors.xlsx',
    {
      config: { access: 'registry.record' },
      schema: { tags, summary: '错误报告（逐行逐列）与地址未匹配清单 / error report and review list', params: idParam },
    },
    async (req, reply) => {
      const xlsx = await errorReport(
        ctx.db,
        requireActor(req),
        req.params.id,
        pickLocale(req.headers['accept-language']),
      );
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="import-${req.params.id}-errors.xlsx"`)
        .send(xlsx);
    },
  );
}
