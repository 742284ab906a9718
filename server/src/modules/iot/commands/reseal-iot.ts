import type { PersonalDataCipher } from '../../../core/crypto.js';
import type { Queryable } from '../../../core/db.js';
import { resealTable } from '../../../core/reseal.js';

/** Device contacts' phone numbers under the current data key. */
export const resealIot = (db: Queryable, cipher: PersonalDataCipher, onBatch?: (n: number) => void) =>
  resealTable(db, cipher, 'iot_devices', [{ enc: 'contact_enc' }], onBatch);
