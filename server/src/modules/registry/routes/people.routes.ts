import { z } from 'zod';
import { requireActor } from '../../../core/auth.js';
import type { HttpApp } from '../../../core/http.js';
import type { ModuleContext } from '../../../core/module.js';
import { exportPeople } from '../commands/export-people.js';
import { registerPerson } from '../commands/register-person.js';
import { erase, exportPerson, revealPerson } from '../commands/reveal-person.js';
import { tagPerson, untagPerson } from '../commands/tag-person.js';
import { findPeople, getPersonDetail } from '../queries/people.js';
import { regionPath } from '../queries/region.js';
import {
  peopleExportQuery,
  personBody,
  personSchema,
  personTagBody,
  personTagParams,
  reasonBody,
  revealBody,
  searchQuery,
} from '../registry.schemas.js';
import { idParam, meta, XLSX } from './shared.js';

/** People: registration, search, the person page, reveal with a reason, export and erasure on request. */
export async function peopleRoutes(app: HttpApp, ctx: ModuleContext) {
  const tags = ['registry'];

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

  app.post(
    '/people/:id/tags',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '为人员添加标签（须说明原因，记入审计）/ tag a person, with a reason, audited',
        params: idParam,
        body: personTagBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await tagPerson(ctx, requireActor(req), req.params.id, req.body, meta(req));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/people/:id/tags/:tag',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '移除人员标签（须说明原因，记入审计）/ remove a person’s tag, with a reason, audited',
        params: personTagParams,
        body: reasonBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await untagPerson(ctx, requireActor(req), req.params.id, req.params.tag, req.body.reason, meta(req));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/people/:id',
    {
      config: { access: 'registry.erase' },
      schema: {
        tags,
        summary: '依申请删除个人信息（审计记录保留）/ erase a person on request; the audit trail stays',
        params: idParam,
        body: reasonBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await erase(ctx, requireActor(req), req.params.id, req.body.reason, meta(req));
      return reply.status(204).send(null);
    },
  );

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
}
