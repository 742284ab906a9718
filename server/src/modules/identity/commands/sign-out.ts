import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { revokeSession } from '../db/identity.repository.js';

export async function signOut(db: Db, actor: Actor, meta: { ip?: string; requestId?: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await revokeSession(tx, actor.sessionId);
    await writeAudit(tx, { actorId: actor.id, actorName: actor.username, action: 'identity.sign_out', ...meta });
  });
}
