import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { changePassword } from './commands/change-password.js';
import { changeUser, createUser, resetPassword, unlockUser } from './commands/manage-users.js';
import { signInByPhonePassword } from './commands/phone-password-sign-in.js';
import { sendPhoneCode, signInByPhone } from './commands/phone-sign-in.js';
import { signIn } from './commands/sign-in.js';
import { signOut } from './commands/sign-out.js';
import { SESSION_COOKIE } from './identity.hooks.js';
import {
  adminUserSchema,
  changePasswordBody,
  changeUserBody,
  createUserBody,
  listUsersQuery,
  orgSchema,
  phoneCodeBody,
  phonePasswordSessionBody,
  phoneSessionBody,
  signInBody,
  tokenBody,
  userSchema,
  usersPage,
} from './identity.schemas.js';
import { meRoutes } from './me.routes.js';
import { orgRoutes } from './orgs.routes.js';
import { getMe, listOrgs, listUsers } from './queries/resolve-actor.js';
import { rosterRoutes } from './roster.routes.js';
import { wechatRoutes } from './wechat.routes.js';

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export async function identityRoutes(app: HttpApp, ctx: ModuleContext) {
  const { db, config } = ctx;
  const tags = ['identity'];
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

  app.post(
    '/sessions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '控制台登录（会话 Cookie）/ console sign-in, sets the session cookie',
        security: [],
        body: signInBody,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (req, reply) => {
      const { token, expiresAt, user } = await signIn(db, config, { ...req.body, kind: 'cookie' }, meta(req));
      setSessionCookie(req, reply, token, expiresAt);
      return { user };
    },
  );

  app.post(
    '/phone-codes',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '发送手机验证码（注册或登录）/ text a sign-up or sign-in code to a mobile number',
        security: [],
        body: phoneCodeBody,
        response: { 200: z.object({ expiresInSeconds: z.number(), resendAfterSeconds: z.number() }) },
      },
    },
    async (req) => sendPhoneCode(ctx, req.body.phone, meta(req)),
  );

  app.post(
    '/phone-sessions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '手机号 + 验证码登录，首次即注册为居民 / sign in with the code; the first time signs a resident up',
        security: [],
        body: phoneSessionBody,
        response: { 200: z.object({ user: userSchema, created: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const { token, expiresAt, user, created } = await signInByPhone(ctx, { ...req.body, kind: 'cookie' }, meta(req));
      setSessionCookie(req, reply, token, expiresAt);
      return { user, created };
    },
  );

  app.post(
    '/phone-password-sessions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '居民手机号 + 密码登录（已设置密码者）/ a resident signs in with their number and password',
        security: [],
        body: phonePasswordSessionBody,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (req, reply) => {
      const { token, expiresAt, user } = await signInByPhonePassword(ctx, { ...req.body, kind: 'cookie' }, meta(req));
      setSessionCookie(req, reply, token, expiresAt);
      return { user };
    },
  );

  app.post(
    '/tokens',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '为 API 客户端签发令牌 / issue a bearer token for an API client',
        security: [],
        body: tokenBody,
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }) },
      },
    },
    async (req) => {
      const { token, expiresAt, user } = await signIn(
        db,
        config,
        {
          username: req.body.username,
          password: req.body.password,
          kind: 'bearer',
          tokenName: req.body.name,
          ttlHours: req.body.ttlDays * 24,
        },
        meta(req),
      );
      return { token, expiresAt: new Date(expiresAt).toISOString(), user };
    },
  );

  app.delete(
    '/sessions/current',
    { config: { access: 'signed_in' }, schema: { tags, summary: '退出登录 / sign out', response: { 204: z.null() } } },
    async (req, reply) => {
      await signOut(db, requireActor(req), meta(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '当前用户及其可做的事 / who am I, and what I may do',
        response: { 200: z.object({ user: userSchema, abilities: z.array(z.string()) }) },
      },
    },
    async (req) => getMe(ctx, requireActor(req)),
  );

  app.post(
    '/password',
    {
      config: { access: 'signed_in' },
      schema: { tags, summary: '修改密码 / change password', body: changePasswordBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await changePassword(db, requireActor(req), req.body, meta(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/users',
    {
      config: { access: 'identity.user.manage' },
      schema: {
        tags,
        summary: '管辖范围内的用户 / users within your scope',
        querystring: listUsersQuery,
        response: { 200: usersPage },
      },
    },
    async (req) => listUsers(db, requireActor(req), req.query),
  );

  app.post(
    '/users',
    {
      config: { access: 'identity.user.manage' },
      schema: {
        tags,
        summary: '创建用户（返回一次性密码）/ create a user, returns a one-time password',
        body: createUserBody,
        response: { 200: z.object({ user: adminUserSchema, oneTimePassword: z.string() }) },
      },
    },
    async (req) => createUser(ctx, requireActor(req), req.body, meta(req)),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'identity.user.manage' },
      schema: {
        tags,
        summary: '修改用户姓名、角色、范围、部门、工作电话，停用或启用 / change, disable or enable a user',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: changeUserBody,
        response: { 200: z.object({ user: adminUserSchema }) },
      },
    },
    async (req) => changeUser(ctx, requireActor(req), req.params.id, req.body, meta(req)),
  );

  app.post(
    '/users/:id/reset-password',
    {
      config: { access: 'identity.user.manage' },
      schema: {
        tags,
        summary: '重置密码并解锁（返回一次性密码）/ reset password and unlock',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ oneTimePassword: z.string() }) },
      },
    },
    async (req) => resetPassword(db, requireActor(req), req.params.id, meta(req)),
  );

  app.post(
    '/users/:id/unlock',
    {
      config: { access: 'identity.user.manage' },
      schema: {
        tags,
        summary: '解锁账号（保留密码）/ let every address back into an account, keeping its password',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await unlockUser(db, requireActor(req), req.params.id, meta(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/orgs',
    {
      config: { access: 'identity.org.view' },
      schema: {
        tags,
        summary: '部门与快速处置队（可派遣、可吹哨）/ departments and teams cases can go to',
        response: { 200: z.object({ items: z.array(orgSchema) }) },
      },
    },
    async (req) => listOrgs(db, requireActor(req)),
  );

  meRoutes(app, ctx);
  orgRoutes(app, ctx);
  wechatRoutes(app, ctx);
  // the roster upload's multipart parser stays with it
  await app.register(async (scoped) => rosterRoutes(scoped as HttpApp, ctx));
}
