import type { Queryable } from '../../../core/db.js';
import { findUserById, type UserRecord } from './identity.repository.js';

/** SQL on identity_phone_codes, and finding a user by the keyed hash of their number. */

export async function codeCounts(
  db: Queryable,
  phoneHash: string,
  ip: string,
): Promise<{ lastAt: Date | null; perPhone: number; perIp: number }> {
  const [row] = await db.query<{ lastAt: Date | null; perPhone: number; perIp: number }>(
    `SELECT (SELECT max(created_at) FROM identity_phone_codes WHERE phone_hash = $1) AS "lastAt",
       (SELECT count(*)::int FROM identity_phone_codes WHERE phone_hash = $1 AND created_at > now() - interval '1 hour')
         AS "perPhone",
       (SELECT count(*)::int FROM identity_phone_codes WHERE ip = $2 AND created_at > now() - interval '1 hour')
         AS "perIp"`,
    [phoneHash, ip],
  );
  return row ?? { lastAt: null, perPhone: 0, perIp: 0 };
}

export async function insertCode(
  db: Queryable,
  c: { phoneHash: string; codeHash: string; ip: string; ttlSeconds: number },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO identity_phone_codes (phone_hash, code_hash, ip, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING id::int AS id`,
    [c.phoneHash, c.codeHash, c.ip, c.ttlSeconds],
  );
  return (row as { id: number }).id;
}

export async function deleteCode(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM identity_phone_codes WHERE id = $1', [id]);
}

/** The newest code of any of these hashes still unused, unexpired and with tries left. */
export async function liveCode(
  db: Queryable,
  phoneHashes: string[],
  maxAttempts: number,
): Promise<{ id: number; phoneHash: string; codeHash: string } | undefined> {
  const [row] = await db.query<{ id: number; phoneHash: string; codeHash: string }>(
    `SELECT id::int AS id, phone_hash AS "phoneHash", code_hash AS "codeHash" FROM identity_phone_codes
     WHERE phone_hash = ANY($1::text[]) AND used_at IS NULL AND expires_at > now() AND attempts < $2
     ORDER BY created_at DESC LIMIT 1`,
    [phoneHashes, maxAttempts],
  );
  return row;
}

export async function countWrongTry(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE identity_phone_codes SET attempts = attempts + 1 WHERE id = $1', [id]);
}

/** Marks the code used; false when a parallel request used it first (a code signs in once). */
export async function spendCode(db: Queryable, id: number): Promise<boolean> {
  const rows = await db.query(
    'UPDATE identity_phone_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id',
    [id],
  );
  return rows.length === 1;
}

export async function findUserByPhone(db: Queryable, phoneHashes: string[]): Promise<UserRecord | undefined> {
  const [row] = await db.query<{ id: number }>(
    'SELECT id::int AS id FROM identity_users WHERE phone_hash = ANY($1::text[]) LIMIT 1',
    [phoneHashes],
  );
  return row ? findUserById(db, row.id) : undefined;
}

export async function setPhone(db: Queryable, id: number, phoneHash: string, phoneEnc: string): Promise<void> {
  await db.query('UPDATE identity_users SET phone_hash = $2, phone_enc = $3 WHERE id = $1', [id, phoneHash, phoneEnc]);
}

/** The sealed mobile numbers of these users, for a module that texts them; users without one are left out. */
export async function sealedPhones(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.query<{ id: number; enc: string }>(
    'SELECT id::int AS id, phone_enc AS enc FROM identity_users WHERE id = ANY($1::bigint[]) AND phone_enc IS NOT NULL',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.enc]));
}
