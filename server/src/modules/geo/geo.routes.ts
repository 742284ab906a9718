import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { gridPoster } from './commands/grid-poster.js';
import { importGrids } from './commands/import-grids.js';
import { renameGridOf } from './commands/rename-grid.js';
import { setGridStationOf, setGridTeam } from './commands/set-grid-team.js';
import { areaNames } from './db/geo.repository.js';
import type { WorkPhones } from './geo.module.js';
import {
  chainSchema,
  featureCollection,
  gridCode,
  gridDetail,
  gridNameBody,
  gridStationBody,
  gridTeamBody,
  importGridsBody,
  importGridsQuery,
  locateQuery,
  locateResult,
  namesQuery,
  regionCode,
  regionSchema,
} from './geo.schemas.js';
import type { GridLocator } from './queries/locate-point.js';
import {
  getGridCard,
  getGridDetail,
  getRegionDetail,
  listChildBoundaries,
  listGridsOfRegion,
  listRegions,
} from './queries/regions.js';

export function geoRoutes(app: HttpApp, ctx: ModuleContext, locator: GridLocator, workPhones: WorkPhones) {
  const { db } = ctx;
  const tags = ['geo'];

  app.get(
    '/config',
    {
      config: { access: 'geo.region.view' },
      schema: {
        tags,
        summary: '地图配置 / map configuration',
        response: {
          200: z.object({
            map: z.object({
              tileUrl: z.string().optional(),
              tileCrs: z.enum(['wgs84', 'gcj02']),
              attribution: z.string().optional(),
            }),
          }),
        },
      },
    },
    async () => {
      return { map: ctx.config.geo.map };
    },
  );

  app.get(
    '/regions',
    {
      config: { access: 'geo.region.view' },
      schema: {
        tags,
        summary: '区划列表（顶层或某区划的下级）/ regions: top level or children of `parent`',
        querystring: z.object({ parent: regionCode.optional() }),
        response: { 200: z.object({ items: z.array(regionSchema) }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { items: await listRegions(db, actor, req.query.parent) };
    },
  );

  app.get(
    '/regions/:code',
    {
      config: { access: 'geo.region.view' },
      schema: {
        tags,
        summary: '区划详情与边界 / region with its chain and boundary',
        params: z.object({ code: regionCode }),
        response: { 200: z.object({ region: regionSchema, chain: chainSchema, boundary: z.any() }) },
      },
    },
    async (req) => getRegionDetail(db, requireActor(req), req.params.code),
  );

  app.get(
    '/regions/:code/children-boundaries',
    {
      config: { access: 'geo.region.view' },
      schema: {
        tags,
        summary: '下级区划边界 (GeoJSON) / boundaries of the children',
        params: z.object({ code: regionCode }),
        response: { 200: featureCollection },
      },
    },
    async (req) => (await listChildBoundaries(db, requireActor(req), req.params.code)) as never,
  );

  app.get(
    '/regions/:code/grids',
    {
      config: { access: 'geo.grid.view' },
      schema: {
        tags,
        summary: '区划内的网格 (GeoJSON) / grids under a region, within your scope',
        params: z.object({ code: regionCode }),
        response: { 200: featureCollection },
      },
    },
    async (req) => (await listGridsOfRegion(db, requireActor(req), req.params.code)) as never,
  );

  app.get(
    '/names',
    {
      config: { access: 'geo.name.read' },
      schema: {
        tags,
        summary: '区划与网格的名称（按代码，最多 200 个）/ names of regions and grids by code, up to 200',
        querystring: namesQuery,
        response: { 200: z.object({ names: z.record(z.string(), z.string()) }) },
      },
    },
    async (req) => ({ names: Object.fromEntries(await areaNames(db, req.query.codes)) }),
  );

  app.get(
    '/grids/:code',
    {
      config: { access: 'geo.grid.view' },
      schema: {
        tags,
        summary: '网格详情：四至、所属社区、五位一体团队 / grid detail with its team',
        params: z.object({ code: gridCode }),
        response: { 200: z.object({ grid: gridDetail, chain: chainSchema }) },
      },
    },
    async (req) => getGridDetail(db, requireActor(req), req.params.code),
  );

  app.put(
    '/grids/:code/team',
    {
      config: { access: 'geo.grid.team.manage' },
      schema: {
        tags,
        summary: '设置网格团队（五位一体，无需重新导入网格）/ set the grid’s team without re-importing the grid',
        params: z.object({ code: gridCode }),
        body: gridTeamBody,
        response: { 200: z.object({ team: gridDetail.shape.team }) },
      },
    },
    async (req) =>
      setGridTeam(db, requireActor(req), req.params.code, req.body.members, { ip: req.ip, requestId: req.id }),
  );

  app.put(
    '/grids/:code/name',
    {
      config: { access: 'geo.grid.rename' },
      schema: {
        tags,
        summary: '网格更名（同一社区内名称唯一）/ rename a grid; names are unique within a community',
        params: z.object({ code: gridCode }),
        body: gridNameBody,
        response: { 200: gridNameBody },
      },
    },
    async (req) =>
      renameGridOf(db, locator, requireActor(req), req.params.code, req.body.name, { ip: req.ip, requestId: req.id }),
  );

  app.put(
    '/grids/:code/station',
    {
      config: { access: 'geo.grid.team.manage' },
      schema: {
        tags,
        summary: '设置网格工作站（名称、地址、开放时间）/ set where the grid’s team can be found',
        params: z.object({ code: gridCode }),
        body: gridStationBody,
        response: { 200: z.object({ station: gridDetail.shape.station }) },
      },
    },
    async (req) =>
      setGridStationOf(db, requireActor(req), req.params.code, req.body.station, { ip: req.ip, requestId: req.id }),
  );

  app.get(
    '/grids/:code/card',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '扫码所见：网格名称、所属社区、网格团队及其工作电话 / what the grid station QR code shows anyone',
        security: [],
        params: z.object({ code: gridCode }),
        response: {
          200: z.object({
            code: z.string(),
            name: z.string(),
            communityName: z.string(),
            /** 村/小区, where the grid hangs under one */
            compoundName: z.string().nullable(),
            streetName: z.string(),
            districtName: z.string(),
            /** Where the team can be found; null when the grid has no station of its own. */
            station: gridDetail.shape.station,
            team: z.array(
              z.object({
                role: z.string(),
                name: z.string(),
                /** The member's work phone, as printed on the station's poster; null when they have none. */
                phone: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => getGridCard(db, req.params.code, (ids) => workPhones(db, ctx.cipher, ids)),
  );

  app.get(
    '/grids/:code/poster.pdf',
    {
      config: { access: 'geo.grid.view' },
      schema: {
        tags,
        summary: '网格驿站二维码海报 (PDF) / printable QR poster for the grid station',
        params: z.object({ code: gridCode }),
      },
    },
    async (req, reply) => {
      const { pdf, filename } = await gridPoster(db, ctx.config, requireActor(req), req.params.code);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
    },
  );

  app.get(
    '/locate',
    {
      config: { access: 'geo.point.locate' },
      schema: {
        tags,
        summary: '坐标所在网格（crs: wgs84 | gcj02 | bd09）/ which grid a point falls in',
        querystring: locateQuery,
        response: { 200: locateResult },
      },
    },
    async (req) => {
      return locator.locate(req.query.lng, req.query.lat, req.query.crs);
    },
  );

  app.post(
    '/grids/import',
    {
      config: { access: 'geo.grid.import' },
      bodyLimit: 200 * 1024 * 1024,
      schema: {
        tags,
        summary:
          '导入网格 GeoJSON（按社区整体替换，有任何问题则不做修改；dryRun 只检查并列出将删除的网格，删除须 confirmRemoval）/ import grids, all or nothing; dryRun lists what would be removed, removal needs confirmRemoval',
        body: importGridsBody,
        querystring: importGridsQuery,
        response: {
          200: z.object({
            imported: z.number(),
            replaced: z.number(),
            communities: z.array(z.string()),
            removed: z.array(z.object({ code: z.string(), name: z.string() })),
            dryRun: z.boolean(),
          }),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return importGrids(ctx, locator, actor, req.body, req.query, { ip: req.ip, requestId: req.id });
    },
  );
}
