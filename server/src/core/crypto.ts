import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM (authenticated), a fresh 12-byte nonce per value, stored as
 * `v1:<nonce>.<ciphertext>.<tag>` in base64url. The version names the key, so a key rotation can read the old
 * values while writing new ones under the new key.
 */
export class PersonalDataCipher {
  constructor(
    private readonly keys: Map<string, Buffer>,
    private readonly current: string,
  ) {
    if (!keys.get(current)) throw new Error(`no data key for version ${current}`);
  }

  static single(key: Buffer): PersonalDataCipher {
    return new PersonalDataCipher(new Map([['v1', key]]), 'v1');
  }

  /** The current key under its version, and retired keys that values written before a rotation still need. */
  static rotating(current: { version: string; key: Buffer }, retired: { version: string; key: Buffer }[]) {
    return new PersonalDataCipher(
      new Map([...retired.map((r) => [r.version, r.key] as const), [current.version, current.key]]),
      current.version,
    );
  }

  get version(): string {
    return this.current;
  }

  /** Whether a stored value was sealed under an older key and should be sealed again. */
  isStale(stored: string): boolean {
    return !stored.startsWith(`${this.current}:`);
  }

  encrypt(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.current) as Buffer, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [nonce, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
    return `${this.current}:${parts.join('.')}`;
  }

  decrypt(stored: string): string {
    const [version, rest = ''] = stored.split(':', 2);
    const key = this.keys.get(version ?? '');
    if (!key) throw new Error(`no data key for version ${version}`);
    const [nonce, body, tag] = rest.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', key, nonce as Buffer);
    decipher.setAuthTag(tag as Buffer);
    return Buffer.concat([decipher.update(body as Buffer), decipher.final()]).toString('utf8');
  }

  /** Keyed, so an exact search works without the plaintext and a stolen table cannot be brute-forced offline. */
  searchHash(value: string): string {
    return hashUnder(this.keys.get(this.current) as Buffer, value);
  }

  /**
   * The value's hash under every retired key: until a rotation has re-hashed every row, a search or a duplicate
   * check must find rows hashed under an older key too. Empty when no key is retired.
   */
  retiredHashes(value: string): string[] {
    return [...this.keys].filter(([v]) => v !== this.current).map(([, key]) => hashUnder(key, value));
  }
}

function hashUnder(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(`search:${value}`).digest('hex');
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Mainland mobile numbers: 11 digits starting 1[3-9]. */
export function isMobilePhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜: the first and last character, as a receipt shows a name. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
