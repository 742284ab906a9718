import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { markRead } from '../db/notify.repository.js';
import { notifyErrors } from '../notify.errors.js';

/** A person marks one of their own messages read; someone else's is as good as absent. */
export async function readMessage(db: Queryable, actor: Actor, id: number): Promise<void> {
  if (!(await markRead(db, actor.id, id))) throw notifyErrors.notFound({ field: 'id' });
}
