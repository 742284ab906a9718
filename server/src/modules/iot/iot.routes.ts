import { createHmac, timingSafeEqual } from 'node:crypto';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { type Actor, inScope, requireActor } from '../../core/auth.js';
import { coreErrors } from '../../core/errors.js';
import type { HttpApp } from '../../core/http.js';
import { pickLocale } from '../../core/i18n.js';
import { scopePathOf } from '../geo/index.js';
import { changeRules } from './commands/change-rules.js';
import { recordFireCentres } from './commands/fire-centres.js';
import { acknowledge, arrive, clearByOperator, close } from './commands/handle-alarm.js';
import { DEVICE_TEMPLATE, importDevices } from './commands/import-devices.js';
import { rotateDeviceSecret, switchDevice } from './commands/manage-device.js';
import { registerDevice } from './commands/register-device.js';
import {
  alarmStats,
  alarmStatsByVenueKind,
  alarmsByBuilding,
  deviceHealth,
  getAlarm,
  getDevice,
  listAlarms,
  listDeadLetters,
  listDevices,
  listEscalations,
  listFireCentres,
  recentTelemetry,
} from './db/iot.repository.js';
import { ALARM_TYPES } from './domain/alarm-types.js';
import { DEVICE_KIND_LABELS, DEVICE_KINDS, HEAT_CLASS_TABLE } from './domain/devices.js';
import { RULE_PRESETS } from './domain/rules.js';
import { hashSecret, type Ingestor } from './ingest/ingestor.js';
import type { IotDeps } from './iot.deps.js';
import { iotErrors } from './iot.errors.js';
import { presentAlarm, presentDevice } from './iot.presenter.js';
import {
  acknowledgeBody,
  alarmDetailSchema,
  alarmPointsSchema,
  alarmQuery,
  alarmSchema,
  areaQuery,
  catalogueSchema,
  closeBody,
  credentialSchema,
  deviceBody,
  deviceImportSchema,
  deviceQuery,
  deviceSchema,
  fireCentreBody,
  healthSchema,
  rulesBody,
  rulesSchema,
  statsQuery,
  statsSchema,
  webhookBody,
} from './iot.schemas.js';
import { currentRules } from './queries/rules.js';

export interface IotRuntime {
  deps: IotDeps;
  ingestor(): Ingestor;
  reloadDevice(code: string): Promise<void>;
  /** After a bulk import: this instance reloads its directory, and tells the others to. */
  reloadAll(): Promise<void>;
  reloadRules(): Promise<void>;
}

