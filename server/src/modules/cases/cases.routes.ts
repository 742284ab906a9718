import multipart from '@fastify/multipart';
import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import { pickLocale } from '../../core/i18n.js';
import type { ModuleContext } from '../../core/module.js';
import { queryBoolean } from '../../core/schemas.js';
import type { GridLocator } from '../geo/index.js';
import { calendarRoutes } from './calendar.routes.js';
import { casesErrors } from './cases.errors.js';
import {
  actionBody,
  anonymousReportBody,
  caseSchema,
  categoriesQuery,
  categoryCode,
  categoryPatch,
  districtCategorySchema,
  districtSettingsBody,
  districtSettingsSchema,
  followBody,
  idempotencyHeaders,
  listQuery,
  mediaSchema,
  nearbyCaseSchema,
  nearbyQuery,
  reportBody,
  timelineSchema,
} from './cases.schemas.js';
import { followCase } from './commands/follow-case.js';
import { reportAnonymously } from './commands/report-anonymously.js';
import { reportCase } from './commands/report-case.js';
import { setPublic } from './commands/set-case-public.js';
import { setDistrictSettings } from './commands/set-district-settings.js';
import { transitionCase } from './commands/transition-case.js';
import { categoryDistrict, changeCategory } from './commands/update-category.js';
import { PHOTO_MAX_BYTES, uploadMedia } from './commands/upload-media.js';
import { anonymousAllowed } from './db/anonymous.repository.js';
import { categoriesIn, getCase, nearbyOpenCases } from './db/cases.repository.js';
import { ROOT_CAUSES } from './domain/closing-summary.js';
import { communityNames } from './queries/area-names.js';
import { getCaseDetail, readMedia } from './queries/get-case.js';
import { kpiWorkbook } from './queries/kpi-workbook.js';
import { computeKpis, KPI_DEFINITIONS } from './queries/kpis.js';
import { listCaseBox } from './queries/list-cases.js';
import { rootCauses } from './queries/root-causes.js';

const NEARBY_METRES = 300;

/** What an anonymous sender gets back: the number to quote on the phone, not the case. */
const anonymousAnswer = z.object({ number: z.string() });

