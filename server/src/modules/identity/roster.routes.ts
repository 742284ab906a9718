import multipart from '@fastify/multipart';
import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import { pickLocale } from '../../core/i18n.js';
import type { ModuleContext } from '../../core/module.js';
import { importRoster, ROSTER_MAX_BYTES, rosterTemplate } from './commands/import-roster.js';
import { identityErrors } from './identity.errors.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 人员名册导入: the template, and the upload that creates every account in it or none. */
export async function rosterRoutes(app: HttpApp, ctx: ModuleContext) {
  const tags = ['identity'];
  // a little over the file's own bound for the multipart envelope; the file's size is checked on its own
  await app.register(multipart, { limits: { fileSize: ROSTER_MAX_BYTES, files: 1, fields: 2 } });

  app.get(
    '/roster/template.xlsx',
    { config: { access: 'identity.user.manage' }, schema: { tags, summary: '人员名册模板 / the roster template' } },
    async (_req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="staff-roster-template.xlsx"')
        .send(await rosterTemplate()),
  );

  app.post(
    '/roster',
    {
      config: { access: 'identity.user.manage' },
      schema: {
        tags,
        summary:
          '导入人员名册（xlsx，multipart 字段 file；全部成功或全部不建，返回一次性密码表）/ import a staff roster, all or nothing',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ created: z.number(), passwordsXlsx: z.string() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const tooLarge = () =>
        identityErrors.rosterTooLarge({ field: 'file', params: { mb: ROSTER_MAX_BYTES / 1024 / 1024 } });
      // refused on its declared length before a byte of the file is read
      if (Number(req.headers['content-length'] ?? 0) > ROSTER_MAX_BYTES + 64 * 1024) throw tooLarge();
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw identityErrors.rosterBadFile({ field: 'file' });
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw err;
      }
      return importRoster(ctx.db, actor, { name: file.filename, bytes }, pickLocale(req.headers['accept-language']), {
        ip: req.ip,
        requestId: req.id,
      });
    },
  );
}
