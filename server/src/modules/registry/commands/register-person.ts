import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { isMobilePhone, maskPhone } from '../../../core/crypto.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { getHousehold, insertPerson, setTags } from '../db/registry.repository.js';
import { birthDateOf, idNumberProblem, maskIdNumber, sexOf } from '../domain/id-number.js';
import { ageTags, type PersonTag } from '../domain/tags.js';
import { ID_REASONS, registryErrors } from '../registry.errors.js';

export interface PersonInput {
  name: string;
  idNumber: string;
  phone?: string;
  householdId: number;
  registered: boolean;
  tags?: { tag: PersonTag; detail?: string }[];
}

/**
 * 实有人口登记: the ID number is checked (GB 11643) and never stored in the clear — sealed with the data key,
 * findable by a keyed hash, shown masked. Birth date, sex and the age tags follow from it.
 */
export async function registerPerson(ctx: Pick<ModuleContext, 'db' | 'cipher'>, actor: Actor, input: PersonInput) {
  const idNumber = input.idNumber.toUpperCase();
  const problem = idNumberProblem(idNumber);
  if (problem) throw registryErrors.badIdNumber({ field: 'idNumber', params: { reason: ID_REASONS[problem] } });
  if (input.phone && !isMobilePhone(input.phone)) {
    throw coreErrors.invalid({
      field: 'phone',
      params: { reason: { 'zh-CN': '应为 11 位手机号', en: 'must be an 11-digit mobile number' } },
    });
  }
  const household = await getHousehold(ctx.db, input.householdId);
  if (!household) throw registryErrors.notFound({ field: 'householdId' });
  if (!inScope(actor, household.gridPath)) throw coreErrors.outOfScope({ field: 'householdId' });
  const birthDate = birthDateOf(idNumber);
  return ctx.db.transaction(async (tx) => {
    const id = await insertPerson(tx, {
      name: input.name,
      idNumberEnc: ctx.cipher.encrypt(idNumber),
      idNumberHash: ctx.cipher.searchHash(idNumber),
      retiredIdHashes: ctx.cipher.retiredHashes(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      phoneEnc: input.phone ? ctx.cipher.encrypt(input.phone) : null,
      phoneHash: input.phone ? ctx.cipher.searchHash(input.phone) : null,
      phoneMasked: input.phone ? maskPhone(input.phone) : null,
      birthDate,
      sex: sexOf(idNumber),
      householdId: household.id,
      registered: input.registered,
      gridPath: household.gridPath,
    });
    if (!id) throw registryErrors.duplicatePerson({ field: 'idNumber' });
    const derived = ageTags(birthDate).map((tag) => ({ tag }));
    const typed = (input.tags ?? []).filter((t) => t.tag !== 'elderly' && t.tag !== 'minor');
    await setTags(tx, id, [...derived, ...typed], actor.id);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.person_registered',
      subject: `person:${id}`,
    });
    return id;
  });
}
