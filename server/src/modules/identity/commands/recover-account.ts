import { writeAudit } from '../../../core/audit.js';
import type { Db } from '../../../core/db.js';
import { findUserByUsername, revokeOtherSessions, setPassword } from '../db/identity.repository.js';
import { unlockAccount } from '../db/sign-in-failures.repository.js';
import { hashPassword, oneTimePassword } from '../domain/password.js';

/**
 * The way back in for whoever runs the server (`npm run admin -- unlock|reset <username>`), when no administrator can
 * sign in to do it through 用户管理: the only district administrator shut out, or their password lost. Whoever can
 * run commands against the database is trusted already, so nothing here checks a role. Audited as the command line.
 */
const BY_COMMAND_LINE = { actorName: '命令行 / command line', detail: { via: 'cli' } };

/** Every address let back in; false when there is no such user. */
export async function unlockByUsername(db: Db, username: string): Promise<boolean> {
  const user = await findUserByUsername(db, username);
  if (!user) return false;
  await db.transaction(async (tx) => {
    await unlockAccount(tx, user.id);
    await writeAudit(tx, { ...BY_COMMAND_LINE, action: 'identity.user_unlocked', subject: `user:${user.id}` });
  });
  return true;
}

/**
 * A new one-time password, to be changed at the next sign-in, the account unlocked and its sessions ended; the
 * password exists only in the return value, for the command to print once. Undefined when there is no such user.
 */
export async function resetByUsername(db: Db, username: string): Promise<string | undefined> {
  const user = await findUserByUsername(db, username);
  if (!user) return undefined;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await setPassword(tx, user.id, passwordHash, true);
    await unlockAccount(tx, user.id);
    await revokeOtherSessions(tx, user.id, null);
    await writeAudit(tx, { ...BY_COMMAND_LINE, action: 'identity.password_reset', subject: `user:${user.id}` });
  });
  return password;
}
