import { z } from 'zod';
import { type Actor, districtOf, inScope } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { districtPathOf, scopePathOf } from '../../geo/index.js';

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

/** The area asked for, which must lie inside the actor's scope; the actor's whole scope when none is given. */
export async function areaOf(db: Queryable, actor: Actor, regionCode?: string): Promise<string> {
  if (!regionCode) return actor.scopePath;
  const path = await scopePathOf(db, regionCode);
  if (path === undefined) throw coreErrors.invalid({ field: 'regionCode', params: { reason: regionCode } });
  if (!inScope(actor, path) && !actor.scopePath.startsWith(`${path}.`)) throw coreErrors.outOfScope();
  return path;
}

/** The district a configuration is read or changed for: the one named, else the caller's own ('' above every district). */
export async function districtOfRequest(db: Queryable, actor: Actor, districtCode?: string): Promise<string> {
  return districtCode ? districtPathOf(db, districtCode, 'districtCode') : districtOf(actor.scopePath);
}
