import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dateOfJulianDay,
  julianDay,
  leapMonthOf,
  lunarNewYear,
  lunarYearMonths,
  toLunar,
  toSolar,
} from '../../src/domain/lunar.js';

describe('lunar calendar (Vietnam, UTC+7)', () => {
  // Mùng 1 Tết as published in Vietnam (government holiday notices, Hồ Ngọc Đức's tables).
  const tet: [number, string][] = [
    [1969, '1969-02-16'],
    [1985, '1985-01-21'],
    [2000, '2000-02-05'],
    [2007, '2007-02-17'],
    [2010, '2010-02-14'],
    [2015, '2015-02-19'],
    [2017, '2017-01-28'],
    [2018, '2018-02-16'],
    [2019, '2019-02-05'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    // China has 03/02/2030: the new moon falls at 23:07 Hanoi time, 00:07 Beijing time.
    [2030, '2030-02-02'],
    [2031, '2031-01-23'],
    [2053, '2053-02-18'],
  ];
  for (const [year, date] of tet) {
    it(`Tết ${year} is ${date}`, () => {
      assert.equal(lunarNewYear(year), date);
      assert.deepEqual(toLunar(date), { year, month: 1, day: 1, leap: false });
    });
  }

  // Where the UTC+8 (Chinese) calendar differs: proves the time zone is really applied.
  const chinese: [number, string][] = [
    [1968, '1968-01-30'],
    [1985, '1985-02-20'],
    [2007, '2007-02-18'],
    [2030, '2030-02-03'],
    [2053, '2053-02-19'],
  ];
  for (const [year, date] of chinese) {
    it(`at UTC+8 Tết ${year} is China's ${date}, not Vietnam's`, () => {
      assert.equal(lunarNewYear(year, 8), date);
      assert.notEqual(lunarNewYear(year), date);
    });
  }

  it('1985: Vietnam has a leap 2nd month, China a leap 10th month in 1984', () => {
    assert.equal(leapMonthOf(1985), 2);
    assert.equal(leapMonthOf(1984), null);
    assert.equal(leapMonthOf(1984, 8), 10);
  });

  // Giỗ Tổ Hùng Vương, 10/3 lunar, as announced for the public holiday.
  const gioTo: [number, string][] = [
    [2019, '2019-04-14'],
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ];
  for (const [year, date] of gioTo) {
    it(`Giỗ Tổ ${year} is ${date}`, () => {
      assert.equal(toSolar({ year, month: 3, day: 10, leap: false }), date);
    });
  }

  const leaps: [number, number | null][] = [
    [2012, 4],
    [2014, 9],
    [2017, 6],
    [2020, 4],
    [2021, null],
    [2023, 2],
    [2024, null],
    [2025, 6],
    [2028, 5],
  ];
  for (const [year, month] of leaps) {
    it(`leap month of ${year}: ${month ?? 'none'}`, () => {
      assert.equal(leapMonthOf(year), month);
      assert.equal(lunarYearMonths(year).length, month === null ? 12 : 13);
    });
  }

  it('a leap month follows the month it repeats, and both convert both ways', () => {
    const months = lunarYearMonths(2023);
    assert.deepEqual(
      months.slice(0, 4).map((m) => [m.month, m.leap]),
      [[1, false], [2, false], [2, true], [3, false]],
    );
    assert.equal(toSolar({ year: 2023, month: 2, day: 1, leap: true }), '2023-03-22');
    assert.deepEqual(toLunar('2023-03-22'), { year: 2023, month: 2, day: 1, leap: true });
    assert.deepEqual(toLunar('2023-03-21'), { year: 2023, month: 2, day: 30, leap: false });
  });

  it('New Year’s Eve falls on 29 Chạp from Tết 2025 to Tết 2032, on 30 Chạp in 2024 and 2033', () => {
    const lastMonthLength = (year: number) => lunarYearMonths(year).at(-1)!.length;
    assert.equal(lastMonthLength(2023), 30);
    for (let year = 2024; year <= 2031; year += 1) assert.equal(lastMonthLength(year), 29, String(year));
    assert.equal(lastMonthLength(2032), 30);
    assert.deepEqual(toLunar('2024-02-09'), { year: 2023, month: 12, day: 30, leap: false });
    assert.deepEqual(toLunar('2025-01-28'), { year: 2024, month: 12, day: 29, leap: false });
  });

  it('solar days at the turn of the Gregorian year keep the lunar year of their month', () => {
    assert.deepEqual(toLunar('2023-12-31'), { year: 2023, month: 11, day: 19, leap: false });
    assert.deepEqual(toLunar('2024-01-01'), { year: 2023, month: 11, day: 20, leap: false });
    assert.deepEqual(toLunar('2026-01-01'), { year: 2025, month: 11, day: 13, leap: false });
  });

  it('every day from 1990 to 2040 converts to lunar and back', () => {
    for (let jd = julianDay(1990, 1, 1); jd <= julianDay(2040, 12, 31); jd += 1) {
      const { year, month, day } = dateOfJulianDay(jd);
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      assert.equal(toSolar(toLunar(iso)), iso);
    }
  });

  it('refuses lunar dates that do not exist', () => {
    assert.throws(() => toSolar({ year: 2024, month: 4, day: 1, leap: true }), /không có tháng 4 nhuận/);
    assert.throws(() => toSolar({ year: 2024, month: 12, day: 30, leap: false }), /có 29 ngày/);
    assert.throws(() => toSolar({ year: 2024, month: 1, day: 0, leap: false }), RangeError);
  });

  it('Julian day numbers round-trip, across the Gregorian reform', () => {
    assert.equal(julianDay(2000, 1, 1), 2451545);
    assert.equal(julianDay(1582, 10, 15) - julianDay(1582, 10, 4), 1);
    assert.deepEqual(dateOfJulianDay(2451545), { year: 2000, month: 1, day: 1 });
  });
});
