import type { Queryable } from '../../../core/db.js';
import { accountKey, type FailureCounts } from '../domain/throttle.js';

/** All SQL on identity_sign_in_failures: the refused sign-ins of the last `minutes`, by account and by address. */

export async function countFailures(
  db: Queryable,
  q: { account: string; address: string; minutes: number; userId: number | null },
): Promise<FailureCounts> {
  const [row] = await db.query<FailureCounts & Record<string, unknown>>(
    `SELECT count(*) FILTER (WHERE address = $2)::int AS "fromAddress",
       count(*) FILTER (WHERE account = $1 AND address = $2)::int AS "accountFromAddress",
       count(*) FILTER (WHERE account = $1 AND checked)::int AS "account",
       EXISTS (SELECT 1 FROM identity_sessions WHERE user_id = $4 AND ip = $2) AS "knownAddress"
     FROM identity_sign_in_failures
     WHERE at > now() - make_interval(mins => $3) AND (account = $1 OR address = $2)`,
    [q.account, q.address, q.minutes, q.userId],
  );
  return row ?? { fromAddress: 0, accountFromAddress: 0, account: 0, knownAddress: false };
}

/** One more refused attempt; rows older than the window count for nothing any more and go. */
export async function recordFailure(
  db: Queryable,
  f: { account: string; address: string; checked: boolean; minutes: number },
): Promise<void> {
  await db.query('INSERT INTO identity_sign_in_failures (account, address, checked) VALUES ($1, $2, $3)', [
    f.account,
    f.address,
    f.checked,
  ]);
  await db.query('DELETE FROM identity_sign_in_failures WHERE at <= now() - make_interval(mins => $1)', [f.minutes]);
}

/** Forgets an account's failures: from one address after the right password there, from all when unlocked. */
export async function clearFailures(db: Queryable, account: string, address?: string): Promise<void> {
  await db.query('DELETE FROM identity_sign_in_failures WHERE account = $1 AND ($2::text IS NULL OR address = $2)', [
    account,
    address ?? null,
  ]);
}

/** Every address let back into the account at once. */
export async function unlockAccount(db: Queryable, userId: number): Promise<void> {
  await clearFailures(db, accountKey(userId));
  await db.query('UPDATE identity_users SET locked_until = NULL WHERE id = $1', [userId]);
}

/** Until when some address is shut out of the account, for the administrator's list. */
export async function markShut(db: Queryable, userId: number, minutes: number): Promise<void> {
  await db.query('UPDATE identity_users SET locked_until = now() + make_interval(mins => $2) WHERE id = $1', [
    userId,
    minutes,
  ]);
}
