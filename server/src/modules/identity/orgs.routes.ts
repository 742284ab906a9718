import { z } from 'zod';
import { requireActor } from '../../core/auth.js';
import type { HttpApp } from '../../core/http.js';
import type { ModuleContext } from '../../core/module.js';
import { addMember, changeMember, removeMember } from './commands/manage-org-members.js';
import { changeOrg, createOrg } from './commands/manage-orgs.js';
import {
  addMemberBody,
  adminUserSchema,
  changeMemberBody,
  changeOrgBody,
  createOrgBody,
  managedOrgSchema,
  memberParams,
  orgDetailSchema,
  orgParams,
  orgSchema,
} from './identity.schemas.js';
import { getManagedOrg, listManagedOrgs } from './queries/list-orgs.js';

/** 组织与队伍: the orgs an administrator manages, their members, full/part-time and who is on duty. */
export function orgRoutes(app: HttpApp, ctx: ModuleContext) {
  const { db } = ctx;
  const tags = ['identity'];
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

  app.get(
    '/orgs/managed',
    {
      config: { access: 'identity.org.manage' },
      schema: {
        tags,
        summary: '管辖范围内的部门与队伍及人数 / the orgs you manage, with head counts',
        response: { 200: z.object({ items: z.array(managedOrgSchema) }) },
      },
    },
    async (req) => listManagedOrgs(db, requireActor(req)),
  );

  app.post(
    '/orgs',
    {
      config: { access: 'identity.org.manage' },
      schema: {
        tags,
        summary: '新建部门（及其服务事项）或队伍 / create a department (with its services) or a team',
        body: createOrgBody,
        response: { 200: z.object({ org: orgSchema }) },
      },
    },
    async (req) => createOrg(db, requireActor(req), req.body, meta(req)),
  );

  app.get(
    '/orgs/:code',
    {
      config: { access: 'identity.org.manage' },
      schema: {
        tags,
        summary: '部门或队伍及其成员 / an org and its members',
        params: orgParams,
        response: { 200: orgDetailSchema },
      },
    },
    async (req) => getManagedOrg(db, requireActor(req), req.params.code),
  );

  app.patch(
    '/orgs/:code',
    {
      config: { access: 'identity.org.manage' },
      schema: {
        tags,
        summary: '修改名称或服务事项 / rename an org or change its services',
        params: orgParams,
        body: changeOrgBody,
        response: { 200: z.object({ org: orgSchema }) },
      },
    },
    async (req) => changeOrg(db, requireActor(req), req.params.code, req.body, meta(req)),
  );

  app.put(
    '/orgs/:code/members/:id',
    {
      config: { access: 'identity.org.manage' },
      schema: {
        tags,
        summary: '将已有账号加入部门或队伍 / add an existing account to the org',
        params: memberParams,
        body: addMemberBody,
        response: { 200: z.object({ member: adminUserSchema }) },
      },
    },
    async (req) => addMember(db, requireActor(req), req.params.code, req.params.id, req.body, meta(req)),
  );

  app.patch(
    '/orgs/:code/members/:id',
    {
      config: { access: 'identity.org.manage' },
      schema: {
        tags,
        summary: '专职或兼职、是否在岗 / full-time or part-time, on duty or not',
        params: memberParams,
        body: changeMemberBody,
        response: { 200: z.object({ member: adminUserSchema }) },
      },
    },
    async (req) => changeMember(db, requireActor(req), req.params.code, req.params.id, req.body, meta(req)),
  );

  app.delete(
    '/orgs/:code/members/:id',
    {
      config: { access: 'identity.org.manage' },
      schema: {
        tags,
        summary: '移出部门或队伍 / remove a member from the org',
        params: memberParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeMember(db, requireActor(req), req.params.code, req.params.id, meta(req));
      return reply.status(204).send(null);
    },
  );
}
