import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { writeAudit } from '../../../core/audit.js';
import { maskPhone } from '../../../core/crypto.js';
import type { ModuleContext } from '../../../core/module.js';
import { SmsError } from '../../../core/sms.js';
import { insertSession, insertUser, recordSuccess } from '../db/identity.repository.js';
import {
  codeCounts,
  countWrongTry,
  deleteCode,
  findUserByPhone,
  insertCode,
  liveCode,
  setPhone,
  spendCode,
} from '../db/phone-codes.repository.js';
import { hashPassword, newToken, tokenHash } from '../domain/password.js';
import { identityErrors } from '../identity.errors.js';
import { presentUser } from '../identity.presenter.js';

type Ctx = Pick<ModuleContext, 'db' | 'config' | 'cipher' | 'sms' | 'log'>;
type Meta = { ip: string; requestId?: string };

const codeHash = (ctx: Ctx, phoneHash: string, code: string) =>
  tokenHash(ctx.config.sessionSecret, `phone-code:${phoneHash}:${code}`);

/** The number's keyed hash under the current key and every retired one, as codes and accounts may carry either. */
export const phoneHashes = (ctx: Pick<Ctx, 'cipher'>, phone: string) => [
  ctx.cipher.searchHash(phone),
  ...ctx.cipher.retiredHashes(phone),
];

/**
 * The number's live code if `code` is it, not yet used up: the caller marks it used (`spendCode`) in the transaction
 * that acts on it. A wrong code costs one of the code's tries.
 */
export async function matchCode(ctx: Ctx, hashes: string[], code: string) {
  const live = await liveCode(ctx.db, hashes, ctx.config.identity.phoneCodes.attempts);
  const given = Buffer.from(live ? codeHash(ctx, live.phoneHash, code) : '');
  if (!live || given.length !== live.codeHash.length || !timingSafeEqual(given, Buffer.from(live.codeHash))) {
    if (live) await countWrongTry(ctx.db, live.id);
    return undefined;
  }
  return live;
}

/**
 * Sends a six-digit code to a mobile number, for signing up or signing in alike: the answer is the same whether the
 * number has an account or not, so nobody can find out who is registered. Limited per number (one a minute, a few
 * an hour) and per address; the code is stored as a keyed hash and appears in no log.
 */
export async function sendPhoneCode(ctx: Ctx, phone: string, meta: Meta) {
  const s = ctx.config.identity.phoneCodes;
  const phoneHash = ctx.cipher.searchHash(phone);
  const counts = await codeCounts(ctx.db, phoneHash, meta.ip);
  const since = counts.lastAt ? (Date.now() - new Date(counts.lastAt).getTime()) / 1000 : Number.POSITIVE_INFINITY;
  if (since < s.resendSeconds)
    throw identityErrors.codeTooSoon({ field: 'phone', params: { seconds: Math.ceil(s.resendSeconds - since) } });
  if (counts.perPhone >= s.perPhoneHour) throw identityErrors.tooManyCodes({ field: 'phone', params: { minutes: 60 } });
  if (counts.perIp >= s.perIpHour) throw identityErrors.tooManyCodes({ params: { minutes: 60 } });

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = await insertCode(ctx.db, {
    phoneHash,
    codeHash: codeHash(ctx, phoneHash, code),
    ip: meta.ip,
    ttlSeconds: s.ttlSeconds,
  });
  const minutes = Math.round(s.ttlSeconds / 60);
  try {
    await ctx.sms.send({
      phone,
      template: 'otp',
      params: { code },
      text: `【善治】您的验证码是 ${code}，${minutes} 分钟内有效。如非本人操作，请忽略本短信。`,
    });
  } catch (err) {
    // a code that never left is no code: it must not count against the person or be accepted
    await deleteCode(ctx.db, id);
    ctx.log.error({ provider: err instanceof SmsError ? err.providerCode : 'unreachable' }, 'sign-up code not sent');
    throw identityErrors.smsFailed();
  }
  await writeAudit(ctx.db, { action: 'identity.phone_code_sent', subject: maskPhone(phone), ...meta });
  return { expiresInSeconds: s.ttlSeconds, resendAfterSeconds: s.resendSeconds };
}

/**
 * A right code signs the resident in, creating their account on first use (always a resident: sign-up never makes
 * staff). A wrong code costs one of the code's tries; an unknown number, a staff or a disabled account all answer
 * like a wrong code.
 */
export async function signInByPhone(
  ctx: Ctx,
  input: { phone: string; code: string; kind: 'cookie' | 'bearer' },
  meta: Meta,
) {
  const hashes = phoneHashes(ctx, input.phone);
  const live = await matchCode(ctx, hashes, input.code);
  if (!live) {
    await writeAudit(ctx.db, { action: 'identity.phone_sign_in_failed', subject: maskPhone(input.phone), ...meta });
    throw identityErrors.badCode({ field: 'code' });
  }
  const existing = await findUserByPhone(ctx.db, hashes);
  if (existing && (existing.role !== 'resident' || existing.disabled)) throw identityErrors.badCode({ field: 'code' });

  const token = newToken();
  return ctx.db.transaction(async (tx) => {
    if (!(await spendCode(tx, live.id))) throw identityErrors.badCode({ field: 'code' });
    const user =
      existing ??
      (await insertUser(tx, {
        username: `r${randomBytes(6).toString('hex')}`,
        displayName: `居民${input.phone.slice(-4)}`,
        role: 'resident',
        scopePath: '',
        // no password until the resident sets one: the number and its codes are how they get in
        passwordHash: await hashPassword(randomBytes(32).toString('base64')),
        mustChangePassword: false,
      }));
    await setPhone(tx, user.id, ctx.cipher.searchHash(input.phone), ctx.cipher.encrypt(input.phone));
    await recordSuccess(tx, user.id);
    const session = await insertSession(tx, {
      userId: user.id,
      tokenHash: tokenHash(ctx.config.sessionSecret, token),
      kind: input.kind,
      hours: ctx.config.identity.sessionTtlHours,
      ip: meta.ip,
    });
    await writeAudit(tx, {
      actorId: user.id,
      actorName: user.username,
      action: existing ? 'identity.sign_in' : 'identity.signed_up',
      detail: { method: 'phone' },
      ...meta,
    });
    return { token, expiresAt: session.expiresAt, user: presentUser(user), created: !existing };
  });
}
