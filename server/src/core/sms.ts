import { createHmac, randomUUID } from 'node:crypto';
import { maskPhone, type PersonalDataCipher } from './crypto.js';
import type { Queryable } from './db.js';
import { resealTable } from './reseal.js';

/** The texts the platform sends, each an approved template at the SMS provider (验证码, 通知). */
export type SmsTemplate = 'otp' | 'notice';

export interface SmsMessage {
  phone: string;
  template: SmsTemplate;
  /** The template's variables, as the provider fills them in (`{ code: '123456' }`). */
  params: Record<string, string>;
  /** The whole text as the person reads it, for the development outbox; providers render their own. */
  text: string;
}

/** How a text reaches a phone. One gateway per deployment, chosen by SMS_GATEWAY. */
export interface SmsGateway {
  readonly name: 'dev_outbox' | 'aliyun';
  send(message: SmsMessage): Promise<{ providerId: string }>;
}

export class SmsError extends Error {
  constructor(
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The development stand-in: nothing leaves the machine; each text is kept in `core_sms_outbox` (the number sealed,
 * shown masked) for an administrator to read on the console's development-outbox page, which says plainly that
 * these texts were never sent. Codes are visible there by design: this is the phone of a development machine.
 */
export class DevOutboxSms implements SmsGateway {
  readonly name = 'dev_outbox';
  constructor(
    private readonly db: Queryable,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async send(m: SmsMessage): Promise<{ providerId: string }> {
    const [row] = await this.db.query<{ id: number }>(
      `INSERT INTO core_sms_outbox (phone_enc, phone_masked, template, text) VALUES ($1, $2, $3, $4) RETURNING id::int AS id`,
      [this.cipher.encrypt(m.phone), maskPhone(m.phone), m.template, m.text],
    );
    return { providerId: `dev-${row?.id}` };
  }
}

export interface DevOutboxEntry {
  id: number;
  at: Date;
  phoneMasked: string;
  template: SmsTemplate;
  text: string;
}

export async function listDevOutbox(db: Queryable, limit: number): Promise<DevOutboxEntry[]> {
  return db.query<DevOutboxEntry & Record<string, unknown>>(
    `SELECT id::int AS id, at, phone_masked AS "phoneMasked", template, text FROM core_sms_outbox
     ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}

/** The development outbox's numbers under the current data key (`npm run rotate-keys`, through the admin module). */
export const resealDevOutbox = (db: Queryable, cipher: PersonalDataCipher, onBatch?: (n: number) => void) =>
  resealTable(db, cipher, 'core_sms_outbox', [{ enc: 'phone_enc' }], onBatch);

export interface AliyunSmsSettings {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templates: Record<SmsTemplate, string>;
}

/** RFC 3986 encoding as Alibaba Cloud's RPC signature wants it: `*` `'` `(` `)` `!` encoded too, `~` not. */
function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1 over the method, `/` and the sorted, encoded query), the
 * scheme its SMS API (dysmsapi SendSms, 2017-05-25) checks.
 */
export function aliyunSignature(secret: string, method: 'GET' | 'POST', params: Record<string, string>): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] as string)}`)
    .join('&');
  const toSign = `${method}&${percentEncode('/')}&${percentEncode(query)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

/** Template SMS through Alibaba Cloud's SMS service (短信服务 SendSms) over HTTPS. */
export class AliyunSms implements SmsGateway {
  readonly name = 'aliyun';
  constructor(
    private readonly s: AliyunSmsSettings,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async send(m: SmsMessage): Promise<{ providerId: string }> {
    const params: Record<string, string> = {
      AccessKeyId: this.s.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: m.phone,
      RegionId: 'cn-hangzhou',
      SignName: this.s.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.s.templates[m.template],
      TemplateParam: JSON.stringify(m.params),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const body = new URLSearchParams({ ...params, Signature: aliyunSignature(this.s.accessKeySecret, 'POST', params) });
    const res = await this.fetchFn(`${this.s.endpoint.replace(/\/$/, '')}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
    if (answer.Code !== 'OK') throw new SmsError(answer.Code ?? `http_${res.status}`, answer.Message ?? 'SMS refused');
    return { providerId: answer.BizId ?? '' };
  }
}
