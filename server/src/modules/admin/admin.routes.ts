import { z } from 'zod';
import { auditActions, countAudit, listAudit } from '../../core/audit.js';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { countDeliveries, listDeliveries } from '../../core/outbox.js';
import { listDevOutbox } from '../../core/sms.js';
import { listDevWechatOutbox } from '../../core/wechat.js';
import { displayNames } from '../identity/index.js';
import { auditPage, auditQuery, deliveriesPage, deliveriesQuery, retryParams } from './admin.schemas.js';
import { retryDeadLetter } from './commands/retry-delivery.js';
import { exportAudit } from './queries/audit-workbook.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function adminRoutes(app: HttpApp, ctx: ModuleContext) {
  const tags = ['admin'];
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

  app.get(
    '/audit',
    {
      config: { access: 'admin.audit.view' },
      schema: {
        tags,
        summary: '审计日志：谁、何时、做了什么、为什么（按人、操作、对象、时间筛选）/ the audit trail, filtered',
        querystring: auditQuery,
        response: { 200: auditPage },
      },
    },
    async (req) => {
      const { before, limit, ...filter } = req.query;
      const [rows, total] = await Promise.all([
        listAudit(ctx.db, filter, { before, limit }),
        countAudit(ctx.db, filter),
      ]);
      const names = await displayNames(
        ctx.db,
        rows.flatMap((r) => (r.actorId === null ? [] : [r.actorId])),
      );
      const items = rows.map((r) => ({
        ...r,
        actorDisplayName: r.actorId === null ? null : (names.get(r.actorId) ?? null),
      }));
      return { items, total, next: rows.length === limit ? (rows.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/audit/actions',
    {
      config: { access: 'admin.audit.view' },
      schema: {
        tags,
        summary: '审计日志中出现过的操作 / the actions on record',
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async () => ({ items: await auditActions(ctx.db) }),
  );

  app.get(
    '/audit.xlsx',
    {
      config: { access: 'admin.audit.view' },
      schema: {
        tags,
        summary: '导出审计日志（导出本身记入审计）/ export the filtered trail; the export is audited',
        querystring: auditQuery.omit({ before: true, limit: true }),
      },
    },
    async (req, reply) => {
      const stream = await exportAudit(ctx, requireActor(req), req.query, meta(req));
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="audit.xlsx"').send(stream);
    },
  );

  app.get(
    '/events/deliveries',
    {
      config: { access: 'admin.events.manage' },
      schema: {
        tags,
        summary: '事件投递：待投递与失败（死信）/ event deliveries waiting or given up (dead letters)',
        querystring: deliveriesQuery,
        response: { 200: deliveriesPage },
      },
    },
    async (req) => {
      const [items, counts] = await Promise.all([listDeliveries(ctx.db, req.query), countDeliveries(ctx.db)]);
      return { items, counts, next: items.length === req.query.limit ? (items.at(-1)?.eventId ?? null) : null };
    },
  );

  app.post(
    '/events/:id/deliveries/:subscriber/retry',
    {
      config: { access: 'admin.events.manage' },
      schema: {
        tags,
        summary: '重新投递一条死信（记入审计）/ send a dead letter back to the relay, audited',
        params: retryParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await retryDeadLetter(ctx, requireActor(req), req.params.id, req.params.subscriber, meta(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/sms-outbox',
    {
      config: { access: 'admin.sms_outbox.view' },
      schema: {
        tags,
        summary: '开发短信发件箱：未真正发出的短信（仅开发替身网关）/ the development SMS outbox: texts never sent',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            gateway: z.enum(['dev_outbox', 'aliyun']),
            items: z.array(
              z.object({
                id: z.number(),
                at: z.string(),
                phoneMasked: z.string(),
                template: z.enum(['otp', 'notice']),
                text: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const gateway = ctx.config.sms.gateway;
      // with a real gateway nothing is kept here: texts went to phones, and their codes are nobody's to read
      const rows = gateway === 'dev_outbox' ? await listDevOutbox(ctx.db, req.query.limit) : [];
      return { gateway, items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
    },
  );

  app.get(
    '/wechat-outbox',
    {
      config: { access: 'admin.wechat_outbox.view' },
      schema: {
        tags,
        summary:
          '开发微信发件箱：未真正发出的模板消息（仅开发替身网关）/ the development WeChat outbox: messages never sent',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            gateway: z.enum(['dev', 'mp']),
            items: z.array(
              z.object({
                id: z.number(),
                at: z.string(),
                openidMasked: z.string(),
                template: z.enum(['notice']),
                data: z.record(z.string(), z.string()),
                url: z.string().nullable(),
                text: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const gateway = ctx.config.wechat.gateway;
      // with the real Official Account nothing is kept here: the messages went to people's WeChat
      const rows = gateway === 'dev' ? await listDevWechatOutbox(ctx.db, req.query.limit) : [];
      return { gateway, items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
    },
  );
}
