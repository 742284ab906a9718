import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { scopePathOf } from '../../geo/index.js';
import { findOrg, type OrgRecord } from '../db/identity.repository.js';
import { insertOrg, updateOrg } from '../db/orgs.repository.js';
import {
  cleanServices,
  LEVEL_NAMES,
  levelOfPath,
  ORG_KIND_NAMES,
  ORG_LEVELS,
  type OrgKind,
} from '../domain/org-kinds.js';
import { identityErrors } from '../identity.errors.js';

type Meta = { ip?: string; requestId?: string };

/**
 * An org the administrator may manage: it exists and serves a region inside their scope. A street administrator
 * manages their street's teams, never the district's departments nor another street's team.
 */
export async function loadManageableOrg(db: Db, actor: Actor, code: string): Promise<OrgRecord> {
  const org = await findOrg(db, code);
  if (!org) throw identityErrors.orgNotFound({ field: 'code', params: { code } });
  if (!inScope(actor, org.regionPath)) throw coreErrors.outOfScope({ field: 'code' });
  return org;
}

/**
 * A new department (with the services it owns) in a district, a rapid-response team in a street, …, inside the
 * administrator's scope. Its code is `<region code>-<key>`, as the seeded ones are.
 */
export async function createOrg(
  db: Db,
  actor: Actor,
  input: { kind: OrgKind; regionCode: string; key: string; name: string; services?: string[] },
  meta: Meta,
) {
  const regionPath = await scopePathOf(db, input.regionCode);
  const level = regionPath === undefined ? undefined : levelOfPath(regionPath);
  if (regionPath === undefined || level === undefined)
    throw identityErrors.unknownScope({ field: 'regionCode', params: { code: input.regionCode } });
  if (!ORG_LEVELS[input.kind].includes(level)) {
    const wanted = ORG_LEVELS[input.kind][0] as keyof typeof LEVEL_NAMES;
    throw identityErrors.orgRegionLevel({
      field: 'regionCode',
      params: { kind: ORG_KIND_NAMES[input.kind], level: LEVEL_NAMES[wanted] },
    });
  }
  if (!inScope(actor, regionPath)) throw coreErrors.outOfScope({ field: 'regionCode' });
  const code = `${input.regionCode}-${input.key}`;
  const org = await db.transaction(async (tx) => {
    const created = await insertOrg(tx, {
      code,
      name: input.name,
      kind: input.kind,
      regionPath,
      services: cleanServices(input.services ?? []),
    });
    if (!created) throw identityErrors.orgCodeTaken({ field: 'key', params: { code } });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.org_created',
      subject: `org:${code}`,
      detail: { name: created.name, kind: created.kind, regionPath, services: created.services },
      ...meta,
    });
    return created;
  });
  return { org };
}

/** A new name, or the list of services a department owns. */
export async function changeOrg(
  db: Db,
  actor: Actor,
  code: string,
  patch: { name?: string; services?: string[] },
  meta: Meta,
) {
  const before = await loadManageableOrg(db, actor, code);
  const services = patch.services === undefined ? undefined : cleanServices(patch.services);
  const org = await db.transaction(async (tx) => {
    const after = await updateOrg(tx, code, { name: patch.name, services });
    if (!after) throw identityErrors.orgNotFound({ field: 'code', params: { code } });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.org_changed',
      subject: `org:${code}`,
      detail: {
        before: { name: before.name, services: before.services },
        after: { name: after.name, services: after.services },
      },
      ...meta,
    });
    return after;
  });
  return { org };
}
