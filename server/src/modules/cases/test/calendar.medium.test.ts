import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { refreshCalendar } from '../commands/load-calendar-year.js';

/**
 * The working-day calendar as data: seeded from the package, a year's State Council notice loaded by a district
 * administrator, and a deadline that reaches a year nobody loaded counted on weekdays and flagged, never passed off
 * as exact — then counted again on the real days once the year is loaded.
 */

const STREET = '370983002';
const NOTICE_2027 = readFileSync(path.join(import.meta.dirname, 'fixtures/notice-2027-hypothetical.txt'), 'utf8');
const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

let t: TestApp;
let street: string;
let point: { lng: number; lat: number };

const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function acceptedCase(description: string): Promise<number> {
  const resident = await t.userCookie('resident', '370983', `cal.${description.length}.${Date.now()}`);
  const reported = await call('POST', '/api/cases', resident, { categoryCode: 'E0302', description, location: point });
  expect(reported.statusCode, reported.body).toBe(201);
  const id = reported.json().case.id as number;
  expect((await call('POST', `/api/cases/${id}/actions`, street, { action: 'accept' })).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  street = await t.userCookie('street_staff', STREET, 'cal.street');
  const grids = await call('GET', `/api/geo/regions/${STREET}001/grids`, t.adminCookie);
  const code = grids.json().features[0].properties.code as string;
  const [lng, lat] = (await call('GET', `/api/geo/grids/${code}`, t.adminCookie)).json().grid.centroid;
  point = { lng, lat };
});
afterAll(async () => t?.stop());

describe('the working-day calendar', () => {
  it('starts with every year the package knows and names the years deadlines reach that nobody loaded', async () => {
    const status = (await call('GET', '/api/cases/calendar', street)).json();
    const years = status.years.map((y: { year: number }) => y.year);
    expect(years).toContain(2004);
    expect(years).toContain(2026);
    expect(status.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({
      source: 'package',
      holidays: 33,
      workdays: 6,
    });
    expect(status.missing).toContain(Math.max(thisYear + 1, 2027));
    const oct = (await call('GET', '/api/cases/calendar/2026', street)).json().days;
    expect(oct).toContainEqual({ day: '2026-10-10', kind: 'workday', name: '国庆节' });
  });

  it('reads a notice back before storing it, and refuses one it cannot read, naming the lines', async () => {
    const preview = await call('POST', '/api/cases/calendar/preview', t.adminCookie, {
      year: 2027,
      notice: NOTICE_2027,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().days).toHaveLength(3 + 9 + 1);
    const bad = await call('PUT', '/api/cases/calendar/2027', t.adminCookie, {
      notice: '一、元旦：1月1日放假1天。\n二、春节：二月初放假，共9天。',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'cases.notice_unreadable', field: 'notice' });
    expect(bad.json().error.message).toContain('第 2 行');
    const resident = await t.userCookie('resident', '370983', 'cal.resident');
    expect((await call('PUT', '/api/cases/calendar/2027', street, { notice: NOTICE_2027 })).statusCode).toBe(403);
    expect((await call('GET', '/api/cases/calendar', resident)).statusCode).toBe(403);
  });

  it("counts an estimated deadline again on the loaded year's days, keeping the working days it was given", async () => {
    // accepted Monday 28 December 2026 with 10 working days while 2027 was unknown: counted on weekdays,
    // 29, 30, 31 Dec (3), Fri 1 Jan (4), 4–8 Jan (9), Mon 11 Jan (10) → due at the end of 11 January 2027
    const id = await acceptedCase('元旦前受理的案件');
    await t.db.query(
      `UPDATE cases_cases SET accepted_at = '2026-12-28T10:00:00+08:00', due_at = '2027-01-11T23:59:59.999+08:00',
         due_estimated = true WHERE id = $1`,
      [id],
    );
    const loaded = await call('PUT', '/api/cases/calendar/2027', t.adminCookie, { notice: NOTICE_2027 });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json()).toMatchObject({ year: 2027, holidays: 12, workdays: 1 });
    expect(loaded.json().recounted).toBeGreaterThanOrEqual(1);
    // with 1–3 January a holiday: 29, 30, 31 Dec (3), 4–8 Jan (8), 11 Jan (9), 12 Jan (10) → end of 12 January
    const c = (await call('GET', `/api/cases/${id}`, street)).json().case;
    expect(c.dueAt).toBe('2027-01-12T15:59:59.999Z');
    expect(c.dueEstimated).toBe(false);
    const [audit] = await t.db.query<{ detail: { recounted: number } }>(
      `SELECT detail FROM core_audit WHERE action = 'cases.calendar_loaded' AND subject = 'calendar:2027'`,
    );
    expect(audit?.detail.recounted).toBe(loaded.json().recounted);
    const y2027 = (await call('GET', '/api/cases/calendar', street))
      .json()
      .years.find((y: { year: number }) => y.year === 2027);
    expect(y2027).toMatchObject({ source: 'notice', loadedByName: expect.any(String) });
  });

  it('flags a deadline that reaches a year nobody loaded, on the case and on the calendar page', async () => {
    await t.db.query('DELETE FROM cases_calendar_years WHERE year >= $1', [thisYear]);
    await refreshCalendar(t.db, true);
    const id = await acceptedCase('日历未载入时受理的案件');
    expect((await call('GET', `/api/cases/${id}`, street)).json().case.dueEstimated).toBe(true);
    const status = (await call('GET', '/api/cases/calendar', street)).json();
    expect(status.missing).toContain(thisYear);
    expect(status.estimatedCases).toBeGreaterThanOrEqual(1);
  });
});
