import { describe, expect, it } from 'vitest';
import { hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './password.js';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(h, 'correct horse batterY')).toBe(false);
  });

  it('refuses weak passwords with the reason', () => {
    expect(passwordProblem('short1', 'wang')).toBe('too_short');
    expect(passwordProblem('wang.wei-2026!', 'wang.wei')).toBe('same_as_username');
    expect(passwordProblem('aaaaaaaaaaaa', 'li')).toBe('too_simple');
    expect(passwordProblem('Yuhua-Grid-2026', 'li')).toBeUndefined();
  });

  it('makes one-time passwords that pass the policy and differ each time', () => {
    const a = oneTimePassword();
    expect(passwordProblem(a, 'admin')).toBeUndefined();
    expect(oneTimePassword()).not.toBe(a);
  });
});
