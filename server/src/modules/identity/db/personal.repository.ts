import type { Queryable } from '../../../core/db.js';

/** SQL on a user's own sealed personal data in identity_users: their number, real name and ID number. */

export interface SealedPersonal {
  phoneEnc: string | null;
  realNameEnc: string | null;
  idNumberEnc: string | null;
}

export async function sealedPersonal(db: Queryable, userId: number): Promise<SealedPersonal | undefined> {
  const [row] = await db.query<SealedPersonal & Record<string, unknown>>(
    `SELECT phone_enc AS "phoneEnc", real_name_enc AS "realNameEnc", id_number_enc AS "idNumberEnc"
     FROM identity_users WHERE id = $1`,
    [userId],
  );
  return row;
}

/** Another account already bound to this ID number (its hash under any key), if there is one. */
export async function otherHolderOfIdNumber(db: Queryable, userId: number, hashes: string[]): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM identity_users WHERE id_number_hash = ANY($1::text[]) AND id <> $2 LIMIT 1',
    [hashes, userId],
  );
  return rows.length > 0;
}

/** Sets or, with nulls, removes a real name: the sealed name, the sealed ID number and its keyed hash together. */
export async function setRealName(
  db: Queryable,
  userId: number,
  sealed: { realNameEnc: string; idNumberEnc: string; idNumberHash: string } | null,
): Promise<void> {
  await db.query(
    'UPDATE identity_users SET real_name_enc = $2, id_number_enc = $3, id_number_hash = $4 WHERE id = $1',
    [userId, sealed?.realNameEnc ?? null, sealed?.idNumberEnc ?? null, sealed?.idNumberHash ?? null],
  );
}
