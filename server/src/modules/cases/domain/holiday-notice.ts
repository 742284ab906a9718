import type { CalendarDay } from './deadlines.js';

/**
 * Reads the State Council's yearly notice on holiday arrangements (国务院办公厅关于 YYYY 年部分节假日安排的通知) as it is
 * published, one festival per item:
 *
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 *   一、元旦：1月1日（周三）放假1天，不调休。
 *
 * Each item gives a holiday span (a day, or "至" another day, possibly in another month or year) and the make-up
 * workdays (上班). Anything that looks like an item but cannot be read is reported by its line, never guessed.
 */

export interface NoticeProblem {
  line: number;
  text: string;
}

export interface ParsedNotice {
  days: CalendarDay[];
  problems: NoticeProblem[];
}

const ITEM = /^\s*[一二三四五六七八九十]+、\s*([^：:]+)[：:](.*)$/;
/** A date: optional year, month, day, and the parenthesis of weekday and lunar date that follows it. */
const DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:[（(][^）)]*[）)])?/g;

function iso(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

function span(from: string, to: string): string[] {
  const days: string[] = [];
  for (const d = new Date(`${from}T12:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1))
    days.push(d.toISOString().slice(0, 10));
  return days;
}

interface DateRef {
  iso: string | null;
  end: number;
  start: number;
}

/** The dates of a clause in order; a date without a month takes the month of the date before it. */
function datesOf(clause: string, year: number): DateRef[] {
  const out: DateRef[] = [];
  let month: number | undefined;
  let y = year;
  for (const m of clause.matchAll(DATE)) {
    if (m[1]) y = Number(m[1]);
    if (m[2]) month = Number(m[2]);
    out.push({
      iso: month === undefined ? null : iso(y, month, Number(m[3])),
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
    });
  }
  return out;
}

/** One item's days, or null when it cannot be read as a whole. */
function readItem(body: string, year: number, name: string): CalendarDay[] | null {
  const sentences = body.split('。').filter((s) => s.trim());
  const off = sentences.find((s) => s.includes('放假'));
  if (!off) return null;
  const offDates = datesOf(off, year);
  const first = offDates[0];
  if (!first?.iso) return null;
  const between = off.slice(first.end, offDates[1]?.start ?? off.length);
  const last = between.includes('至') ? offDates[1] : first;
  if (!last?.iso || last.iso < first.iso) return null;
  const holiday = span(first.iso, last.iso);
  // "共N天" when given must agree with the span read, or the reading is wrong
  const total = /共(\d+)天/.exec(off)?.[1] ?? /放假(\d+)天/.exec(off)?.[1];
  if (total && Number(total) !== holiday.length) return null;
  const days: CalendarDay[] = holiday.map((day) => ({ day, kind: 'holiday', name }));
  for (const s of sentences.filter((x) => x.includes('上班'))) {
    const work = datesOf(s, year);
    if (!work.length || work.some((d) => !d.iso)) return null;
    for (const d of work) days.push({ day: d.iso as string, kind: 'workday', name });
  }
  return days;
}

/** The festivals of `year`'s notice: its holidays and make-up workdays, and the lines it could not read. */
export function parseHolidayNotice(text: string, year: number): ParsedNotice {
  const days = new Map<string, CalendarDay>();
  const problems: NoticeProblem[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const item = ITEM.exec(raw);
    if (!item) continue;
    const read = readItem(item[2] ?? '', year, (item[1] ?? '').trim().replace(/、/g, '·'));
    if (!read) problems.push({ line: i + 1, text: raw.trim() });
    else for (const d of read) days.set(d.day, d);
  }
  return { days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)), problems };
}
