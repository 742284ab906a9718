import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isMobilePhone, maskName, maskPhone, PersonalDataCipher } from './crypto.js';

describe('personal data cipher', () => {
  const cipher = PersonalDataCipher.single(randomBytes(32));

  it('round-trips, never repeats a ciphertext, and hides the plaintext', () => {
    const a = cipher.encrypt('13812345678');
    const b = cipher.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(cipher.decrypt(a)).toBe('13812345678');
  });

  it('refuses a tampered value', () => {
    const a = cipher.encrypt('13812345678');
    const flip = a.at(-3) === 'A' ? 'B' : 'A';
    const tampered = `${a.slice(0, -3)}${flip}${a.slice(-2)}`;
    expect(() => cipher.decrypt(tampered)).toThrow();
  });

  it('reads values written under an older key after rotation', () => {
    const oldKey = randomBytes(32);
    const old = PersonalDataCipher.single(oldKey).encrypt('13900001111');
    const rotated = new PersonalDataCipher(
      new Map([
        ['v1', oldKey],
        ['v2', randomBytes(32)],
      ]),
      'v2',
    );
    expect(rotated.decrypt(old)).toBe('13900001111');
    expect(rotated.encrypt('x').startsWith('v2:')).toBe(true);
  });

  it('masks and validates phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(isMobilePhone('13812345678')).toBe(true);
    expect(isMobilePhone('12812345678')).toBe(false);
    expect(isMobilePhone('1381234567')).toBe(false);
  });

  it('masks a name down to its first and last character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('买买提·艾力')).toBe('买****力');
    expect(maskName('王')).toBe('*');
  });
});
