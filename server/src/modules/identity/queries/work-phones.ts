import type { PersonalDataCipher } from '../../../core/crypto.js';
import type { Queryable } from '../../../core/db.js';
import { sealedWorkPhones } from '../db/identity.repository.js';

/**
 * The work phones of these staff members in full, for the public grid card. These numbers are published by design:
 * the grid station's poster and its QR card exist so that residents can call the people who answer for their grid.
 * Only work phones are ever handed out here, never a resident's own number; disabled accounts are left out.
 */
export async function publishedWorkPhones(
  db: Queryable,
  cipher: PersonalDataCipher,
  ids: number[],
): Promise<Map<number, string>> {
  const sealed = await sealedWorkPhones(db, ids);
  return new Map([...sealed].map(([id, enc]) => [id, cipher.decrypt(enc)]));
}
