import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { getPreferences, type Preferences, setPreferences } from '../db/notify.repository.js';

/**
 * A person chooses for themselves whether they are texted or messaged on WeChat and when not; nobody chooses for
 * another. A choice left out (an older client that knows no WeChat) stays as it was.
 */
export async function choosePreferences(
  db: Queryable,
  actor: Actor,
  p: Omit<Preferences, 'wechat'> & { wechat?: boolean },
  quiet: { from: number; to: number },
): Promise<void> {
  const wechat = p.wechat ?? (await getPreferences(db, actor.id, quiet)).wechat;
  await setPreferences(db, actor.id, { ...p, wechat });
}
