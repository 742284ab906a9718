import type { Queryable } from '../../../core/db.js';
import type { CalendarDay } from '../domain/deadlines.js';

/** SQL on cases_calendar_years and cases_calendar_days: the working-day calendar as data. */

export interface CalendarYear {
  year: number;
  source: 'package' | 'notice';
  loadedByName: string | null;
  loadedAt: Date;
  holidays: number;
  workdays: number;
}

export async function loadCalendar(db: Queryable): Promise<{ days: CalendarDay[]; years: number[] }> {
  const [days, years] = await Promise.all([
    db.query<CalendarDay & Record<string, unknown>>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM cases_calendar_days ORDER BY day`,
    ),
    db.query<{ year: number }>('SELECT year FROM cases_calendar_years ORDER BY year'),
  ]);
  return { days, years: years.map((y) => y.year) };
}

/** What changes whenever a year is loaded anywhere: an instance that sees it change reloads its calendar. */
export async function calendarVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ v: string }>(
    `SELECT count(*)::text || ':' || coalesce(max(loaded_at)::text, '') AS v FROM cases_calendar_years`,
  );
  return row?.v ?? '';
}

export async function listCalendarYears(db: Queryable): Promise<CalendarYear[]> {
  return db.query<CalendarYear & Record<string, unknown>>(
    `SELECT y.year, y.source, y.loaded_by_name AS "loadedByName", y.loaded_at AS "loadedAt",
       count(d.day) FILTER (WHERE d.kind = 'holiday')::int AS holidays,
       count(d.day) FILTER (WHERE d.kind = 'workday')::int AS workdays
     FROM cases_calendar_years y LEFT JOIN cases_calendar_days d ON d.year = y.year
     GROUP BY y.year ORDER BY y.year DESC`,
  );
}

export async function getCalendarYear(db: Queryable, year: number) {
  const [row] = await db.query<{ year: number; source: string; notice: string | null } & Record<string, unknown>>(
    'SELECT year, source, notice FROM cases_calendar_years WHERE year = $1',
    [year],
  );
  if (!row) return undefined;
  const days = await db.query<CalendarDay & Record<string, unknown>>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM cases_calendar_days WHERE year = $1 ORDER BY day`,
    [year],
  );
  return { ...row, days };
}

/** The package's years the table does not hold yet; a year an administrator loaded is theirs and stays. */
export async function seedPackageYears(db: Queryable, days: CalendarDay[], years: number[]): Promise<number> {
  const added = await db.query<{ year: number }>(
    `INSERT INTO cases_calendar_years (year, source) SELECT unnest($1::int[]), 'package'
     ON CONFLICT (year) DO NOTHING RETURNING year`,
    [years],
  );
  const fresh = new Set(added.map((r) => r.year));
  const mine = days.filter((d) => fresh.has(Number(d.day.slice(0, 4))));
  if (mine.length)
    await db.query(
      `INSERT INTO cases_calendar_days (day, year, kind, name)
       SELECT t.day::date, extract(year FROM t.day::date)::int, t.kind, t.name
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(day, kind, name) ON CONFLICT (day) DO NOTHING`,
      [mine.map((d) => d.day), mine.map((d) => d.kind), mine.map((d) => d.name)],
    );
  return fresh.size;
}

/** One year's arrangement replaced as a whole by the notice's. */
export async function replaceCalendarYear(
  db: Queryable,
  y: { year: number; notice: string; days: CalendarDay[]; by: { id: number; name: string } },
): Promise<void> {
  await db.query('DELETE FROM cases_calendar_days WHERE year = $1 OR day = ANY($2::date[])', [
    y.year,
    y.days.map((d) => d.day),
  ]);
  await db.query(
    `INSERT INTO cases_calendar_years (year, source, notice, loaded_by, loaded_by_name, loaded_at)
     VALUES ($1, 'notice', $2, $3, $4, now())
     ON CONFLICT (year) DO UPDATE SET source = 'notice', notice = $2, loaded_by = $3, loaded_by_name = $4, loaded_at = now()`,
    [y.year, y.notice, y.by.id, y.by.name],
  );
  await db.query(
    `INSERT INTO cases_calendar_days (day, year, kind, name)
     SELECT t.day::date, $1, t.kind, t.name FROM unnest($2::text[], $3::text[], $4::text[]) AS t(day, kind, name)`,
    [y.year, y.days.map((d) => d.day), y.days.map((d) => d.kind), y.days.map((d) => d.name)],
  );
}

/** Open cases whose deadline was estimated, with what it was counted from: to be counted again on the real days. */
export async function estimatedOpenCases(db: Queryable) {
  return db.query<{ id: number; acceptedAt: Date; dueAt: Date } & Record<string, unknown>>(
    `SELECT id::int AS id, accepted_at AS "acceptedAt", due_at AS "dueAt" FROM cases_cases
     WHERE due_estimated AND closed_at IS NULL AND accepted_at IS NOT NULL AND due_at IS NOT NULL ORDER BY id`,
  );
}

export async function setDueDates(db: Queryable, rows: { id: number; dueAt: Date; estimated: boolean }[]) {
  if (!rows.length) return;
  await db.query(
    `UPDATE cases_cases c SET due_at = t.due_at, due_estimated = t.estimated, version = c.version + 1
     FROM unnest($1::bigint[], $2::timestamptz[], $3::boolean[]) AS t(id, due_at, estimated) WHERE c.id = t.id`,
    [rows.map((r) => r.id), rows.map((r) => r.dueAt.toISOString()), rows.map((r) => r.estimated)],
  );
}

export async function countEstimatedOpenCases(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM cases_cases WHERE due_estimated AND closed_at IS NULL',
  );
  return row?.n ?? 0;
}
