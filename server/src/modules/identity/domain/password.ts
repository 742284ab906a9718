import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** @node-rs/argon2 defaults to Argon2id (m=19 MiB, t=2, p=1), the OWASP-recommended setting; a test holds it. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/**
 * Burns the same time as a real check when the user does not exist, so timing does not reveal usernames; false, as
 * no password is right for nobody.
 */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username' | 'too_simple';

export function passwordProblem(password: string, username: string): PasswordProblem | undefined {
  if (password.length < 10) return 'too_short';
  if (password.length > 128) return 'too_long';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'same_as_username';
  if (new Set(password).size < 5) return 'too_simple';
  return undefined;
}

/** Readable one-time passwords: no 0/O or 1/l/I to misread when it is passed on by phone. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export function oneTimePassword(length = 16): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Keyed, so that a copy of the sessions table alone cannot be turned into working tokens. */
export function tokenHash(secret: Buffer, token: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}
