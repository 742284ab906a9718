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
    // a province GB/T 2260 does not have, and a code for a whole province, each with a correct check digit
    expect(idNumberProblem(`99999919900101123${checkCharacter('99999919900101123')}`)).toBe('division');
    expect(idNumberProblem(`37000019900101123${checkCharacter('37000019900101123')}`)).toBe('division');
    // a county merged away since (南京's 下关区, 320107, into 鼓楼区 in 2013) is still on valid cards
    expect(idNumberProblem(`32010719900101123${checkCharacter('32010719900101123')}`)).toBeUndefined();
    expect(idNumberProblem('110105204912310020', new Date('2026-11-27'))).toBe('birth_date');
  });

  it('derives birth date and sex, and masks for display', () => {
    expect(birthDateOf(EXAMPLE)).toBe('1949-12-31');
    expect(sexOf(EXAMPLE)).toBe('female');
    expect(maskIdNumber(EXAMPLE)).toBe('110105********002X');
  });
});
