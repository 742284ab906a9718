import type { Actor } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { areaNames } from '../../geo/index.js';
import { loadManageableOrg } from '../commands/manage-orgs.js';
import { listMembers, listOrgsInside } from '../db/orgs.repository.js';
import type { OrgKind } from '../domain/org-kinds.js';
import { presentUsersForAdmin } from '../identity.presenter.js';

const regionCodeOf = (path: string) => path.split('.').at(-1) ?? '';

/** The orgs an administrator manages (whose region lies inside their scope), with head counts and region names. */
export async function listManagedOrgs(db: Db, actor: Actor) {
  const orgs = await listOrgsInside(db, actor.scopePath);
  const names = await areaNames(db, [...new Set(orgs.map((o) => regionCodeOf(o.regionPath)))]);
  return {
    items: orgs.map((o) => ({
      ...o,
      kind: o.kind as OrgKind,
      regionCode: regionCodeOf(o.regionPath),
      regionName: names.get(regionCodeOf(o.regionPath)) ?? null,
    })),
  };
}

/** One org and its members, those on duty first. */
export async function getManagedOrg(db: Db, actor: Actor, code: string) {
  const org = await loadManageableOrg(db, actor, code);
  const regionCode = regionCodeOf(org.regionPath);
  const names = await areaNames(db, [regionCode]);
  const members = await presentUsersForAdmin(db, await listMembers(db, code));
  return {
    org: {
      ...org,
      kind: org.kind as OrgKind,
      services: org.services ?? [],
      regionCode,
      regionName: names.get(regionCode) ?? null,
    },
    members,
  };
}
