import type { Queryable } from '../../../core/db.js';
import { countEstimatedOpenCases, getCalendarYear, listCalendarYears } from '../db/calendar.repository.js';
import { chinaDate } from '../domain/deadlines.js';

/**
 * The calendar as an administrator checks it: the years loaded and from where, and the years deadlines already reach
 * that nobody has loaded (this year and the next, and any an open case's deadline falls in), with the open cases
 * whose deadline is only an estimate because of them.
 */
export async function calendarStatus(db: Queryable, now = new Date()) {
  const [years, estimatedCases, [furthest]] = await Promise.all([
    listCalendarYears(db),
    countEstimatedOpenCases(db),
    db.query<{ year: number | null }>(
      `SELECT extract(year FROM max(due_at) AT TIME ZONE 'Asia/Shanghai')::int AS year FROM cases_cases
       WHERE closed_at IS NULL`,
    ),
  ]);
  const thisYear = Number(chinaDate(now).slice(0, 4));
  const loaded = new Set(years.map((y) => y.year));
  const reach = Math.max(thisYear + 1, furthest?.year ?? thisYear);
  const missing: number[] = [];
  for (let y = thisYear; y <= reach; y++) if (!loaded.has(y)) missing.push(y);
  return { years, missing, estimatedCases };
}

export async function calendarYear(db: Queryable, year: number) {
  return getCalendarYear(db, year);
}
