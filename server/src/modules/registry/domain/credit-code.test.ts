import { describe, expect, it } from 'vitest';
import { creditCheckCharacter, creditCodeProblem } from './credit-code.js';

// a widely used worked example (a Fuzhou registration)
const EXAMPLE = '91350100M000100Y43';

describe('GB 32100 unified social credit codes', () => {
  it('computes the check character of the published example', () => {
    expect(creditCheckCharacter(EXAMPLE.slice(0, 17))).toBe('3');
    expect(creditCodeProblem(EXAMPLE)).toBeUndefined();
  });

  it('refuses a wrong check character and a bad format', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check_character');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('format');
    // I, O, S, V and Z are not in the alphabet, and the division code is digits only
    expect(creditCodeProblem('91350100M0001O0Y43')).toBe('format');
    expect(creditCodeProblem('9135A100M000100Y43')).toBe('format');
  });
});
