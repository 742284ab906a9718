import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { queryBoolean } from '../../core/schemas.js';
import { readMessage } from './commands/mark-read.js';
import { choosePreferences } from './commands/set-preferences.js';
import { getPreferences, listMessages, listSteps } from './db/notify.repository.js';
import { type LiveSender, presentMessage } from './senders.js';

const messageSchema = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  subject: z.string().nullable(),
  read: z.boolean(),
});

const stepSchema = z.object({
  id: z.number(),
  at: z.string(),
  subject: z.string(),
  step: z.string(),
  targetName: z.string(),
  /** 0: nobody was there to tell, an error; the step was raised to `raisedToName` if anyone could be found. */
  recipients: z.number(),
  raisedFrom: z.string().nullable(),
  raisedToName: z.string().nullable(),
});

/** Everyone has their own messages; nobody sees anyone else's. */
export function notifyRoutes(app: HttpApp, ctx: ModuleContext, live: LiveSender) {
  const tags = ['notify'];
  // open event streams never end by themselves: end them so the server can close
  app.addHook('preClose', async () => live.closeAll());

  app.get(
    '/messages',
    {
      config: { access: 'notify.inbox' },
      schema: {
        tags,
        summary: '我的消息 / my messages',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          unread: queryBoolean,
        }),
        response: { 200: z.object({ items: z.array(messageSchema), unread: z.number() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { items, unread } = await listMessages(ctx.db, actor.id, req.query.limit, req.query.unread);
      return { items: items.map(presentMessage), unread };
    },
  );

  app.post(
    '/messages/:id/read',
    {
      config: { access: 'notify.inbox' },
      schema: {
        tags,
        summary: '标记已读 / mark as read',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await readMessage(ctx.db, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/stream',
    {
      config: { access: 'notify.inbox' },
      schema: { tags, summary: '实时消息（server-sent events）/ live messages over SSE' },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      reply.raw.write(': connected\n\n');
      const detach = live.attach(actor.id, reply.raw);
      // a comment line now and then keeps proxies from closing an idle stream
      const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
      req.raw.on('close', () => {
        clearInterval(keepAlive);
        detach();
      });
    },
  );

  app.get(
    '/steps',
    {
      config: { access: 'notify.steps.view' },
      schema: {
        tags,
        summary: '每一步通知到了谁（无人接收的标红上报）/ whom each step reached; steps that reached nobody',
        querystring: z.object({
          subject: z
            .string()
            .regex(/^(case|alarm):\d+$/, 'case:<id> or alarm:<id>')
            .optional(),
          unreached: queryBoolean,
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(stepSchema) }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await listSteps(ctx.db, actor.scopePath, {
        subject: req.query.subject,
        unreachedOnly: req.query.unreached,
        limit: req.query.limit,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          subject: r.subject,
          step: r.step,
          targetName: r.targetName,
          recipients: r.recipients,
          raisedFrom: r.raisedFrom,
          raisedToName: r.raisedToName,
        })),
      };
    },
  );

  const preferences = z.object({
    sms: z.boolean(),
    /** WeChat template messages; they reach only someone who bound their WeChat (我的 › 微信提醒). */
    wechat: z.boolean(),
    /** minutes after midnight, China Standard Time */
    quietFrom: z.number().int().min(0).max(1439),
    quietTo: z.number().int().min(0).max(1439),
  });

  app.get(
    '/preferences',
    {
      config: { access: 'notify.inbox' },
      schema: { tags, summary: '我的提醒方式 / how I am reached', response: { 200: preferences } },
    },
    async (req) => getPreferences(ctx.db, requireActor(req).id, ctx.config.notify.quietHours),
  );

  app.put(
    '/preferences',
    {
      config: { access: 'notify.inbox' },
      schema: {
        tags,
        summary: '设置短信、微信提醒与免打扰时段（火警不受限）/ SMS and WeChat on or off, quiet hours (fire excepted)',
        // a client that knows nothing of WeChat yet keeps the person's WeChat choice as it is
        body: preferences.extend({ wechat: z.boolean().optional() }),
        response: { 200: preferences },
      },
    },
    async (req) => {
      await choosePreferences(ctx.db, requireActor(req), req.body, ctx.config.notify.quietHours);
      return getPreferences(ctx.db, requireActor(req).id, ctx.config.notify.quietHours);
    },
  );
}
