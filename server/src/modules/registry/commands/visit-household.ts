import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import {
  findVisit,
  getHousehold,
  type HouseholdUse,
  insertVisit,
  lockHousehold,
  moveOut,
  updateHousehold,
  type VisitRecord,
} from '../db/households.repository.js';
import { registryErrors } from '../registry.errors.js';
import { insertResident, type ResidentInput, sealResident } from './register-person.js';

export interface VisitInput {
  /** When the grid worker recorded it on the phone, which may be long before it reaches us. */
  recordedAt: string;
  /** The household's version the phone showed; a change of use made over a newer one is refused. */
  baseVersion: number;
  use?: HouseholdUse;
  note?: string;
  movedOut?: number[];
  newResidents?: ResidentInput[];
}

class RetriedVisit extends Error {}

/**
 * 入户走访: the grid worker's doorstep update of one household — its use, who moved out, who moved in, a note — all
 * or nothing, once per Idempotency-Key (the phone resends its queue when it is back online). Another person's newer
 * change of use is not silently overwritten: the phone is told, and the worker looks again.
 */
export async function visitHousehold(
  ctx: Pick<ModuleContext, 'db' | 'cipher'>,
  actor: Actor,
  householdId: number,
  input: VisitInput,
  idempotencyKey: string,
): Promise<{ visit: VisitRecord; replayed: boolean }> {
  const earlier = await findVisit(ctx.db, actor.id, idempotencyKey);
  if (earlier) {
    if (earlier.householdId !== householdId) throw registryErrors.keyReused({ field: 'Idempotency-Key' });
    return { visit: earlier, replayed: true };
  }
  const household = await getHousehold(ctx.db, householdId);
  if (!household) throw registryErrors.notFound({ field: 'householdId' });
  if (!inScope(actor, household.gridPath)) throw coreErrors.outOfScope({ field: 'householdId' });
  const newcomers = (input.newResidents ?? []).map((r, i) => ({
    person: sealResident(ctx.cipher, r, { householdId, gridPath: household.gridPath }, `newResidents.${i}.`),
    tags: r.tags,
  }));
  try {
    await ctx.db.transaction(async (tx) => {
      const h = await lockHousehold(tx, householdId);
      if (!h) throw registryErrors.notFound({ field: 'householdId' });
      // visits to one household take turns on its lock, so a twin of this request that got there first shows here
      if (await findVisit(tx, actor.id, idempotencyKey)) throw new RetriedVisit();
      const use = input.use ?? h.use;
      if (use !== h.use && input.baseVersion !== h.version) {
        throw registryErrors.householdChanged({ field: 'use', params: { version: h.version } });
      }
      const movedOut = await moveOut(tx, householdId, input.movedOut ?? []);
      const movedIn: number[] = [];
      for (const [i, n] of newcomers.entries()) {
        const id = await insertResident(tx, actor, n.person, n.tags);
        if (!id) throw registryErrors.duplicatePerson({ field: `newResidents.${i}.idNumber` });
        movedIn.push(id);
      }
      await updateHousehold(tx, householdId, use, input.recordedAt);
      const visitId = await insertVisit(tx, {
        householdId,
        actorId: actor.id,
        actorName: actor.displayName,
        idempotencyKey,
        recordedAt: input.recordedAt,
        useBefore: h.use,
        useAfter: use,
        note: input.note ?? null,
        movedOut,
        movedIn,
      });
      if (!visitId) throw new RetriedVisit();
      await writeAudit(tx, {
        actorId: actor.id,
        actorName: actor.username,
        action: 'registry.household_visited',
        subject: `household:${householdId}`,
        detail: { visitId, useBefore: h.use, useAfter: use, movedOut, movedIn },
      });
    });
  } catch (err) {
    // the same key sent twice at once: the other attempt committed, and its visit is the answer to both
    if (!(err instanceof RetriedVisit)) throw err;
    return { visit: (await findVisit(ctx.db, actor.id, idempotencyKey)) as VisitRecord, replayed: true };
  }
  return { visit: (await findVisit(ctx.db, actor.id, idempotencyKey)) as VisitRecord, replayed: false };
}
