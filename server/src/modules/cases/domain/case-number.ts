/** How many numbers a day holds: six digits, read out over the phone. */
const PER_DAY = 999_999;

/**
 * Case number: SZ + the date in China + six digits, always 16 characters (the Open311 id pattern `SZ\d{14}`).
 * The digits come from one sequence for the deployment (a per-day counter would make every intake wait on one row)
 * and wrap from 999999 to 000001, so a number stays valid however many cases came before; two cases share a number
 * only if one day took more than 999,999 of them, which the unique column then refuses.
 */
export function caseNumber(sequence: number, now: Date): string {
  const day = new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
  return `SZ${day}${String(((sequence - 1) % PER_DAY) + 1).padStart(6, '0')}`;
}
