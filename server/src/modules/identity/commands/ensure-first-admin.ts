import { writeAudit } from '../../../core/audit.js';
import type { Db } from '../../../core/db.js';
import { countUsers, insertUser } from '../db/identity.repository.js';
import { hashPassword, oneTimePassword } from '../domain/password.js';

/** No default password anywhere: the first administrator's one-time password exists only in this return value. */
export async function ensureFirstAdmin(db: Db): Promise<{ username: string; oneTimePassword: string } | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const u = await insertUser(tx, {
      username: 'admin',
      displayName: '系统管理员',
      role: 'district_admin',
      scopePath: '',
      passwordHash,
      mustChangePassword: true,
    });
    await writeAudit(tx, { action: 'identity.first_admin_created', subject: `user:${u.id}` });
  });
  return { username: 'admin', oneTimePassword: password };
}
