import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { isMobilePhone, maskPhone, type PersonalDataCipher } from '../../../core/crypto.js';
import type { Queryable } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { birthDateOf, ID_NUMBER_REASONS, idNumberProblem, maskIdNumber, sexOf } from '../../../core/id-number.js';
import type { ModuleContext } from '../../../core/module.js';
import { getHousehold } from '../db/households.repository.js';
import { insertPerson, type NewPerson, setTags } from '../db/people.repository.js';
import { ageTags, contradictedAgeTag, type PersonTag } from '../domain/tags.js';
import { registryErrors } from '../registry.errors.js';

export interface ResidentInput {
  name: string;
  idNumber: string;
  phone?: string;
  registered: boolean;
  tags?: { tag: PersonTag; detail?: string }[];
}

export interface PersonInput extends ResidentInput {
  householdId: number;
}

/**
 * The ID number is checked (GB 11643) and never kept in the clear — sealed with the data key, findable by a keyed
 * hash, shown masked. Birth date and sex follow from it. `field` prefixes the names in errors (newResidents.0.).
 */
export function sealResident(
  cipher: PersonalDataCipher,
  input: ResidentInput,
  place: { householdId: number; gridPath: string },
  field = '',
): NewPerson {
  const idNumber = input.idNumber.toUpperCase();
  const problem = idNumberProblem(idNumber);
  if (problem) {
    throw registryErrors.badIdNumber({ field: `${field}idNumber`, params: { reason: ID_NUMBER_REASONS[problem] } });
  }
  if (input.phone && !isMobilePhone(input.phone)) {
    throw coreErrors.invalid({
      field: `${field}phone`,
      params: { reason: { 'zh-CN': '应为 11 位手机号', en: 'must be an 11-digit mobile number' } },
    });
  }
  const birthDate = birthDateOf(idNumber);
  const contradicted = (input.tags ?? []).findIndex((t) => contradictedAgeTag(t.tag, birthDate));
  if (contradicted >= 0) throw registryErrors.tagContradictsAge({ field: `${field}tags.${contradicted}.tag` });
  return {
    name: input.name,
    idNumberEnc: cipher.encrypt(idNumber),
    idNumberHash: cipher.searchHash(idNumber),
    retiredIdHashes: cipher.retiredHashes(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    phoneEnc: input.phone ? cipher.encrypt(input.phone) : null,
    phoneHash: input.phone ? cipher.searchHash(input.phone) : null,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    birthDate,
    sex: sexOf(idNumber),
    householdId: place.householdId,
    registered: input.registered,
    gridPath: place.gridPath,
  };
}

/** Writes a sealed resident with the age tags and the typed ones; undefined when the ID number is registered. */
export async function insertResident(
  tx: Queryable,
  actor: Actor,
  person: NewPerson,
  tags: ResidentInput['tags'],
): Promise<number | undefined> {
  const id = await insertPerson(tx, person);
  if (!id) return undefined;
  const derived = ageTags(person.birthDate).map((tag) => ({ tag }));
  const typed = (tags ?? []).filter((t) => t.tag !== 'elderly' && t.tag !== 'minor');
  await setTags(tx, id, [...derived, ...typed], actor.id);
  await writeAudit(tx, {
    actorId: actor.id,
    actorName: actor.username,
    action: 'registry.person_registered',
    subject: `person:${id}`,
  });
  return id;
}

/** 实有人口登记 into a household of the actor's scope. */
export async function registerPerson(ctx: Pick<ModuleContext, 'db' | 'cipher'>, actor: Actor, input: PersonInput) {
  const household = await getHousehold(ctx.db, input.householdId);
  const person = sealResident(ctx.cipher, input, {
    householdId: input.householdId,
    gridPath: household?.gridPath ?? '',
  });
  if (!household) throw registryErrors.notFound({ field: 'householdId' });
  if (!inScope(actor, household.gridPath)) throw coreErrors.outOfScope({ field: 'householdId' });
  return ctx.db.transaction(async (tx) => {
    const id = await insertResident(tx, actor, person, input.tags);
    if (!id) throw registryErrors.duplicatePerson({ field: 'idNumber' });
    return id;
  });
}
