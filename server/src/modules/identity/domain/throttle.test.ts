import { describe, expect, it } from 'vitest';
import { type FailureCounts, type Lockout, shutBy, shutsAccountAfterFailure } from './throttle.js';

const limits: Lockout = { threshold: 5, minutes: 15, perAddress: 30, perAccount: 50 };
const none: FailureCounts = { fromAddress: 0, accountFromAddress: 0, account: 0, knownAddress: false };

describe('the sign-in throttle', () => {
  it('shuts one address out of one account after the threshold, and nothing else', () => {
    expect(shutBy({ ...none, fromAddress: 4, accountFromAddress: 4, account: 4 }, limits)).toBeUndefined();
    expect(shutBy({ ...none, fromAddress: 5, accountFromAddress: 5, account: 5 }, limits)).toBe('account_from_address');
    // the same account from another address: its own failures there are none
    expect(shutBy({ ...none, account: 5 }, limits)).toBeUndefined();
  });

  it('shuts an address that tries many names', () => {
    expect(shutBy({ ...none, fromAddress: 30 }, limits)).toBe('address');
  });

  it('past the account ceiling lets in only addresses the account signed in from before', () => {
    expect(shutBy({ ...none, account: 50 }, limits)).toBe('account');
    expect(shutBy({ ...none, account: 50, knownAddress: true }, limits)).toBeUndefined();
  });

  it('knows when a failure is the one that shuts the account', () => {
    expect(shutsAccountAfterFailure({ ...none, accountFromAddress: 3 }, limits)).toBe(false);
    expect(shutsAccountAfterFailure({ ...none, accountFromAddress: 4 }, limits)).toBe(true);
    expect(shutsAccountAfterFailure({ ...none, account: 49 }, limits)).toBe(true);
  });
});
