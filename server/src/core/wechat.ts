import { createHash } from 'node:crypto';
import type { PersonalDataCipher } from './crypto.js';
import type { Queryable } from './db.js';
import { resealTable } from './reseal.js';

/** The template messages the platform sends, each a template approved on the Official Account (模板消息). */
export type WechatTemplate = 'notice';

export interface WechatMessage {
  /** The person's openid under this Official Account. */
  openid: string;
  template: WechatTemplate;
  /** The template's fields, as the Official Account's template names them (`{ first: '…', keyword1: '…' }`). */
  data: Record<string, string>;
  /** Where tapping the message leads, if anywhere. */
  url?: string;
  /** The whole text as the person reads it, for the development outbox; WeChat renders its own. */
  text: string;
}

/** How a template message reaches a WeChat user, and how a WeChat OAuth code becomes their openid. */
export interface WechatGateway {
  readonly name: 'dev' | 'mp';
  send(message: WechatMessage): Promise<{ providerId: string }>;
  /** The openid behind a code from WeChat's web authorisation (snsapi_base), as its callback hands it over. */
  openidForCode(code: string): Promise<string>;
  /** Where a phone is sent to authorise; WeChat comes back to `redirectUri` with `code` and `state`. */
  authorizeUrl(redirectUri: string, state: string): string;
}

/** errcode 43004: the person has not followed the Official Account (or unfollowed it): they asked for nothing. */
export const WECHAT_UNSUBSCRIBED = '43004';

