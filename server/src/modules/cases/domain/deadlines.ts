import chineseDays from 'chinese-days';

// a CommonJS package: Node's ESM loader sees only its default export
const { findWorkday, isWorkday } = chineseDays;

/**
 * Deadlines in working days on the Chinese public-holiday calendar (chinese-days: statutory holidays and
 * make-up workdays, updated with each year's State Council notice). Days are counted in China time; a case
 * accepted on day D with N working days is due at the end of the N-th working day after D.
 */
const OFFSET_MS = 8 * 3600 * 1000;

function chinaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`));
}

export function addWorkdays(from: Date, workdays: number): Date {
  return endOfChinaDay(findWorkday(workdays, chinaDate(from)));
}

/** Working days between two instants, counting each working day (China time) touched after `from`. */
export function workdaysBetween(from: Date, to: Date): number {
  let n = 0;
  const day = new Date(Date.parse(`${chinaDate(from)}T12:00:00+08:00`));
  const last = chinaDate(to);
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const d = day.toISOString().slice(0, 10);
    if (d > last) break;
    if (isWorkday(d)) n++;
  }
  return n;
}

export type DeadlineState = 'on_time' | 'warning' | 'overdue';

/** Yellow within the last `warnShare` of the allowed time, red once past. */
export function deadlineState(start: Date, due: Date, now: Date, warnShare = 0.2): DeadlineState {
  if (now > due) return 'overdue';
  const total = due.getTime() - start.getTime();
  return due.getTime() - now.getTime() <= total * warnShare ? 'warning' : 'on_time';
}
