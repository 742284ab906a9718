import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { type Preferences, setPreferences } from '../db/notify.repository.js';

/** A person chooses for themselves whether they are texted and when not; nobody chooses for another. */
export async function choosePreferences(db: Queryable, actor: Actor, p: Preferences): Promise<void> {
  await setPreferences(db, actor.id, p);
}
