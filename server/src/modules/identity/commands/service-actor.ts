import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { findUserByUsername, insertUser, updateUser } from '../db/identity.repository.js';
import { hashPassword } from '../domain/password.js';

/**
 * The actor a module acts as when no person did (the fire alarm system opening a case). It is a disabled account
 * with an unknown password: it appears by name in timelines and audits and can never sign in.
 */
export async function serviceActor(db: Db, name: string, displayName: string): Promise<Actor> {
  const username = `svc-${name}`;
  let user = await findUserByUsername(db, username);
  if (!user) {
    const created = await insertUser(db, {
      username,
      displayName,
      role: 'command_centre',
      scopePath: '',
      passwordHash: await hashPassword(randomBytes(24).toString('base64')),
      mustChangePassword: false,
    });
    user = (await updateUser(db, created.id, { disabled: true })) ?? created;
  }
  return {
    id: user.id,
    username,
    displayName: user.displayName,
    role: 'command_centre',
    scopePath: '',
    mustChangePassword: false,
    orgCode: null,
    sessionId: 0,
  };
}
