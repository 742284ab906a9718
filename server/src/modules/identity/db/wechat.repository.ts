import type { Queryable } from '../../../core/db.js';

/** SQL on identity_users' WeChat binding: the openid sealed, found by its keyed hash. */

/** The account another WeChat binding already holds, under the current or a retired key's hash. */
export async function userWithOpenid(db: Queryable, hashes: string[]): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(
    'SELECT id::int AS id FROM identity_users WHERE wechat_openid_hash = ANY($1::text[]) LIMIT 1',
    [hashes],
  );
  return row?.id;
}

export async function setWechat(
  db: Queryable,
  id: number,
  openid: { enc: string; hash: string } | null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE identity_users SET wechat_openid_enc = $2, wechat_openid_hash = $3,
       wechat_bound_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END
     WHERE id = $1 AND wechat_openid_hash IS DISTINCT FROM $3 RETURNING id`,
    [id, openid?.enc ?? null, openid?.hash ?? null],
  );
  return rows.length === 1;
}

export async function wechatBoundAt(db: Queryable, id: number): Promise<Date | null> {
  const [row] = await db.query<{ at: Date | null }>('SELECT wechat_bound_at AS at FROM identity_users WHERE id = $1', [
    id,
  ]);
  return row?.at ?? null;
}

/** The sealed openids of these users, for a module that sends them WeChat messages; unbound users are left out. */
export async function sealedOpenids(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.query<{ id: number; enc: string }>(
    `SELECT id::int AS id, wechat_openid_enc AS enc FROM identity_users
     WHERE id = ANY($1::bigint[]) AND wechat_openid_enc IS NOT NULL`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.enc]));
}
