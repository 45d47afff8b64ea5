import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  compensatoryDays,
  defaultNationalDayAdjacent,
  holidaysOfYear,
  statutoryHolidays,
  weekday,
} from '../../src/domain/holidays.js';
import { type DayChange, workCalendar } from '../../src/domain/working-days.js';

/** Weekdays (Mon–Fri) not worked between two dates, and weekend days worked. */
function weekdaysOff(changes: DayChange[], from: string, to: string): string[] {
  const calendar = workCalendar({ changes });
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const weekend = weekday(day) === 0 || weekday(day) === 6;
    if (!weekend && !calendar.isWorkingDay(day)) out.push(day);
    if (weekend && calendar.isWorkingDay(day)) out.push(`worked ${day}`);
  }
  return out;
}

describe('public holidays', () => {
  // What the government announced for state agencies (Mon–Fri days off inside each window),
  // with the swaps it announced as data. The computed calendar must reproduce each of them.
  const seasons: { name: string; from: string; to: string; changes?: DayChange[]; off: string[] }[] = [
    { name: 'Tết 2020', from: '2020-01-18', to: '2020-02-05', off: ['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29'] },
    { name: 'Tết 2021', from: '2021-02-06', to: '2021-02-21', off: ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'] },
    { name: 'Tết 2022', from: '2022-01-24', to: '2022-02-11', off: ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'] },
    { name: 'Tết 2023', from: '2023-01-14', to: '2023-02-01', off: ['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'] },
    { name: 'Tết 2024', from: '2024-02-03', to: '2024-02-20', off: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'] },
    {
      name: 'Tết 2025 (Saturday 08/02 worked for Monday 27/01)',
      from: '2025-01-20',
      to: '2025-02-10',
      changes: [
        { date: '2025-01-27', kind: 'off', note: 'Hoán đổi, làm bù thứ Bảy 08/02/2025' },
        { date: '2025-02-08', kind: 'working', note: 'Làm bù cho thứ Hai 27/01/2025' },
      ],
      off: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', 'worked 2025-02-08'],
    },
    { name: 'Tết 2026', from: '2026-02-09', to: '2026-02-27', off: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'] },
    { name: 'New Year 2022 on a Saturday', from: '2021-12-27', to: '2022-01-07', off: ['2022-01-03'] },
    { name: 'New Year 2023 on a Sunday', from: '2022-12-26', to: '2023-01-06', off: ['2023-01-02'] },
    { name: 'Giỗ Tổ 2022 on a Sunday', from: '2022-04-04', to: '2022-04-15', off: ['2022-04-11'] },
    { name: '30/4–1/5 2022 on a weekend', from: '2022-04-25', to: '2022-05-06', off: ['2022-05-02', '2022-05-03'] },
    { name: '30/4–1/5 2021', from: '2021-04-26', to: '2021-05-07', off: ['2021-04-30', '2021-05-03'] },
    {
      name: '30/4–1/5 2024 (Saturday 04/05 worked for Monday 29/04)',
      from: '2024-04-22',
      to: '2024-05-10',
      changes: [
        { date: '2024-04-29', kind: 'off', note: 'Hoán đổi' },
        { date: '2024-05-04', kind: 'working', note: 'Làm bù' },
      ],
      off: ['2024-04-29', '2024-04-30', '2024-05-01', 'worked 2024-05-04'],
    },
    { name: 'Quốc khánh 2021', from: '2021-08-30', to: '2021-09-10', off: ['2021-09-02', '2021-09-03'] },
    { name: 'Quốc khánh 2022', from: '2022-08-29', to: '2022-09-09', off: ['2022-09-01', '2022-09-02'] },
    { name: 'Quốc khánh 2023 (2/9 on a Saturday)', from: '2023-08-28', to: '2023-09-08', off: ['2023-09-01', '2023-09-04'] },
    { name: 'Quốc khánh 2024', from: '2024-08-26', to: '2024-09-06', off: ['2024-09-02', '2024-09-03'] },
    { name: 'Quốc khánh 2025', from: '2025-08-25', to: '2025-09-05', off: ['2025-09-01', '2025-09-02'] },
  ];
  for (const season of seasons) {
    it(season.name, () => {
      assert.deepEqual(weekdaysOff(season.changes ?? [], season.from, season.to), season.off);
    });
  }

  it('lists the statutory days of 2024 by date, Tết and Giỗ Tổ computed from the lunar calendar', () => {
    assert.deepEqual(
      statutoryHolidays(2024).map((h) => `${h.date} ${h.kind}`),
      [
        '2024-01-01 new_year',
        '2024-02-08 tet',
        '2024-02-09 tet',
        '2024-02-10 tet',
        '2024-02-11 tet',
        '2024-02-12 tet',
        '2024-04-18 hung_kings',
        '2024-04-30 reunification',
        '2024-05-01 labour',
        '2024-09-02 national_day',
        '2024-09-03 national_day',
      ],
    );
  });

  it('has eleven statutory days a year from 2021, ten before (Quốc khánh had one day)', () => {
    for (let year = 2015; year <= 2035; year += 1) {
      assert.equal(statutoryHolidays(year).length, year >= 2021 ? 11 : 10, String(year));
    }
  });

  it('Tết keeps five days however they are placed around mùng 1', () => {
    const tetDays = (before: number) =>
      statutoryHolidays(2024, { tetDaysBefore: before }).filter((h) => h.kind === 'tet').map((h) => h.date);
    assert.deepEqual(tetDays(1), ['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13']);
    assert.deepEqual(tetDays(0), ['2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14']);
    assert.throws(() => statutoryHolidays(2024, { tetDaysBefore: 6 }), RangeError);
  });

  it('picks the day joined to 2/9 as the government did, and lets the board override it', () => {
    const chosen: [number, 'before' | 'after'][] = [
      [2021, 'after'],
      [2022, 'before'],
      [2023, 'before'],
      [2024, 'after'],
      [2025, 'before'],
      [2026, 'after'],
      [2029, 'after'],
    ];
    for (const [year, side] of chosen) assert.equal(defaultNationalDayAdjacent(year), side, String(year));
    const days = statutoryHolidays(2026, { nationalDayAdjacent: { 2026: 'before' } })
      .filter((h) => h.kind === 'national_day')
      .map((h) => h.date);
    assert.deepEqual(days, ['2026-09-01', '2026-09-02']);
  });

  it('makes up weekend holidays on the next weekday that is not itself a holiday', () => {
    assert.deepEqual(
      compensatoryDays(statutoryHolidays(2023)).map((h) => `${h.makesUpFor}→${h.date}`),
      ['2023-01-01→2023-01-02', '2023-01-21→2023-01-25', '2023-01-22→2023-01-26', '2023-04-29→2023-05-02', '2023-04-30→2023-05-03', '2023-09-02→2023-09-04'],
    );
  });

  it('never makes up a weekday holiday, and every compensatory day is a weekday', () => {
    for (let year = 2019; year <= 2035; year += 1) {
      for (const h of holidaysOfYear(year)) {
        if (h.kind === 'compensatory') assert.ok(weekday(h.date) >= 1 && weekday(h.date) <= 5, h.date);
      }
      const statutoryOnWeekend = statutoryHolidays(year).filter((h) => weekday(h.date) % 6 === 0).length;
      assert.equal(holidaysOfYear(year).filter((h) => h.kind === 'compensatory').length, statutoryOnWeekend);
    }
  });
});
