import type { ServerResponse } from 'node:http';
import type { Message } from './db/notify.repository.js';

/**
 * How a message reaches a person. In-app (the stored row) always; live over server-sent events while their
 * page is open. SMS and WeChat template messages plug in here as further senders.
 */
export interface Sender {
  readonly channel: string;
  send(message: Message): Promise<void> | void;
}

/** Open SSE connections by user; several tabs or devices per person are fine. */
export class LiveSender implements Sender {
  readonly channel = 'sse';
  private readonly streams = new Map<number, Set<ServerResponse>>();

  attach(userId: number, res: ServerResponse): () => void {
    const set = this.streams.get(userId) ?? new Set();
    set.add(res);
    this.streams.set(userId, set);
    return () => {
      set.delete(res);
      if (!set.size) this.streams.delete(userId);
    };
  }

  send(message: Message): void {
    const data = JSON.stringify(presentMessage(message));
    for (const res of this.streams.get(message.userId) ?? [])
      res.write(`event: message\nid: ${message.id}\ndata: ${data}\n\n`);
  }

  closeAll(): void {
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
  }
}

export function presentMessage(m: Message) {
  return {
    id: m.id,
    at: new Date(m.at).toISOString(),
    kind: m.kind,
    titleZh: m.titleZh,
    titleEn: m.titleEn,
    subject: m.subject,
    read: m.readAt !== null,
  };
}
