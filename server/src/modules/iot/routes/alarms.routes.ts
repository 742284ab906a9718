import { z } from 'zod';
import { inScope, requireActor } from '../../../core/auth.js';
import type { HttpApp } from '../../../core/http.js';
import { acknowledge, arrive, clearByOperator, close } from '../commands/handle-alarm.js';
import { alarmsByBuilding, getAlarm, listAlarms, listEscalations } from '../db/iot.repository.js';
import type { ALARM_TYPES } from '../domain/alarm-types.js';
import { iotErrors } from '../iot.errors.js';
import { presentAlarm } from '../iot.presenter.js';
import type { IotRuntime } from '../iot.routes.js';
import {
  acknowledgeBody,
  alarmDetailSchema,
  alarmPointsSchema,
  alarmQuery,
  alarmSchema,
  areaQuery,
  closeBody,
  incidentQuery,
  incidentSchema,
} from '../iot.schemas.js';
import { incidentBoard } from '../queries/list-incidents.js';
import { areaOf, idParam } from './shared.js';

/** The alarm board: list, map, detail, and what people on duty do with an alarm. */
export async function alarmRoutes(app: HttpApp, rt: IotRuntime) {
  const { deps } = rt;
  const db = deps.ctx.db;
  const tags = ['iot'];
  const forget = (code: string, type: keyof typeof ALARM_TYPES) => rt.ingestor().forgetAlarm(code, type);

  app.get(
    '/alarms',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '告警看板：未确认在前，按严重程度 / the alarm board',
        querystring: alarmQuery,
        response: { 200: z.object({ items: z.array(alarmSchema), total: z.number() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { regionCode, ...f } = req.query;
      const page = await listAlarms(db, actor.scopePath, {
        ...f,
        type: f.type as keyof typeof ALARM_TYPES | undefined,
        areaPath: await areaOf(db, actor, regionCode),
      });
      return { items: page.items.map(presentAlarm), total: page.total };
    },
  );

  app.get(
    '/incidents',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '火情：一处（楼栋、场所）一起，含其告警、状态、119 与案件 / fires, one per place, with their alarms',
        querystring: incidentQuery,
        response: { 200: z.object({ items: z.array(incidentSchema), total: z.number() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { regionCode, ...f } = req.query;
      return incidentBoard(db, actor.scopePath, { ...f, areaPath: await areaOf(db, actor, regionCode) });
    },
  );

  app.get(
    '/alarms/map',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '地图上的告警（按楼栋汇总，GeoJSON）/ open alarms on buildings, as GeoJSON',
        querystring: areaQuery,
        response: { 200: alarmPointsSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await alarmsByBuilding(db, actor.scopePath, await areaOf(db, actor, req.query.regionCode));
      return {
        type: 'FeatureCollection' as const,
        features: rows.map(({ lng, lat, ...properties }) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] },
          properties,
        })),
      };
    },
  );

  app.get(
    '/alarms/:id',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '告警详情与升级记录 / an alarm and its escalation steps',
        params: idParam,
        response: { 200: alarmDetailSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const a = await getAlarm(db, req.params.id);
      if (!a || !inScope(actor, a.gridPath)) throw iotErrors.alarmNotFound();
      return { alarm: presentAlarm(a), escalations: await listEscalations(db, a.id) };
    },
  );

  app.post(
    '/alarms/:id/acknowledge',
    {
      config: { access: 'iot.handle' },
      schema: {
        tags,
        summary: '确认告警（停止逐级升级；真实火警推送 119 并立案）/ acknowledge',
        params: idParam,
        body: acknowledgeBody,
        response: { 200: alarmSchema },
      },
    },
    async (req) => presentAlarm(await acknowledge(deps, requireActor(req), req.params.id, req.body)),
  );

  app.post(
    '/alarms/:id/arrive',
    {
      config: { access: 'iot.handle' },
      schema: { tags, summary: '到场 / responder on site', params: idParam, response: { 200: alarmSchema } },
    },
    async (req) => presentAlarm(await arrive(deps, requireActor(req), req.params.id)),
  );

  app.post(
    '/alarms/:id/clear',
    {
      config: { access: 'iot.handle' },
      schema: { tags, summary: '消除告警 / clear', params: idParam, response: { 200: alarmSchema } },
    },
    async (req) => presentAlarm(await clearByOperator(deps, requireActor(req), req.params.id, forget)),
  );

  app.post(
    '/alarms/:id/close',
    {
      config: { access: 'iot.handle' },
      schema: {
        tags,
        summary: '关闭并定性（真实火警、误报、测试、故障）/ close with a classification',
        params: idParam,
        body: closeBody,
        response: { 200: alarmSchema },
      },
    },
    async (req) => presentAlarm(await close(deps, requireActor(req), req.params.id, req.body, forget)),
  );
}
