import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { bindWechat, unbindWechat } from './commands/bind-wechat.js';
import { wechatBoundAt } from './db/wechat.repository.js';

const binding = z.object({
  bound: z.boolean(),
  boundAt: z.string().nullable(),
  /** dev: the development stand-in (nothing reaches WeChat); mp: the Official Account. */
  gateway: z.enum(['dev', 'mp']),
  /** Where the phone goes to authorise; WeChat comes back to /m?wechat=bind with `code` and the `state` given. */
  authorizeUrl: z.string(),
});

/** Each person binds and unbinds their own WeChat; nobody does it for another. */
export function wechatRoutes(app: HttpApp, ctx: ModuleContext) {
  const tags = ['identity'];
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

  const present = async (userId: number, state: string) => {
    const at = await wechatBoundAt(ctx.db, userId);
    return {
      bound: at !== null,
      boundAt: at ? new Date(at).toISOString() : null,
      gateway: ctx.wechat.name,
      authorizeUrl: ctx.wechat.authorizeUrl(`${ctx.config.publicUrl}/m?wechat=bind`, state),
    };
  };

  app.get(
    '/wechat-binding',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '我的微信绑定与授权地址 / my WeChat binding, and where to authorise',
        querystring: z.object({
          /** The phone's own random value, checked when WeChat comes back, so nobody can bind their WeChat to you. */
          state: z.string().regex(/^[A-Za-z0-9]{8,64}$/, '8–64 letters or digits'),
        }),
        response: { 200: binding },
      },
    },
    async (req) => present(requireActor(req).id, req.query.state),
  );

  app.post(
    '/wechat-binding',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '微信授权回调：以授权码绑定微信 / the WeChat authorisation callback: bind by its code',
        body: z.object({ code: z.string().trim().min(1).max(128) }),
        response: { 200: z.object({ bound: z.literal(true) }) },
      },
    },
    async (req) => {
      await bindWechat(ctx, requireActor(req), req.body.code, meta(req));
      return { bound: true as const };
    },
  );

  app.delete(
    '/wechat-binding',
    {
      config: { access: 'signed_in' },
      schema: { tags, summary: '解除微信绑定 / unbind my WeChat', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await unbindWechat(ctx, requireActor(req), meta(req));
      return reply.status(204).send(null);
    },
  );
}
