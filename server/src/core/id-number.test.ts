import { describe, expect, it } from 'vitest';
import { birthDateOf, checkCharacter, idNumberProblem, maskIdNumber, sexOf } from './id-number.js';

// GB 11643's own worked example: 11010519491231002X
const EXAMPLE = '11010519491231002X';

describe('GB 11643 identity numbers', () => {
  it('computes the check character of the standard example', () => {
    expect(checkCharacter(EXAMPLE.slice(0, 17))).toBe('X');
    expect(idNumberProblem(EXAMPLE)).toBeUndefined();
  });

  it('refuses a wrong check digit, an impossible birth date and a bad format', () => {
    expect(idNumberProblem('110105194912310021')).toBe('check_digit');
    expect(idNumberProblem('110105194902300020')).toBe('birth_date');
    expect(idNumberProblem('11010519491231002')).toBe('format');
    expect(idNumberProblem('110105204912310020', new Date('2026-11-27'))).toBe('birth_date');
  });

  it('derives birth date and sex, and masks for display', () => {
    expect(birthDateOf(EXAMPLE)).toBe('1949-12-31');
    expect(sexOf(EXAMPLE)).toBe('female');
    expect(maskIdNumber(EXAMPLE)).toBe('110105********002X');
  });
});