export class WechatError extends Error {
  constructor(
    /** WeChat's errcode as text, `http_<status>` or `unreachable`. */
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The development stand-in: nothing leaves the machine. Each message is kept in `core_wechat_outbox` (the openid
 * sealed, shown masked) for an administrator to read on the console's development page; a code from the pretend
 * authorisation becomes the same dev openid every time, so binding twice with one code finds the same person.
 */
export class DevOutboxWechat implements WechatGateway {
  readonly name = 'dev';
  constructor(
    private readonly db: Queryable,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async send(m: WechatMessage): Promise<{ providerId: string }> {
    const [row] = await this.db.query<{ id: number }>(
      `INSERT INTO core_wechat_outbox (openid_enc, openid_masked, template, data, url, text)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING id::int AS id`,
      [this.cipher.encrypt(m.openid), maskOpenid(m.openid), m.template, JSON.stringify(m.data), m.url ?? null, m.text],
    );
    return { providerId: `dev-${row?.id}` };
  }

  async openidForCode(code: string): Promise<string> {
    return `dev_${createHash('sha256').update(`wechat-dev:${code}`).digest('base64url').slice(0, 24)}`;
  }

  /**
   * No WeChat to visit: straight back to the callback with a made-up code, as WeChat would come back; on the page's
   * own address, since a development machine is often reached at another than PUBLIC_URL.
   */
  authorizeUrl(redirectUri: string, state: string): string {
    const url = new URL(redirectUri);
    url.searchParams.set('code', `dev${Date.now().toString(36)}`);
    url.searchParams.set('state', state);
    return `${url.pathname}${url.search}`;
  }
}

/** oXyZ…1234 → oXyZ****1234: enough to tell two apart on the development page, not enough to message anyone. */
export function maskOpenid(openid: string): string {
  return openid.length > 8 ? `${openid.slice(0, 4)}****${openid.slice(-4)}` : '****';
}

export interface DevWechatEntry {
  id: number;
  at: Date;
  openidMasked: string;
  template: WechatTemplate;
  data: Record<string, string>;
  url: string | null;
  text: string;
}

export async function listDevWechatOutbox(db: Queryable, limit: number): Promise<DevWechatEntry[]> {
  return db.query<DevWechatEntry & Record<string, unknown>>(
    `SELECT id::int AS id, at, openid_masked AS "openidMasked", template, data, url, text FROM core_wechat_outbox
     ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}

/** The development outbox's openids under the current data key (`npm run rotate-keys`, through the admin module). */
export const resealDevWechatOutbox = (db: Queryable, cipher: PersonalDataCipher, onBatch?: (n: number) => void) =>
  resealTable(db, cipher, 'core_wechat_outbox', [{ enc: 'openid_enc' }], onBatch);

export interface MpWechatSettings {
  /** https://api.weixin.qq.com, or a stand-in that answers the same way. */
  apiBase: string;
  appId: string;
  appSecret: string;
  templates: Record<WechatTemplate, string>;
}

/** Token errors after which a fresh token is fetched and the call tried once more: invalid (40001), expired (42001). */
const STALE_TOKEN = new Set([40001, 42001]);
/** A token is used until this long before WeChat said it expires, so a slow call never carries a dead one. */
const TOKEN_MARGIN_MS = 5 * 60_000;

type Answer = { errcode?: number; errmsg?: string } & Record<string, unknown>;

/**
 * Template messages through a WeChat Official Account (公众号模板消息). The access token is the account's, shared by
 * every call of this instance: fetched once, kept until shortly before it expires, fetched again when WeChat calls
 * it invalid. Neither the secret nor the token is ever logged or put in an error message: both travel only in the
 * query strings of requests to WeChat.
 */
export class MpWechat implements WechatGateway {
  readonly name = 'mp';
  private token: { value: string; until: number } | undefined;
  private fetching: Promise<string> | undefined;

  constructor(
    private readonly s: MpWechatSettings,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  private url(path: string, query: Record<string, string>): string {
    return `${this.s.apiBase.replace(/\/$/, '')}${path}?${new URLSearchParams(query)}`;
  }

  /** One request to WeChat; a network failure is reported without the URL, which carries the secret or the token. */
  private async call(url: string, init?: RequestInit): Promise<Answer> {
    let res: Response;
    try {
      res = await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new WechatError('unreachable', 'WeChat API unreachable');
    }
    const answer = (await res.json().catch(() => undefined)) as Answer | undefined;
    if (!answer) throw new WechatError(`http_${res.status}`, 'WeChat API answered without JSON');
    return answer;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.until) return this.token.value;
    // several messages at once share one token request
    this.fetching ??= (async () => {
      try {
        const answer = await this.call(
          this.url('/cgi-bin/token', {
            grant_type: 'client_credential',
            appid: this.s.appId,
            secret: this.s.appSecret,
          }),
        );
        if (typeof answer.access_token !== 'string')
          throw new WechatError(String(answer.errcode ?? 'no_token'), answer.errmsg ?? 'no access token');
        const seconds = typeof answer.expires_in === 'number' ? answer.expires_in : 7200;
        this.token = { value: answer.access_token, until: this.now() + seconds * 1000 - TOKEN_MARGIN_MS };
        return answer.access_token;
      } finally {
        this.fetching = undefined;
      }
    })();
    return this.fetching;
  }

  async send(m: WechatMessage): Promise<{ providerId: string }> {
    const body = JSON.stringify({
      touser: m.openid,
      template_id: this.s.templates[m.template],
      ...(m.url ? { url: m.url } : {}),
      data: Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }])),
    });
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const answer = await this.call(this.url('/cgi-bin/message/template/send', { access_token: token }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (!answer.errcode) return { providerId: String(answer.msgid ?? '') };
      if (STALE_TOKEN.has(answer.errcode) && attempt === 0) {
        if (this.token?.value === token) this.token = undefined;
        continue;
      }
      throw new WechatError(String(answer.errcode), answer.errmsg ?? 'template message refused');
    }
  }

  async openidForCode(code: string): Promise<string> {
    const answer = await this.call(
      this.url('/sns/oauth2/access_token', {
        appid: this.s.appId,
        secret: this.s.appSecret,
        code,
        grant_type: 'authorization_code',
      }),
    );
    if (typeof answer.openid !== 'string')
      throw new WechatError(String(answer.errcode ?? 'no_openid'), answer.errmsg ?? 'code not accepted');
    return answer.openid;
  }

  authorizeUrl(redirectUri: string, state: string): string {
    const query = new URLSearchParams({
      appid: this.s.appId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'snsapi_base',
      state,
    });
    return `https://open.weixin.qq.com/connect/oauth2/authorize?${query}#wechat_redirect`;
  }
}
