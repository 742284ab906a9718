import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { retryDelivery } from '../../../core/outbox.js';
import { adminErrors } from '../admin.errors.js';

/** A dead letter goes back to the relay, and who sent it back is on record. */
export async function retryDeadLetter(
  ctx: Pick<ModuleContext, 'db' | 'events'>,
  actor: Actor,
  eventId: number,
  subscriber: string,
  meta: { ip?: string; requestId?: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (!(await retryDelivery(tx, eventId, subscriber))) throw adminErrors.noDeadLetter();
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'admin.delivery_retried',
      subject: `event:${eventId}`,
      detail: { subscriber },
      ...meta,
    });
  });
  ctx.events.kick();
}
