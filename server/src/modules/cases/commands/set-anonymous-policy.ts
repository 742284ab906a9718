import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { scopePathOf } from '../../geo/index.js';
import { setAnonymousAllowed } from '../db/anonymous.repository.js';

/** A district administrator decides, for their own district, whether people without an account may report. */
export async function setAnonymousPolicy(
  db: Db,
  actor: Actor,
  districtCode: string,
  allowed: boolean,
  meta: { ip: string; id: string },
): Promise<{ anonymousReports: boolean }> {
  const path = await scopePathOf(db, districtCode);
  if (path === undefined || path.split('.').length !== 3)
    throw coreErrors.invalid({
      field: 'code',
      params: { reason: { 'zh-CN': '不是区县编码', en: 'not a district code' } },
    });
  if (!inScope(actor, path)) throw coreErrors.outOfScope({ field: 'code' });
  await db.transaction(async (tx) => {
    await setAnonymousAllowed(tx, districtCode, allowed, actor.id);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'cases.anonymous_policy_set',
      subject: `district:${districtCode}`,
      detail: { anonymousReports: allowed },
      ip: meta.ip,
      requestId: meta.id,
    });
  });
  return { anonymousReports: allowed };
}
