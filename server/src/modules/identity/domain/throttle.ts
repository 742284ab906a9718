/**
 * Who is shut out of signing in, from the refused attempts of the last window (sliding, LOCKOUT_MINUTES).
 *
 * OWASP's authentication guidance warns that locking an account after n failures lets anyone lock anyone out, and
 * suggests locking out the source of the guesses instead (its "lock out only untrusted clients", of which device
 * cookies are one form). So, three counters:
 * - one address, whatever the accounts tried: a script walking names is stopped at `perAddress`;
 * - one account from one address: `threshold` guesses shut that address out of that account, the right password
 *   included, while the owner signing in from anywhere else is untouched;
 * - one account from every address, counting only guesses whose password was checked: past `perAccount`, only
 *   addresses the account has signed in from before are let in. Each address adds at most `threshold` of these, so it
 *   takes perAccount ÷ threshold addresses to reach, never one, and even then the owner's usual address still works.
 * An account that does not exist is counted by the name typed, exactly as one that does, so being shut tells nothing.
 */
/** The key an existing account's failures are counted under; one that does not exist is counted by what was typed. */
export const accountKey = (userId: number) => `user:${userId}`;

export interface Lockout {
  threshold: number;
  minutes: number;
  perAddress: number;
  perAccount: number;
}

export interface FailureCounts {
  fromAddress: number;
  accountFromAddress: number;
  /** Checked guesses only: attempts refused while shut do not count here. */
  account: number;
  /** The account has signed in from this address before. */
  knownAddress: boolean;
}

export type Shut = 'address' | 'account_from_address' | 'account';

export function shutBy(c: FailureCounts, l: Lockout): Shut | undefined {
  if (c.fromAddress >= l.perAddress) return 'address';
  if (c.accountFromAddress >= l.threshold) return 'account_from_address';
  if (c.account >= l.perAccount && !c.knownAddress) return 'account';
  return undefined;
}

/** Whether one more checked failure shuts the account from this address (or every unknown one). */
export function shutsAccountAfterFailure(c: FailureCounts, l: Lockout): boolean {
  return c.accountFromAddress + 1 >= l.threshold || c.account + 1 >= l.perAccount;
}
