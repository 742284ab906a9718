import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { sendOwnCode, setOwnPassword } from './commands/set-own-password.js';
import { giveRealName, removeRealName } from './commands/set-real-name.js';
import { ownPasswordBody, profileSchema, realNameBody } from './identity.schemas.js';
import { getProfile } from './queries/get-profile.js';

/** A person's own account, `/api/identity/me/…`: nobody reaches anyone else's through these. */
export function meRoutes(app: HttpApp, ctx: ModuleContext) {
  const tags = ['identity'];
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

  app.get(
    '/me/profile',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary:
          '我的手机号、实名（脱敏）与是否设置了密码 / my number and real name, masked; whether I have a password',
        response: { 200: profileSchema },
      },
    },
    async (req) => getProfile(ctx, requireActor(req)),
  );

  app.post(
    '/me/phone-codes',
    {
      config: { access: 'identity.me.manage' },
      schema: {
        tags,
        summary: '向本人手机号发送验证码（设置密码用）/ text a code to my own number, to set a password',
        response: { 200: z.object({ expiresInSeconds: z.number(), resendAfterSeconds: z.number() }) },
      },
    },
    async (req) => sendOwnCode(ctx, requireActor(req), meta(req)),
  );

  app.put(
    '/me/password',
    {
      config: { access: 'identity.me.manage' },
      schema: {
        tags,
        summary:
          '设置或修改密码：首次须短信验证码，之后当前密码或验证码 / set a password (first: a texted code; later: the current password or a code)',
        body: ownPasswordBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await setOwnPassword(ctx, requireActor(req), req.body, meta(req));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/me/real-name',
    {
      config: { access: 'identity.me.manage' },
      schema: {
        tags,
        summary:
          '实名认证：姓名 + 身份证号（GB 11643 校验，加密保存）/ real name: name and ID number, checked and sealed',
        body: realNameBody,
        response: { 200: profileSchema },
      },
    },
    async (req) => {
      await giveRealName(ctx, requireActor(req), req.body, meta(req));
      return getProfile(ctx, requireActor(req));
    },
  );

  app.delete(
    '/me/real-name',
    {
      config: { access: 'identity.me.manage' },
      schema: { tags, summary: '删除实名信息 / remove my real name', response: { 200: profileSchema } },
    },
    async (req) => {
      await removeRealName(ctx, requireActor(req), meta(req));
      return getProfile(ctx, requireActor(req));
    },
  );
}
