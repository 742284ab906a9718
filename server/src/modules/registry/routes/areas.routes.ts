import { z } from 'zod';
import { requireActor } from '../../../core/auth.js';
import type { HttpApp } from '../../../core/http.js';
import type { ModuleContext } from '../../../core/module.js';
import { areaSummary, situation } from '../queries/situation.js';
import { areaCountsSchema, situationSchema } from '../registry.schemas.js';

/** What an area holds: its summary and the situation of each child area. */
export async function areaRoutes(app: HttpApp, ctx: ModuleContext) {
  const tags = ['registry'];

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
}
