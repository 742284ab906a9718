import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Db, Queryable } from '../../../core/db.js';
import { casesErrors } from '../cases.errors.js';
import {
  calendarVersion,
  estimatedOpenCases,
  loadCalendar,
  replaceCalendarYear,
  seedPackageYears,
  setDueDates,
} from '../db/calendar.repository.js';
import { packageCalendar, setWorkCalendar, WorkCalendar, workCalendar } from '../domain/deadlines.js';
import { parseHolidayNotice } from '../domain/holiday-notice.js';

/** Reads a notice without storing it: what the administrator checks before loading it. */
export function previewNotice(year: number, notice: string) {
  const { days, problems } = parseHolidayNotice(notice, year);
  return { year, days, problems };
}

/**
 * Loads a year's State Council notice as that year's arrangement, replacing what was there, and counts the deadlines
 * of open cases that were estimated on weekdays again on the real days: each keeps the working days it was given.
 */
export async function loadCalendarYear(
  db: Db,
  actor: Actor,
  input: { year: number; notice: string },
  meta: { ip?: string; requestId?: string },
) {
  const { days, problems } = parseHolidayNotice(input.notice, input.year);
  if (problems.length)
    throw casesErrors.noticeUnreadable({ field: 'notice', params: { lines: problems.map((p) => p.line).join('、') } });
  if (!days.some((d) => d.kind === 'holiday')) throw casesErrors.noticeEmpty({ field: 'notice' });
  // 元旦 may start on 31 December before and a make-up day fall early in January after; nothing further
  const outside = days.find((d) => !nearYear(d.day, input.year));
  if (outside)
    throw casesErrors.noticeWrongYear({ field: 'year', params: { day: outside.day, year: String(input.year) } });

  const before = workCalendar();
  const result = await db.transaction(async (tx) => {
    await replaceCalendarYear(tx, { ...input, days, by: { id: actor.id, name: actor.displayName } });
    const stored = await loadCalendar(tx);
    const after = new WorkCalendar(stored.days, stored.years);
    const recounted = (await estimatedOpenCases(tx)).map((c) => {
      const dueAt = after.addWorkdays(c.acceptedAt, before.workdaysBetween(c.acceptedAt, c.dueAt));
      return { id: c.id, dueAt, estimated: after.estimated(c.acceptedAt, dueAt) };
    });
    await setDueDates(tx, recounted);
    const holidays = days.filter((d) => d.kind === 'holiday').length;
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'cases.calendar_loaded',
      subject: `calendar:${input.year}`,
      detail: { holidays, workdays: days.length - holidays, recounted: recounted.length },
      ...meta,
    });
    return {
      calendar: after,
      year: input.year,
      holidays,
      workdays: days.length - holidays,
      recounted: recounted.length,
    };
  });
  setWorkCalendar(result.calendar);
  const { calendar: _, ...summary } = result;
  return summary;
}

function nearYear(day: string, year: number): boolean {
  return day.startsWith(`${year}-`) || day.startsWith(`${year - 1}-12-`) || day.startsWith(`${year + 1}-01-`);
}

/** The package's years into the table (a year an administrator loaded stays theirs), then the calendar in use. */
export async function seedCalendar(db: Queryable): Promise<number> {
  const pkg = packageCalendar();
  const added = await seedPackageYears(db, pkg.days, pkg.years);
  await refreshCalendar(db, true);
  return added;
}

let loadedVersion = '';

/** Uses the stored calendar, reading it again only when a year was loaded since (by this or another instance). */
export async function refreshCalendar(db: Queryable, force = false): Promise<void> {
  const version = await calendarVersion(db);
  if (!force && version === loadedVersion) return;
  const stored = await loadCalendar(db);
  setWorkCalendar(new WorkCalendar(stored.days, stored.years));
  loadedVersion = version;
}
