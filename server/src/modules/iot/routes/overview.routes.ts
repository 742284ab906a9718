import { requireActor } from '../../../core/auth.js';
import type { HttpApp } from '../../../core/http.js';
import { alarmStats, alarmStatsByVenueKind, deviceHealth, listDevices } from '../db/iot.repository.js';
import { presentDevice } from '../iot.presenter.js';
import type { IotRuntime } from '../iot.routes.js';
import { areaQuery, healthSchema, statsQuery, statsSchema } from '../iot.schemas.js';
import { areaOf } from './shared.js';

/** Device health and alarm statistics of an area. */
export async function overviewRoutes(app: HttpApp, rt: IotRuntime) {
  const { deps } = rt;
  const db = deps.ctx.db;
  const tags = ['iot'];

  app.get(
    '/health',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '设备健康：在线率、离线、低电量 / device health',
        querystring: areaQuery,
        response: { 200: healthSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const area = await areaOf(db, actor, req.query.regionCode);
      const health = await deviceHealth(db, actor.scopePath, area, deps.rules(area).lowBatteryPercent);
      const offline = await listDevices(db, actor.scopePath, { areaPath: area, online: false, limit: 50, offset: 0 });
      return {
        ...health,
        onlineRate: health.devices ? health.online / Math.max(1, health.devices - health.disabled) : null,
        offlineDevices: offline.items.map(presentDevice),
      };
    },
  );

  app.get(
    '/stats',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '告警统计（按下级区域）：数量、误报率、确认与到场用时 / alarm statistics by area',
        querystring: statsQuery,
        response: { 200: statsSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const area = await areaOf(db, actor, req.query.regionCode);
      const depth = area === '' ? 3 : area.split('.').length + 1;
      const since = new Date(Date.now() - req.query.days * 86_400_000);
      // a grid is at most seven labels deep: under a village or compound of its community
      const rows = await alarmStats(db, actor.scopePath, area, Math.min(depth, 7), since);
      const byVenue = await alarmStatsByVenueKind(db, actor.scopePath, area, since);
      return {
        since,
        byVenueKind: byVenue.map((r) => ({ ...r, falseAlarmRate: r.classified ? r.falseAlarms / r.classified : null })),
        areas: rows.map((r) => ({
          ...r,
          code: r.area.slice(r.area.lastIndexOf('.') + 1),
          falseAlarmRate: r.classified ? r.falseAlarms / r.classified : null,
        })),
      };
    },
  );
}
