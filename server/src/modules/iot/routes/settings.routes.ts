import { z } from 'zod';
import { inScope, isAncestorOfScope, mayConfigure, requireActor } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { HttpApp } from '../../../core/http.js';
import { scopePathOf } from '../../geo/index.js';
import { changeRules } from '../commands/change-rules.js';
import { recordFireCentres } from '../commands/fire-centres.js';
import { listDeadLetters, listFireCentres } from '../db/iot.repository.js';
import { DEVICE_KINDS } from '../domain/devices.js';
import { RULE_PRESETS } from '../domain/rules.js';
import type { IotRuntime } from '../iot.routes.js';
import { fireCentreBody, rulesBody, rulesQuery, rulesSchema } from '../iot.schemas.js';
import { currentRules } from '../queries/rules.js';
import { districtOfRequest, meta } from './shared.js';

/** What the district configures and watches: rules, fire service centres, dead letters, ingestion. */
export async function settingsRoutes(app: HttpApp, rt: IotRuntime) {
  const { deps } = rt;
  const db = deps.ctx.db;
  const tags = ['iot'];

  app.get(
    '/rules',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '告警规则参数（本区自设的与沿用全局默认的）/ the rules in force in a district, own or inherited',
        querystring: rulesQuery,
        response: { 200: rulesSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const district = await districtOfRequest(db, actor, req.query.districtCode);
      if (district && !inScope(actor, district) && !isAncestorOfScope(actor, district))
        throw coreErrors.outOfScope({ field: 'districtCode' });
      return currentRules(db, district);
    },
  );

  app.put(
    '/rules',
    {
      config: { access: 'iot.configure' },
      schema: {
        tags,
        summary:
          '修改本区告警规则（未填写的沿用全局默认；全局默认仅全局管理员可改）/ change a district’s rules, or the defaults',
        body: rulesBody,
        response: { 200: rulesSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { districtCode, ...input } = req.body;
      const district = await districtOfRequest(db, actor, districtCode);
      if (!mayConfigure(actor, district)) throw coreErrors.outOfScope({ field: 'districtCode' });
      await changeRules(deps, actor, district, input, meta(req));
      await rt.reloadRules();
      return currentRules(db, district);
    },
  );

  app.get(
    '/rules/presets',
    {
      config: { access: 'iot.view' },
      schema: {
        tags,
        summary: '标准预设 / the presets',
        response: { 200: rulesSchema.omit({ version: true, districtCode: true, ownSettings: true }) },
      },
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
      return { items: await listDeadLetters(db, requireActor(req).scopePath, req.query.limit) };
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
      // a centre gets the district's fire alarms: another district's administrator must not take them away
      if (!inScope(actor, districtPath)) throw coreErrors.outOfScope({ field: 'districtCode' });
      const streetPaths: string[] = [];
      for (const [i, code] of (req.body.streetCodes ?? []).entries()) {
        const p = await scopePathOf(db, code);
        if (p === undefined || !p.startsWith(`${districtPath}.`))
          throw coreErrors.invalid({ field: `streetCodes.${i}`, params: { reason: code } });
        streetPaths.push(p);
      }
      const orgCode = `${req.body.districtCode}-fire_centre_${req.body.letters}`;
      await db.transaction((tx) =>
        recordFireCentres(
          tx,
          [{ orgCode, name: req.body.name, districtPath, streetPaths, lng: req.body.lng, lat: req.body.lat }],
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
}
