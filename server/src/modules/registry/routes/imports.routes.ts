import multipart from '@fastify/multipart';
import { z } from 'zod';
import { requireActor } from '../../../core/auth.js';
import type { HttpApp } from '../../../core/http.js';
import { pickLocale } from '../../../core/i18n.js';
import type { ModuleContext } from '../../../core/module.js';
import { receiveSpreadsheet } from '../../../core/spreadsheet.js';
import { IMPORT_LIMITS, startImport } from '../commands/import-people.js';
import { errorReport, importTemplate, loadImport } from '../queries/imports.js';
import { registryErrors } from '../registry.errors.js';
import { idParam, XLSX } from './shared.js';

/** Spreadsheet imports of people: the template, the upload with its progress, and the error report. */
export async function importRoutes(app: HttpApp, ctx: ModuleContext) {
  const tags = ['registry'];
  await app.register(multipart, { limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1 } });

  app.get(
    '/imports/template.xlsx',
    { config: { access: 'registry.record' }, schema: { tags, summary: '人口导入模板 / the import template' } },
    async (_req, reply) => {
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="people-template.xlsx"')
        .send(await importTemplate());
    },
  );

  app.post(
    '/imports',
    {
      config: { access: 'registry.record' },
      schema: {
        tags,
        summary: '导入人口表（xlsx/csv，multipart 字段 file；mode=all_or_nothing|valid_only）/ import a residents file',
        consumes: ['multipart/form-data'],
        querystring: z.object({ mode: z.enum(['all_or_nothing', 'valid_only']).default('all_or_nothing') }),
        response: { 202: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const file = await receiveSpreadsheet(req, IMPORT_LIMITS, () => registryErrors.badImportFile({ field: 'file' }));
      const id = await startImport(ctx, actor, file, req.query.mode);
      return reply.status(202).send({ id });
    },
  );

  app.get(
    '/imports/:id',
    { config: { access: 'registry.record' }, schema: { tags, summary: '导入进度 / import progress', params: idParam } },
    async (req) => loadImport(ctx.db, requireActor(req), req.params.id, pickLocale(req.headers['accept-language'])),
  );

  app.get(
    '/imports/:id/errors.xlsx',
    {
      config: { access: 'registry.record' },
      schema: { tags, summary: '错误报告（逐行逐列）与地址未匹配清单 / error report and review list', params: idParam },
    },
    async (req, reply) => {
      const xlsx = await errorReport(
        ctx.db,
        requireActor(req),
        req.params.id,
        pickLocale(req.headers['accept-language']),
      );
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="import-${req.params.id}-errors.xlsx"`)
        .send(xlsx);
    },
  );
}