const WEBHOOK_SKEW_SECONDS = 300;
const DEVICE_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export async function iotRoutes(app: HttpApp, rt: IotRuntime) {
  const { deps } = rt;
  const db = deps.ctx.db;
  const tags = ['iot'];
  const idParam = z.object({ id: z.coerce.number().int().positive() });
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

  /** The area asked for, which must lie inside the actor's scope; the actor's whole scope when none is given. */
  async function areaOf(actor: Actor, regionCode?: string): Promise<string> {
    if (!regionCode) return actor.scopePath;
    const path = await scopePathOf(db, regionCode);
    if (path === undefined) throw coreErrors.invalid({ field: 'regionCode', params: { reason: regionCode } });
    if (!inScope(actor, path) && !actor.scopePath.startsWith(`${path}.`)) throw coreErrors.outOfScope();
    return path;
  }

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
      const page = await listDevices(db, actor.scopePath, { ...f, areaPath: await areaOf(actor, regionCode) });
      return { items: page.items.map(presentDevice), total: page.total };
    },
  );

  await app.register(multipart, { limits: { fileSize: DEVICE_IMPORT_MAX_BYTES, files: 1 } });

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
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file || !/\.(xlsx|csv)$/i.test(file.filename)) throw iotErrors.badImportFile({ field: 'file' });
      const bytes = await file.toBuffer();
      const result = await importDevices(
        deps,
        actor,
        { name: file.filename, bytes },
        req.query.mode,
        pickLocale(req.headers['accept-language']),
      );
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
      const area = await areaOf(actor, req.query.regionCode);
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
        areaPath: await areaOf(actor, regionCode),
      });
      return { items: page.items.map(presentAlarm), total: page.total };
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
      const rows = await alarmsByBuilding(db, actor.scopePath, await areaOf(actor, req.query.regionCode));
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

  const forget = (code: string, type: keyof typeof ALARM_TYPES) => rt.ingestor().forgetAlarm(code, type);

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
      const area = await areaOf(actor, req.query.regionCode);
      const health = await deviceHealth(db, actor.scopePath, area, deps.rules().lowBatteryPercent);
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
      const area = await areaOf(actor, req.query.regionCode);
      const depth = area === '' ? 3 : area.split('.').length + 1;
      const since = new Date(Date.now() - req.query.days * 86_400_000);
      const rows = await alarmStats(db, actor.scopePath, area, Math.min(depth, 6), since);
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

  app.get(
    '/rules',
    {
      config: { access: 'iot.view' },
      schema: { tags, summary: '告警规则参数 / rule settings', response: { 200: rulesSchema } },
    },
    async () => currentRules(db),
  );

  app.put(
    '/rules',
    {
      config: { access: 'iot.configure' },
      schema: {
        tags,
        summary: '修改告警规则参数（未填写的沿用标准预设）/ change rule settings',
        body: rulesBody,
        response: { 200: rulesSchema },
      },
    },
    async (req) => {
      await changeRules(deps, requireActor(req), req.body, meta(req));
      await rt.reloadRules();
      return currentRules(db);
    },
  );

  app.get(
    '/rules/presets',
    {
      config: { access: 'iot.view' },
      schema: { tags, summary: '标准预设 / the presets', response: { 200: rulesSchema.omit({ version: true }) } },
    },
    async () => {
      return RULE_PRESETS;
    },
  );

  app.get(
    '/dead-letters',
    {
      config: { access: 'iot.configure' },
      schema: {
        tags,
        summary: '无法处理的设备消息及原因 / messages that could not be processed, with the reason',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    async (req) => {
      await rt.ingestor().flush();
      return { items: await listDeadLetters(db, req.query.limit) };
    },
  );

  app.get(
    '/fire-centres',
    { config: { access: 'iot.view' }, schema: { tags, summary: '智慧消防服务中心 / fire service centres' } },
    async () => {
      return { items: await listFireCentres(db) };
    },
  );

  app.post(
    '/fire-centres',
    {
      config: { access: 'iot.configure' },
      schema: {
        tags,
        summary: '登记智慧消防服务中心 / record a fire service centre',
        body: fireCentreBody,
        response: { 201: z.object({ orgCode: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const districtPath = await scopePathOf(db, req.body.districtCode);
      if (districtPath === undefined)
        throw coreErrors.invalid({ field: 'districtCode', params: { reason: req.body.districtCode } });
      const orgCode = `${req.body.districtCode}-fire_centre_${req.body.letters}`;
      await db.transaction((tx) =>
        recordFireCentres(
          tx,
          [{ orgCode, name: req.body.name, districtPath, lng: req.body.lng, lat: req.body.lat }],
          actor,
        ),
      );
      return reply.status(201).send({ orgCode });
    },
  );

  app.get(
    '/ingestion',
    { config: { access: 'iot.configure' }, schema: { tags, summary: '接入统计 / ingestion counters' } },
    async () => {
      return { ...rt.ingestor().describe(), kinds: DEVICE_KINDS };
    },
  );

  // NB-IoT platforms push over HTTP: the signature is over the exact bytes received, so this route keeps them.
  await app.register(async (scoped) => {
    const hook = scoped as HttpApp;
    hook.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      (req as unknown as { rawBody: Buffer }).rawBody = body as Buffer;
      try {
        done(null, JSON.parse((body as Buffer).toString('utf8')));
      } catch {
        done(coreErrors.invalid({ field: 'body', params: { reason: 'JSON' } }), undefined);
      }
    });
    hook.post(
      '/ingest',
      {
        // devices and platforms have no session: the signature is the authentication
        config: { access: { credential: 'hmac' } },
        schema: {
          tags,
          summary:
            'NB-IoT 平台推送（HMAC-SHA256 签名：x-shanzhi-timestamp + "." + 原文）/ webhook for NB-IoT platforms, signed',
          body: webhookBody,
          response: { 202: z.object({ status: z.enum(['accepted', 'dead_lettered']) }) },
        },
      },
      async (req, reply) => {
        const secret = deps.ctx.config.iot.webhookSecret;
        if (!secret) throw iotErrors.webhookNotConfigured();
        const ts = Number(req.headers['x-shanzhi-timestamp']);
        const given = String(req.headers['x-shanzhi-signature'] ?? '').replace(/^sha256=/, '');
        const raw = (req as unknown as { rawBody: Buffer }).rawBody;
        const expected = createHmac('sha256', secret).update(`${ts}.`).update(raw).digest();
        const givenBuf = Buffer.from(given, 'hex');
        const fresh = Number.isFinite(ts) && Math.abs(Date.now() / 1000 - ts) <= WEBHOOK_SKEW_SECONDS;
        if (!fresh || givenBuf.length !== expected.length || !timingSafeEqual(givenBuf, expected))
          throw iotErrors.badSignature({ field: 'x-shanzhi-signature' });
        const ingestor = rt.ingestor();
        const pending = ingestor.handleTyped(
          'http',
          req.body.deviceCode,
          req.body.type,
          JSON.stringify(req.body.payload),
        );
        const status = ingestor.lastDeadLettered ? 'dead_lettered' : 'accepted';
        await pending;
        return reply.status(202).send({ status });
      },
    );
  });
}
