import { writeAudit } from '../../../core/audit.js';
import type { Config } from '../../../core/config.js';
import type { Db } from '../../../core/db.js';
import type { AppError } from '../../../core/errors.js';
import { findUserByUsername, insertSession, recordSuccess, type UserRecord } from '../db/identity.repository.js';
import { clearFailures, countFailures, markShut, recordFailure } from '../db/sign-in-failures.repository.js';
import { newToken, tokenHash, verifyAgainstNothing, verifyPassword } from '../domain/password.js';
import { accountKey, shutBy, shutsAccountAfterFailure } from '../domain/throttle.js';
import { identityErrors } from '../identity.errors.js';
import { presentUser } from '../identity.presenter.js';

export interface SignInInput {
  username: string;
  password: string;
  kind: 'cookie' | 'bearer';
  tokenName?: string;
  ttlHours?: number;
}

type Meta = { ip: string; requestId?: string };

/** A wrong password, an unknown or disabled user and a shut account all answer the same: see signInWithPassword. */
export async function signIn(db: Db, config: Config, input: SignInInput, meta: Meta) {
  const found = await findUserByUsername(db, input.username);
  const user = found && !found.disabled ? found : undefined;
  return signInWithPassword(
    db,
    config,
    { user, account: user ? accountKey(user.id) : `name:${input.username.toLowerCase()}`, subject: input.username },
    input,
    meta,
    (minutes) => identityErrors.badCredentials({ params: { minutes } }),
  );
}

/**
 * The password check under the throttle (domain/throttle.ts), then the new session, for a user found by username or a
 * resident by their number, or for nobody. Every refusal — nobody by that name, a wrong password, an address shut out
 * — does the same work (one argon2 check, against a dummy hash when there is no user; one count; one failure row; one
 * audit row) and answers with the same bytes (`refused`), so neither the answer nor its time tells who exists or is
 * shut out. A shut address is refused even the right password.
 */
export async function signInWithPassword(
  db: Db,
  config: Config,
  who: { user: UserRecord | undefined; account: string; subject: string },
  input: Omit<SignInInput, 'username'> & { method?: 'phone_password' },
  meta: Meta,
  refused: (minutes: number) => AppError,
) {
  const { user, account } = who;
  const lockout = config.identity.lockout;
  const right = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstNothing(input.password);
  const counts = await countFailures(db, {
    account,
    address: meta.ip,
    minutes: lockout.minutes,
    userId: user?.id ?? null,
  });
  const shut = shutBy(counts, lockout);
  if (!user || !right || shut) {
    const shuts = !shut && shutsAccountAfterFailure(counts, lockout);
    await db.transaction(async (tx) => {
      await recordFailure(tx, { account, address: meta.ip, checked: !shut, minutes: lockout.minutes });
      if (user && shuts) await markShut(tx, user.id, lockout.minutes);
      await writeAudit(tx, {
        ...(user ? { actorId: user.id, actorName: user.username } : { subject: who.subject }),
        action: shut ? 'identity.sign_in_locked' : shuts && user ? 'identity.locked' : 'identity.sign_in_failed',
        detail: {
          reason: shut ?? (user ? 'wrong_password' : 'unknown_user'),
          ...(input.method ? { method: input.method } : {}),
        },
        ...meta,
      });
    });
    throw refused(lockout.minutes);
  }
  // asked only of someone who has just proved who they are, so it tells a stranger nothing
  const maxDays = config.identity.staffTokenMaxDays;
  if (input.kind === 'bearer' && user.role !== 'resident' && (input.ttlHours ?? 0) > maxDays * 24)
    throw identityErrors.staffTokenTooLong({ field: 'ttlDays', params: { days: maxDays } });
  const token = newToken();
  const session = await db.transaction(async (tx) => {
    await clearFailures(tx, account, meta.ip);
    await recordSuccess(tx, user.id);
    const s = await insertSession(tx, {
      userId: user.id,
      tokenHash: tokenHash(config.sessionSecret, token),
      kind: input.kind,
      name: input.tokenName,
      hours: input.ttlHours ?? config.identity.sessionTtlHours,
      ip: meta.ip,
    });
    await writeAudit(tx, {
      actorId: user.id,
      actorName: user.username,
      action: input.kind === 'cookie' ? 'identity.sign_in' : 'identity.token_issued',
      detail: {
        ...(input.tokenName ? { tokenName: input.tokenName } : {}),
        ...(input.method ? { method: input.method } : {}),
      },
      ...meta,
    });
    return s;
  });
  return { token, expiresAt: session.expiresAt, user: presentUser(user) };
}