export async function casesRoutes(app: HttpApp, ctx: ModuleContext, locator: GridLocator) {
  calendarRoutes(app, ctx);
  const tags = ['cases'];
  await app.register(multipart, { limits: { fileSize: PHOTO_MAX_BYTES + 1, files: 1, fields: 0 } });

  app.post(
    '/media',
    {
      config: { access: 'cases.report' },
      schema: {
        tags,
        summary: '上传照片或语音（multipart，字段 file；按内容识别类型）/ upload a photo or voice note',
        consumes: ['multipart/form-data'],
        response: { 201: mediaSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart())
        throw casesErrors.badMedia({ field: 'file', params: { mime: String(req.headers['content-type']) } });
      const file = await req.file();
      if (!file) throw casesErrors.badMedia({ field: 'file', params: { mime: 'none' } });
      const bytes = await file.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw casesErrors.mediaTooLarge({ field: 'file' });
        throw err;
      });
      return reply.status(201).send(await uploadMedia(ctx, actor, bytes));
    },
  );

  app.get(
    '/media/:id',
    {
      config: { access: 'cases.view' },
      schema: {
        tags,
        summary: '读取照片或语音（thumb=1 取缩略图）/ read a photo or voice note',
        params: z.object({ id: z.coerce.number().int().positive() }),
        querystring: z.object({ thumb: queryBoolean }),
      },
    },
    async (req, reply) => {
      const { bytes, mime } = await readMedia(ctx, requireActor(req), req.params.id, req.query.thumb);
      return reply.header('cache-control', 'private, max-age=86400').type(mime).send(bytes);
    },
  );
  const detail = z.object({ case: caseSchema, timeline: timelineSchema });

  app.post(
    '/',
    {
      config: { access: 'cases.report' },
      schema: {
        tags,
        summary:
          '上报问题（Idempotency-Key 重试不重复）/ report a problem; retries with the same key return the same case',
        headers: idempotencyHeaders,
        body: reportBody,
        response: { 200: detail, 201: detail },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { caseId, created } = await reportCase(ctx, locator, actor, req.body, req.headers['idempotency-key']);
      return reply.status(created ? 201 : 200).send(await getCaseDetail(ctx, actor, caseId));
    },
  );

  app.post(
    '/anonymous',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '匿名反映（留联系电话，短信回复；由各区决定是否受理）/ report without an account, hear back by SMS',
        security: [],
        headers: idempotencyHeaders,
        body: anonymousReportBody,
        response: { 200: anonymousAnswer, 201: anonymousAnswer },
      },
    },
    async (req, reply) => {
      const { caseId, created } = await reportAnonymously(ctx, locator, req.body, {
        ip: req.ip,
        idempotencyKey: req.headers['idempotency-key'],
      });
      // the number is all the sender gets back: the case itself is for those who may see it
      const number = (await getCase(ctx.db, caseId))?.number ?? '';
      return reply.status(created ? 201 : 200).send({ number });
    },
  );

  app.get(
    '/anonymous-policy',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '该网格所在区是否受理匿名反映 / whether the grid’s district takes anonymous reports',
        security: [],
        querystring: z.object({ grid: z.string().regex(/^\d{15}$/, '15-digit grid code') }),
        response: { 200: z.object({ allowed: z.boolean() }) },
      },
    },
    async (req) => ({ allowed: await anonymousAllowed(ctx.db, req.query.grid.slice(0, 6)) }),
  );

  app.put(
    '/district-settings/:code',
    {
      config: { access: 'cases.settings.manage' },
      schema: {
        tags,
        summary:
          '设置本区是否受理匿名反映、由谁核查 / whether a district takes anonymous reports, and who verifies handled cases',
        params: z.object({ code: z.string().regex(/^\d{6}$/, '6-digit district code') }),
        body: districtSettingsBody,
        response: { 200: districtSettingsSchema },
      },
    },
    async (req) => setDistrictSettings(ctx.db, requireActor(req), req.params.code, req.body, req),
  );

  app.get(
    '/',
    {
      config: { access: 'cases.view' },
      schema: {
        tags,
        summary: '案件箱：待立案、待派遣、我的任务、待核查、超期、我上报的、全部 / case inboxes',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(caseSchema), total: z.number() }) },
      },
    },
    async (req) => listCaseBox(ctx, requireActor(req), req.query),
  );

  app.get(
    '/nearby',
    {
      config: { access: 'cases.view' },
      schema: {
        tags,
        summary: '附近同类未办结案件（“是不是这个？”）/ open cases of the same category nearby',
        querystring: nearbyQuery,
        response: { 200: z.object({ items: z.array(nearbyCaseSchema) }) },
      },
    },
    async (req) => {
      const grid = locator.findGrid(req.query.lng, req.query.lat, req.query.crs);
      if (!grid) throw casesErrors.outsideGrids({ field: 'lng' });
      const found = await nearbyOpenCases(ctx.db, req.query.categoryCode, grid.wgs84[0], grid.wgs84[1], NEARBY_METRES);
      const area = await communityNames(
        ctx.db,
        found.map((c) => c.gridPath),
      );
      return { items: found.map(({ gridPath, ...c }) => ({ ...c, areaName: area(gridPath) })) };
    },
  );

  app.get(
    '/categories',
    {
      // reference data Open311's service list already shows anyone; an anonymous report must choose one
      config: { access: 'public' },
      schema: {
        tags,
        summary: '问题类别及本区时限（公开，匿名反映也要选）/ categories, with a district’s time limits',
        security: [],
        querystring: categoriesQuery,
        response: { 200: z.object({ items: z.array(districtCategorySchema) }) },
      },
    },
    async (req) => {
      return { items: await categoriesIn(ctx.db, await categoryDistrict(ctx.db, req.actor, req.query.districtCode)) };
    },
  );

  app.patch(
    '/categories/:code',
    {
      config: { access: 'cases.categories.manage' },
      schema: {
        tags,
        summary: '修改类别（全局管理员）或本区时限（区级管理员）/ edit a category, or a district’s time limits',
        params: z.object({ code: categoryCode }),
        body: categoryPatch,
        response: { 200: districtCategorySchema },
      },
    },
    async (req) =>
      changeCategory(ctx.db, requireActor(req), req.params.code, req.body, {
        ip: req.ip,
        requestId: req.id,
      }),
  );

  const kpiKeys = Object.keys(KPI_DEFINITIONS) as (keyof typeof KPI_DEFINITIONS)[];
  const kpiQuery = z.object({
    regionCode: z
      .string()
      .regex(/^\d{6,15}$/)
      .optional(),
    from: z.coerce.date(),
    to: z.coerce.date(),
    categoryCode: categoryCode.optional(),
    orgCode: z
      .string()
      .regex(/^[0-9]{6,12}-[a-z_]+$/)
      .optional(),
  });
  const kpiFigures = z.object(Object.fromEntries(kpiKeys.map((k) => [k, z.number().nullable()])));
  const kpiCounts = z.record(z.string(), z.number());
  const rankRow = z.object({ code: z.string(), name: z.string(), counts: kpiCounts, kpis: kpiFigures });
  const kpiAnswer = z.object({
    counts: kpiCounts,
    kpis: kpiFigures,
    trend: z.object({
      unit: z.enum(['week', 'month']),
      points: z.array(
        z.object({ label: z.string(), from: z.date(), to: z.date(), received: z.number(), kpis: kpiFigures }),
      ),
    }),
    ranking: z.object({ areas: z.array(rankRow), departments: z.array(rankRow) }),
    definitions: z.record(z.string(), z.object({ zh: z.string(), en: z.string(), formula: z.string() })),
  });
  app.get(
    '/kpis',
    {
      config: { access: 'cases.kpis.view' },
      schema: {
        tags,
        summary:
          '考核指标：立案率、派遣率、结案率、按期结案率、返工率、延期率、办结时长、12345 三率，按周/月的趋势与下级区域、部门排名 / KPIs with their trend and rankings',
        querystring: kpiQuery,
        response: { 200: kpiAnswer },
      },
    },
    async (req) => computeKpis(ctx.db, requireActor(req), req.query),
  );

  app.get(
    '/kpis.xlsx',
    {
      config: { access: 'cases.kpis.view' },
      schema: {
        tags,
        summary: '考核指标导出 Excel（含趋势、区域与部门排名）/ KPIs, trend and rankings as an Excel workbook',
        querystring: kpiQuery,
      },
    },
    async (req, reply) => {
      const result = await computeKpis(ctx.db, requireActor(req), req.query);
      const locale = pickLocale(req.headers['accept-language']);
      const xlsx = await kpiWorkbook(result, {
        region: req.query.regionCode ?? '',
        from: req.query.from,
        to: req.query.to,
        locale,
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="kpis.xlsx"')
        .send(xlsx);
    },
  );

  app.get(
    '/root-causes',
    {
      config: { access: 'cases.kpis.view' },
      schema: {
        tags,
        summary:
          '问题溯源：同类问题的热点（DBSCAN 聚类）、反复发生的问题、结案总结的根本原因与可能复发的案件 / hotspots, recurring problems, root causes and cases that may recur',
        querystring: z.object({
          regionCode: z
            .string()
            .regex(/^\d{6,15}$/)
            .optional(),
          from: z.coerce.date(),
          to: z.coerce.date(),
          categoryCode: categoryCode.optional(),
          metres: z.coerce.number().min(10).max(5000).default(150),
          minPoints: z.coerce.number().int().min(2).max(100).default(3),
        }),
        response: {
          200: z.object({
            hotspots: z.array(
              z.object({
                categoryCode: z.string(),
                count: z.number(),
                center: z.tuple([z.number(), z.number()]),
                gridCodes: z.array(z.string()),
                numbers: z.array(z.string()),
              }),
            ),
            recurring: z.array(
              z.object({
                gridCode: z.string(),
                categoryCode: z.string(),
                count: z.number(),
                lastReportedAt: z.string(),
              }),
            ),
            causes: z.array(z.object({ rootCause: z.enum(ROOT_CAUSES), count: z.number(), mayRecur: z.number() })),
            mayRecur: z.array(
              z.object({
                id: z.number(),
                number: z.string(),
                categoryCode: z.string(),
                gridCode: z.string(),
                areaName: z.string(),
                closedAt: z.string(),
                measures: z.string(),
                rootCause: z.enum(ROOT_CAUSES),
                rootCauseNote: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => rootCauses(ctx.db, requireActor(req), req.query),
  );

  app.get(
    '/:id',
    {
      config: { access: 'cases.view' },
      schema: {
        tags,
        summary: '案件详情与时间线 / a case with its timeline',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: detail },
      },
    },
    async (req) => getCaseDetail(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/:id/follow',
    {
      config: { access: 'cases.follow' },
      schema: {
        tags,
        summary: '我也遇到：关注同一问题而不重复上报 / follow an open case instead of reporting it again',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: followBody,
        response: { 200: detail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await followCase(ctx, locator, actor, req.params.id, req.body?.location);
      return getCaseDetail(ctx, actor, req.params.id);
    },
  );

  app.put(
    '/:id/public',
    {
      config: { access: 'cases.dispatch' },
      schema: {
        tags,
        summary:
          '公开给关注者：描述与照片（不含反映人）/ let followers read the description and see the photos, never the reporter',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ public: z.boolean() }),
        response: { 200: detail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await setPublic(ctx, actor, req.params.id, req.body.public, req);
      return getCaseDetail(ctx, actor, req.params.id);
    },
  );

  app.post(
    '/:id/actions',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: '办理动作：立案、派遣、处置、核查、结案、评价、退回、挂账、延期、合并 / act on a case',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: actionBody,
        response: { 200: detail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await transitionCase(ctx, actor, req.params.id, req.body);
      return getCaseDetail(ctx, actor, req.params.id);
    },
  );
}
