import type { Queryable } from '../../core/db.js';
import { insertMessage, type Message, recordDeliveries } from './db/notify.repository.js';
import type { Sender } from './senders.js';

/**
 * Stores the message (the in-app inbox is the record), then hands it to every other sender and records how each
 * went. A message answering an event is stored once per person whatever the relay does, and only a newly stored one
 * is sent on: a crash between storing and texting loses that text (the inbox still has it) rather than texting twice.
 */
export class NotifyService {
  constructor(
    private readonly db: Queryable,
    private readonly senders: Sender[],
  ) {}

  async send(m: Omit<Message, 'id' | 'at' | 'readAt'> & { eventId: number | null }): Promise<Message | undefined> {
    const stored = await insertMessage(this.db, m);
    if (!stored) return undefined;
    const outcomes = [];
    for (const sender of this.senders) outcomes.push({ channel: sender.channel, ...(await sender.send(stored)) });
    await recordDeliveries(this.db, stored.id, outcomes);
    return stored;
  }
}
