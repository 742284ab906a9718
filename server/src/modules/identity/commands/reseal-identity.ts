import type { PersonalDataCipher } from '../../../core/crypto.js';
import type { Queryable } from '../../../core/db.js';
import { resealTable } from '../../../core/reseal.js';

/**
 * Residents' mobile numbers (and the real names and ID numbers sealed beside them), staff's work phones and everyone's
 * WeChat openid under the current data key.
 */
export const resealIdentity = (db: Queryable, cipher: PersonalDataCipher, onBatch?: (n: number) => void) =>
  resealTable(
    db,
    cipher,
    'identity_users',
    [
      { enc: 'phone_enc', hash: 'phone_hash' },
      { enc: 'real_name_enc' },
      { enc: 'id_number_enc', hash: 'id_number_hash' },
      { enc: 'work_phone_enc' },
      { enc: 'wechat_openid_enc', hash: 'wechat_openid_hash' },
    ],
    onBatch,
  );
