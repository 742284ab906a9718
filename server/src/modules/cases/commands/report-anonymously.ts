import type { ModuleContext } from '../../../core/module.js';
import type { GridLocator } from '../../geo/index.js';
import { serviceActor } from '../../identity/index.js';
import { casesErrors } from '../cases.errors.js';
import { anonymousAllowed, noteAnonymous, recentAnonymous } from '../db/anonymous.repository.js';
import { type ReportInput, reportCase } from './report-case.js';

/** Reports a number may send in a day and an address in an hour without an account. */
export const ANONYMOUS_LIMITS = { perPhoneDay: 3, perIpHour: 10 };

/**
 * 匿名反映: a resident who will not sign up reports with a contact number, where the district allows it. The case is
 * filed under a service account that can never sign in; the number is sealed and hears every step back by SMS. Limited
 * per number and per address, since nobody vouches for the sender.
 */
export async function reportAnonymously(
  ctx: Pick<ModuleContext, 'db' | 'events' | 'cipher'>,
  locator: GridLocator,
  input: Omit<ReportInput, 'contact' | 'anonymous' | 'viaHotline' | 'fromDevice' | 'mediaIds'> & { phone: string },
  meta: { ip: string; idempotencyKey?: string },
): Promise<{ caseId: number; created: boolean }> {
  const grid = locator.findHandlingGrid(input.location.lng, input.location.lat, input.location.crs);
  if (!grid) throw casesErrors.outsideGrids({ field: 'location' });
  const district = grid.path.split('.')[2] ?? '';
  if (!(await anonymousAllowed(ctx.db, district))) throw casesErrors.anonymousRefused();
  const phoneHash = ctx.cipher.searchHash(input.phone);
  const recent = await recentAnonymous(ctx.db, meta.ip, phoneHash);
  if (recent.perPhone >= ANONYMOUS_LIMITS.perPhoneDay)
    throw casesErrors.tooManyAnonymous({ field: 'phone', params: { hours: 24 } });
  if (recent.perIp >= ANONYMOUS_LIMITS.perIpHour) throw casesErrors.tooManyAnonymous({ params: { hours: 1 } });
  const actor = await serviceActor(ctx.db, 'anonymous', '匿名居民');
  const outcome = await reportCase(
    ctx,
    locator,
    actor,
    { ...input, contact: { phone: input.phone }, withoutAccount: true },
    // one service account files for everyone: a retry key is the sender's own only together with their number
    meta.idempotencyKey ? `${phoneHash.slice(0, 24)}:${meta.idempotencyKey}` : undefined,
  );
  if (outcome.created) await noteAnonymous(ctx.db, meta.ip, phoneHash);
  return outcome;
}
