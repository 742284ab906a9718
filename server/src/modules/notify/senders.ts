import type { ServerResponse } from 'node:http';
import type { PersonalDataCipher } from '../../core/crypto.js';
import type { Queryable } from '../../core/db.js';
import { SmsError, type SmsGateway } from '../../core/sms.js';
import { sealedPhones } from '../identity/index.js';
import type { Message } from './db/notify.repository.js';
import { getPreferences } from './db/notify.repository.js';

export type DeliveryOutcome = 'live' | 'stored' | 'sent' | 'failed' | 'no_phone' | 'opted_out' | 'quiet_hours';

/**
 * How a message reaches a person beyond its stored row (the in-app inbox is the record): live over server-sent events
 * while a page is open, by SMS for those who have a number. WeChat template messages would be one more of these.
 */
export interface Sender {
  readonly channel: 'sse' | 'sms';
  send(message: Message): Promise<{ outcome: DeliveryOutcome; detail?: string }>;
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

  async send(message: Message) {
    const open = this.streams.get(message.userId);
    if (!open?.size) return { outcome: 'stored' as const };
    const data = JSON.stringify(presentMessage(message));
    for (const res of open) res.write(`event: message\nid: ${message.id}\ndata: ${data}\n\n`);
    return { outcome: 'live' as const };
  }

  closeAll(): void {
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
  }
}

/** A fire reaches people at any hour; everything else waits out their quiet hours in the inbox. */
const URGENT = (kind: string) => kind.startsWith('iot.');

/** Minutes after midnight in China Standard Time (UTC+8, no daylight saving). */
const chinaMinutes = (at: Date) => (at.getUTCHours() * 60 + at.getUTCMinutes() + 8 * 60) % (24 * 60);

export function inQuietHours(at: Date, from: number, to: number): boolean {
  const m = chinaMinutes(at);
  return from <= to ? m >= from && m < to : m >= from || m < to;
}

/** Texts the message's title to the person's own number, unless they turned SMS off or it is their quiet time. */
export class SmsSender implements Sender {
  readonly channel = 'sms';
  constructor(
    private readonly db: Queryable,
    private readonly cipher: PersonalDataCipher,
    private readonly sms: SmsGateway,
    private readonly quiet: { from: number; to: number },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: Message) {
    const sealed = (await sealedPhones(this.db, [message.userId])).get(message.userId);
    if (!sealed) return { outcome: 'no_phone' as const };
    const prefs = await getPreferences(this.db, message.userId, this.quiet);
    if (!prefs.sms) return { outcome: 'opted_out' as const };
    if (!URGENT(message.kind) && inQuietHours(this.now(), prefs.quietFrom, prefs.quietTo))
      return { outcome: 'quiet_hours' as const };
    try {
      const { providerId } = await this.sms.send({
        phone: this.cipher.decrypt(sealed),
        template: 'notice',
        params: { title: message.titleZh },
        text: `【善治】${message.titleZh}`,
      });
      return { outcome: 'sent' as const, detail: providerId };
    } catch (err) {
      return { outcome: 'failed' as const, detail: err instanceof SmsError ? err.providerCode : 'unreachable' };
    }
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
