import type { PersonalDataCipher } from '../../../core/crypto.js';
import type { Queryable } from '../../../core/db.js';
import { resealTable } from '../../../core/reseal.js';

/** The registry's sealed data under the current key: people's ID numbers and phones (with their hashes), venue contacts. */
export async function resealRegistry(db: Queryable, cipher: PersonalDataCipher, onBatch?: (n: number) => void) {
  const people = await resealTable(
    db,
    cipher,
    'registry_people',
    [
      { enc: 'id_number_enc', hash: 'id_number_hash' },
      { enc: 'phone_enc', hash: 'phone_hash' },
    ],
    onBatch,
  );
  const venues = await resealTable(db, cipher, 'registry_venues', [{ enc: 'contact_phone_enc' }], onBatch);
  return { people, venues };
}
