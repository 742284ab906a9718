import { readFileSync } from 'node:fs';
import path from 'node:path';
import packageCalendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { parseHolidayNotice } from './holiday-notice.js';

const notice = (year: number) =>
  readFileSync(path.join(import.meta.dirname, `../test/fixtures/notice-${year}.txt`), 'utf8');

/** The package's days of a year, as the notice would give them: holidays and make-up workdays. */
function packageDays(year: number) {
  const of = (entries: Record<string, string>) =>
    Object.keys(entries)
      .filter((d) => d.startsWith(`${year}-`))
      .sort();
  return { holidays: of(packageCalendar.holidays), workdays: of(packageCalendar.workdays) };
}

describe("reading the State Council's holiday notice", () => {
  for (const year of [2025, 2026]) {
    it(`reads the ${year} notice into exactly the days the chinese-days package has for ${year}`, () => {
      const { days, problems } = parseHolidayNotice(notice(year), year);
      expect(problems).toEqual([]);
      expect({
        holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
        workdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
      }).toEqual(packageDays(year));
    });
  }

  it('names each day by its festival, make-up workdays too', () => {
    const { days } = parseHolidayNotice(notice(2025), 2025);
    expect(days.find((d) => d.day === '2025-01-28')).toEqual({ day: '2025-01-28', kind: 'holiday', name: '春节' });
    expect(days.find((d) => d.day === '2025-10-11')).toEqual({
      day: '2025-10-11',
      kind: 'workday',
      name: '国庆节·中秋节',
    });
  });

  it('reads a span that starts in the year before, as 元旦 sometimes does', () => {
    const { days, problems } = parseHolidayNotice('一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。', 2023);
    expect(problems).toEqual([]);
    expect(days.map((d) => d.day)).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
  });

  it('reports an item it cannot read by its line instead of guessing, and a total that disagrees with the span', () => {
    const text = [
      '一、元旦：1月1日（周五）放假1天。',
      '二、春节：二月放假，共9天。',
      '三、清明节：4月4日至6日放假，共4天。',
    ];
    const { days, problems } = parseHolidayNotice(text.join('\n'), 2027);
    expect(days.map((d) => d.day)).toEqual(['2027-01-01']);
    expect(problems).toEqual([
      { line: 2, text: '二、春节：二月放假，共9天。' },
      { line: 3, text: '三、清明节：4月4日至6日放假，共4天。' },
    ]);
  });

  it('refuses a date that does not exist', () => {
    expect(parseHolidayNotice('一、元旦：2月30日放假1天。', 2027).problems).toHaveLength(1);
  });
});
