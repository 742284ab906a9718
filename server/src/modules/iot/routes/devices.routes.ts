import multipart from '@fastify/multipart';
import { z } from 'zod';
import { inScope, requireActor } from '../../../core/auth.js';
import type { HttpApp } from '../../../core/http.js';
import { pickLocale } from '../../../core/i18n.js';
import { receiveSpreadsheet } from '../../../core/spreadsheet.js';
import { DEVICE_IMPORT_LIMITS, DEVICE_TEMPLATE, importDevices } from '../commands/import-devices.js';
import { rotateDeviceSecret, switchDevice } from '../commands/manage-device.js';
import { registerDevice } from '../commands/register-device.js';
import { getDevice, listAlarms, listDevices, recentTelemetry } from '../db/iot.repository.js';
import { ALARM_TYPES } from '../domain/alarm-types.js';
import { DEVICE_KIND_LABELS, HEAT_CLASS_TABLE } from '../domain/devices.js';
import { iotErrors } from '../iot.errors.js';
import { presentAlarm, presentDevice } from '../iot.presenter.js';
import type { IotRuntime } from '../iot.routes.js';
import {
  areaQuery,
  catalogueSchema,
  credentialSchema,
  deviceBody,
  deviceImportSchema,
  deviceQuery,
  deviceSchema,
} from '../iot.schemas.js';
import { areaOf, idParam, meta } from './shared.js';

/** The device catalogue and registry: register, import, list, enable or disable, rotate a secret. */
export async function deviceRoutes(app: HttpApp, rt: IotRuntime) {
  const { deps } = rt;
  const db = deps.ctx.db;
  const tags = ['iot'];

  app.get(
    '/catalogue',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '设备类型、告警类型与 GB 4716 感温类别 / device kinds, alarm types, heat classes',
        response: { 200: catalogueSchema },
      },
    },
    async () => {
      return { deviceKinds: DEVICE_KIND_LABELS, alarmTypes: ALARM_TYPES, heatClasses: HEAT_CLASS_TABLE };
    },
  );

  app.post(
    '/devices',
    {
      config: { access: 'iot.manage' },
      schema: {
        tags,
        summary: '登记设备（返回一次性设备密钥）/ register a device; its secret is returned once',
        body: deviceBody,
        response: { 201: credentialSchema.extend({ id: z.number() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return reply.status(201).send(await registerDevice(deps, actor, req.body, rt.reloadDevice));
    },
  );

  app.get(
    '/devices',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '设备列表（在线状态、电量）/ devices with their state',
        querystring: deviceQuery,
        response: { 200: z.object({ items: z.array(deviceSchema), total: z.number() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { regionCode, ...f } = req.query;
      const page = await listDevices(db, actor.scopePath, { ...f, areaPath: await areaOf(db, actor, regionCode) });
      return { items: page.items.map(presentDevice), total: page.total };
    },
  );

  await app.register(multipart, { limits: { fileSize: DEVICE_IMPORT_LIMITS.maxBytes, files: 1 } });

  app.post(
    '/devices/import',
    {
      config: { access: 'iot.manage' },
      schema: {
        tags,
        summary:
          '批量导入设备（xlsx/csv，multipart 字段 file；mode=all_or_nothing|valid_only；返回一次性设备密钥）/ import devices',
        consumes: ['multipart/form-data'],
        querystring: z.object({ mode: z.enum(['all_or_nothing', 'valid_only']).default('all_or_nothing') }),
        response: { 200: deviceImportSchema, 422: deviceImportSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const file = await receiveSpreadsheet(req, DEVICE_IMPORT_LIMITS, () =>
        iotErrors.badImportFile({ field: 'file' }),
      );
      const result = await importDevices(deps, actor, file, req.query.mode, pickLocale(req.headers['accept-language']));
      if (result.imported) await rt.reloadAll();
      return reply.status(result.imported || !result.errors.length ? 200 : 422).send(result);
    },
  );

  app.get(
    '/devices/import-template.csv',
    { config: { access: 'iot.manage' }, schema: { tags, summary: '设备导入模板 / the device import template' } },
    async (_req, reply) => {
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('设备导入模板.csv')}`)
        .send(DEVICE_TEMPLATE);
    },
  );

  app.get(
    '/devices/manifest',
    {
      config: { access: 'iot.manage' },
      schema: {
        tags,
        summary: '设备清单（编号、类型、楼栋、楼层；供模拟器与联调）/ device manifest for the simulator',
        querystring: areaQuery,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const area = await areaOf(db, actor, req.query.regionCode);
      const out: { code: string; kind: string; buildingId: number | null; floor: number | null }[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await listDevices(db, actor.scopePath, { areaPath: area, limit: 500, offset });
        for (const d of page.items) out.push({ code: d.code, kind: d.kind, buildingId: d.buildingId, floor: d.floor });
        if (page.items.length < 500) break;
      }
      return { topicRoot: deps.ctx.config.iot.topicRoot, devices: out };
    },
  );

  app.get(
    '/devices/:id',
    {
      config: { access: 'iot.view' },
      schema: { tags, summary: '设备详情与最近遥测 / a device and its recent telemetry', params: idParam },
    },
    async (req) => {
      const actor = requireActor(req);
      const d = await getDevice(db, req.params.id);
      if (!d || !inScope(actor, d.gridPath)) throw iotErrors.deviceNotFound();
      const [telemetry, alarms] = await Promise.all([
        recentTelemetry(db, d.id, 50),
        listAlarms(db, actor.scopePath, { areaPath: d.gridPath, status: 'all', limit: 20, offset: 0 }).then((p) =>
          p.items.filter((a) => a.deviceId === d.id).map(presentAlarm),
        ),
      ]);
      return { device: presentDevice(d), telemetry, alarms };
    },
  );

  app.patch(
    '/devices/:id',
    {
      config: { access: 'iot.manage' },
      schema: {
        tags,
        summary: '启用或停用设备 / enable or disable a device',
        params: idParam,
        body: z.object({ enabled: z.boolean() }),
        response: { 200: deviceSchema },
      },
    },
    async (req) => {
      const d = await switchDevice(deps, requireActor(req), req.params.id, req.body.enabled, meta(req));
      await rt.reloadDevice(d.code);
      return presentDevice(d);
    },
  );

  app.post(
    '/devices/:id/secret',
    {
      config: { access: 'iot.manage' },
      schema: {
        tags,
        summary: '重置设备密钥（旧密钥立即失效）/ rotate the device credential',
        params: idParam,
        response: { 200: credentialSchema },
      },
    },
    async (req) => {
      const credential = await rotateDeviceSecret(deps, requireActor(req), req.params.id, meta(req));
      await rt.reloadDevice(credential.code);
      return credential;
    },
  );
}
