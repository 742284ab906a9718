import type { PersonalDataCipher } from '../../../core/crypto.js';
import type { Queryable } from '../../../core/db.js';
import { resealTable } from '../../../core/reseal.js';

/** Reporters' phone numbers under the current data key. */
export const resealCases = (db: Queryable, cipher: PersonalDataCipher, onBatch?: (n: number) => void) =>
  resealTable(db, cipher, 'cases_cases', [{ enc: 'reporter_phone_enc' }], onBatch);
