import { describe, expect, it } from 'vitest';
import { caseNumber } from './case-number.js';

describe('a case number', () => {
  const evening = new Date('2026-12-01T16:30:00Z'); // 00:30 on 2 December in China

  it('carries the date in China and six digits', () => {
    expect(caseNumber(42, evening)).toBe('SZ20261202000042');
  });

  it('stays sixteen characters past the millionth case, wrapping to 000001', () => {
    expect(caseNumber(999_999, evening)).toBe('SZ20261202999999');
    expect(caseNumber(1_000_000, evening)).toBe('SZ20261202000001');
    expect(caseNumber(5_000_000_123, evening)).toMatch(/^SZ\d{14}$/);
  });
});
