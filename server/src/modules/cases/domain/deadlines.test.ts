import { describe, expect, it } from 'vitest';
import { addWorkdays, deadlineState, packageCalendar, WorkCalendar, workdaysBetween } from './deadlines.js';

const at = (iso: string) => new Date(iso);

describe('working-day deadlines', () => {
  it('skips the National Day holiday', () => {
    // accepted 2026-09-30 afternoon (China time); 1 working day → after the 1–7 October holiday
    expect(addWorkdays(at('2026-09-30T15:00:00+08:00'), 1).toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });

  it('counts a make-up Saturday as a working day', () => {
    // 2026-10-09 is a Friday; Saturday 10 October 2026 is a make-up workday
    expect(addWorkdays(at('2026-10-09T10:00:00+08:00'), 1).toISOString().slice(0, 10)).toBe('2026-10-10');
  });

  it('skips an ordinary weekend', () => {
    expect(addWorkdays(at('2026-11-27T09:00:00+08:00'), 1).toISOString().slice(0, 10)).toBe('2026-11-30');
  });

  it('uses China time, not UTC, for the day a case was accepted', () => {
    // 23:30 UTC on Thursday is already Friday in China
    expect(addWorkdays(at('2026-11-26T23:30:00Z'), 1).toISOString().slice(0, 10)).toBe('2026-11-30');
  });

  it('counts working days between two instants across a holiday', () => {
    expect(workdaysBetween(at('2026-09-29T10:00:00+08:00'), at('2026-10-09T10:00:00+08:00'))).toBe(3);
  });

  it('warns before the deadline and marks it overdue after', () => {
    const start = at('2026-11-23T09:00:00+08:00');
    const due = at('2026-11-27T09:00:00+08:00');
    expect(deadlineState(start, due, at('2026-11-24T09:00:00+08:00'))).toBe('on_time');
    expect(deadlineState(start, due, at('2026-11-26T18:00:00+08:00'))).toBe('warning');
    expect(deadlineState(start, due, at('2026-11-27T10:00:00+08:00'))).toBe('overdue');
  });
});

describe('a year whose holiday arrangement is not loaded', () => {
  const only2026 = new WorkCalendar(packageCalendar().days, [2026]);

  it('is counted on weekdays: 1 working day after Thursday 31 December 2026 is Friday 1 January 2027', () => {
    const from = at('2026-12-31T10:00:00+08:00');
    const due = only2026.addWorkdays(from, 1);
    expect(due.toISOString()).toBe('2027-01-01T15:59:59.999Z');
    expect(only2026.estimated(from, due)).toBe(true);
  });

  it('marks nothing estimated that stays inside a loaded year', () => {
    const from = at('2026-12-01T10:00:00+08:00');
    expect(only2026.estimated(from, only2026.addWorkdays(from, 5))).toBe(false);
  });

  it('knows the package years and nothing after them', () => {
    const pkg = new WorkCalendar(packageCalendar().days, packageCalendar().years);
    expect(pkg.knows('2026-10-01')).toBe(true);
    expect(pkg.knows('2027-01-01')).toBe(false);
  });
});
