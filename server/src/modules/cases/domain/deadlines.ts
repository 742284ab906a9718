import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/**
 * Deadlines in working days on the Chinese public-holiday calendar: statutory holidays and make-up workdays as the
 * State Council's yearly notice sets them, weekdays otherwise. Days are counted in China time; a case accepted on
 * day D with N working days is due at the end of the N-th working day after D.
 *
 * The calendar is data (cases_calendar_*), seeded from the chinese-days package and extended by an administrator
 * who loads each year's notice. A year nobody has loaded is counted on weekdays alone, and whatever falls in it is
 * flagged as an estimate, never passed off as exact.
 */
const OFFSET_MS = 8 * 3600 * 1000;

export type DayKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** YYYY-MM-DD, China time. */
  day: string;
  kind: DayKind;
  /** The festival the day belongs to (元旦, 春节…), a make-up workday's too. */
  name: string;
}

export class WorkCalendar {
  private readonly kinds: Map<string, DayKind>;
  readonly years: ReadonlySet<number>;

  constructor(days: readonly CalendarDay[], years: Iterable<number>) {
    this.kinds = new Map(days.map((d) => [d.day, d.kind]));
    this.years = new Set(years);
  }

  /** The State Council's arrangement for the year of `day` is loaded. */
  knows(day: string): boolean {
    return this.years.has(Number(day.slice(0, 4)));
  }

  isWorkday(day: string): boolean {
    const kind = this.kinds.get(day);
    if (kind) return kind === 'workday';
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The end of the N-th working day after the day of `from` (China time). */
  addWorkdays(from: Date, workdays: number): Date {
    let day = chinaDate(from);
    for (let n = 0; n < workdays; ) {
      day = nextDay(day);
      if (this.isWorkday(day)) n++;
    }
    return endOfChinaDay(day);
  }

  /** Working days between two instants, counting each working day (China time) touched after `from`. */
  workdaysBetween(from: Date, to: Date): number {
    let n = 0;
    const last = chinaDate(to);
    for (let day = nextDay(chinaDate(from)); day <= last; day = nextDay(day)) if (this.isWorkday(day)) n++;
    return n;
  }

  /** A deadline from `from` to `due` crosses a year whose arrangement is not loaded: it is an estimate. */
  estimated(from: Date, due: Date): boolean {
    for (let year = Number(chinaDate(from).slice(0, 4)); year <= Number(chinaDate(due).slice(0, 4)); year++)
      if (!this.years.has(year)) return true;
    return false;
  }
}

/** The days and years of the calendar the chinese-days package ships: every year it has data for. */
export function packageCalendar(): { days: CalendarDay[]; years: number[] } {
  const days: CalendarDay[] = [];
  const years = new Set<number>();
  for (const [kind, entries] of [
    ['holiday', packageData.holidays],
    ['workday', packageData.workdays],
  ] as const) {
    for (const [day, label] of Object.entries(entries as Record<string, string>)) {
      days.push({ day, kind, name: label.split(',')[1] ?? '' });
      years.add(Number(day.slice(0, 4)));
    }
  }
  return { days, years: [...years].sort() };
}

let current = (({ days, years }) => new WorkCalendar(days, years))(packageCalendar());

/** The calendar deadlines are computed on; replaced when the stored one is loaded or a year's notice imported. */
export function workCalendar(): WorkCalendar {
  return current;
}

export function setWorkCalendar(calendar: WorkCalendar): void {
  current = calendar;
}

export function chinaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`));
}

export function addWorkdays(from: Date, workdays: number): Date {
  return current.addWorkdays(from, workdays);
}

export function workdaysBetween(from: Date, to: Date): number {
  return current.workdaysBetween(from, to);
}

export type DeadlineState = 'on_time' | 'warning' | 'overdue';

/** Yellow within the last `warnShare` of the allowed time, red once past. */
export function deadlineState(start: Date, due: Date, now: Date, warnShare = 0.2): DeadlineState {
  if (now > due) return 'overdue';
  const total = due.getTime() - start.getTime();
  return due.getTime() - now.getTime() <= total * warnShare ? 'warning' : 'on_time';
}
