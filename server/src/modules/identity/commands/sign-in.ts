import { writeAudit } from '../../../core/audit.js';
import type { Config } from '../../../core/config.js';
import type { Db } from '../../../core/db.js';
import type { AppError } from '../../../core/errors.js';
import {
  findUserByUsername,
  insertSession,
  recordFailure,
  recordSuccess,
  type UserRecord,
} from '../db/identity.repository.js';
import { newToken, tokenHash, verifyAgainstNothing, verifyPassword } from '../domain/password.js';
import { identityErrors } from '../identity.errors.js';
import { presentUser } from '../identity.presenter.js';

export interface SignInInput {
  username: string;
  password: string;
  kind: 'cookie' | 'bearer';
  tokenName?: string;
  ttlHours?: number;
}

type Meta = { ip?: string; requestId?: string };

/**
 * Password check with lockout. A wrong password, an unknown user and a disabled user all answer the same,
 * and a locked account says so only after the password was checked, so the answer reveals nothing new.
 */
export async function signIn(db: Db, config: Config, input: SignInInput, meta: Meta) {
  const user = await findUserByUsername(db, input.username);
  if (!user || user.disabled) {
    await verifyAgainstNothing(input.password);
    await writeAudit(db, {
      action: 'identity.sign_in_failed',
      subject: input.username,
      detail: { reason: 'unknown_user' },
      ...meta,
    });
    throw identityErrors.badCredentials();
  }
  return signInWithPassword(db, config, user, input, meta, identityErrors.badCredentials);
}

/**
 * The lockout, the password check and the new session, for a user already found (by username, or a resident by
 * their number); `wrong` is the one answer for a wrong password, the same the caller gives for nobody found.
 */
export async function signInWithPassword(
  db: Db,
  config: Config,
  user: UserRecord,
  input: Omit<SignInInput, 'username'> & { method?: 'phone_password' },
  meta: Meta,
  wrong: () => AppError,
) {
  const lockedFor = user.lockedUntil ? Math.ceil((new Date(user.lockedUntil).getTime() - Date.now()) / 60000) : 0;
  if (lockedFor > 0) {
    await writeAudit(db, { actorId: user.id, actorName: user.username, action: 'identity.sign_in_locked', ...meta });
    throw identityErrors.locked({ params: { minutes: lockedFor } });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const nowLocked = await recordFailure(
      db,
      user.id,
      config.identity.lockout.threshold,
      config.identity.lockout.minutes,
    );
    await writeAudit(db, {
      actorId: user.id,
      actorName: user.username,
      action: nowLocked ? 'identity.locked' : 'identity.sign_in_failed',
      ...(input.method ? { detail: { method: input.method } } : {}),
      ...meta,
    });
    if (nowLocked) throw identityErrors.locked({ params: { minutes: config.identity.lockout.minutes } });
    throw wrong();
  }
  const token = newToken();
  const session = await db.transaction(async (tx) => {
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
