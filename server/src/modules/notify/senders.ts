import type { ServerResponse } from 'node:http';
import type { PersonalDataCipher } from '../../core/crypto.js';
import type { Queryable } from '../../core/db.js';
import { SmsError, type SmsGateway } from '../../core/sms.js';
import { WECHAT_UNSUBSCRIBED, WechatError, type WechatGateway } from '../../core/wechat.js';
import { sealedOpenids, sealedPhones } from '../identity/index.js';
import type { Message } from './db/notify.repository.js';
import { getPreferences } from './db/notify.repository.js';

export type DeliveryOutcome =
  | 'live'
  | 'stored'
  | 'sent'
  | 'failed'
  | 'no_phone'
  | 'not_bound'
  | 'opted_out'
  | 'quiet_hours';

/**
 * How a message reaches a person beyond its stored row (the in-app inbox is the record): live over server-sent events
 * while a page is open, by SMS for those who have a number, by WeChat template message for those who bound their
 * WeChat and chose it.
 */
export interface Sender {
  readonly channel: 'sse' | 'sms' | 'wechat';
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

/** China Standard Time as the template's time field shows it: 2025-03-01 08:30. */
const chinaClock = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Sends the message's title as a WeChat template message to those who chose WeChat and bound it, outside their quiet
 * hours (a fire at any hour). Someone who unfollowed the Official Account cannot be messaged: WeChat's 43004 is
 * recorded as their opting out, not as a failure to retry.
 */
export class WechatSender implements Sender {
  readonly channel = 'wechat';
  constructor(
    private readonly db: Queryable,
    private readonly cipher: PersonalDataCipher,
    private readonly wechat: WechatGateway,
    private readonly quiet: { from: number; to: number },
    /** Where tapping the message leads: the phone pages of this deployment. */
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: Message) {
    const prefs = await getPreferences(this.db, message.userId, this.quiet);
    if (!prefs.wechat) return { outcome: 'opted_out' as const };
    const sealed = (await sealedOpenids(this.db, [message.userId])).get(message.userId);
    if (!sealed) return { outcome: 'not_bound' as const };
    if (!URGENT(message.kind) && inQuietHours(this.now(), prefs.quietFrom, prefs.quietTo))
      return { outcome: 'quiet_hours' as const };
    try {
      const { providerId } = await this.wechat.send({
        openid: this.cipher.decrypt(sealed),
        template: 'notice',
        data: { first: '善治提醒', keyword1: message.titleZh, keyword2: chinaClock(new Date(message.at)) },
        url: `${this.publicUrl}/m`,
        text: message.titleZh,
      });
      return { outcome: 'sent' as const, detail: providerId };
    } catch (err) {
      const code = err instanceof WechatError ? err.providerCode : 'unreachable';
      if (code === WECHAT_UNSUBSCRIBED) return { outcome: 'opted_out' as const, detail: 'unsubscribed' };
      return { outcome: 'failed' as const, detail: code };
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
