import { z } from 'zod';
import { requireActor } from '../../../core/auth.js';
import type { HttpApp } from '../../../core/http.js';
import type { ModuleContext } from '../../../core/module.js';
import type { GridLocator } from '../../geo/index.js';
import { recordFacility, recordVenue } from '../commands/record-thing.js';
import { getFacilityDetail, getVenueDetail, listFacilities, listVenues, thingsMap } from '../queries/things.js';
import {
  facilityBody,
  facilityQuery,
  facilitySchema,
  thingsMapQuery,
  venueBody,
  venueQuery,
  venueSchema,
} from '../registry.schemas.js';
import { idParam } from './shared.js';

/** Venues and facilities (物), and the layers the map draws of them. */
export async function thingRoutes(app: HttpApp, ctx: ModuleContext, locator: GridLocator) {
  const tags = ['registry'];

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
}
