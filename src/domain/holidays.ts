/**
 * Vietnam's public holidays (Labour Code 2019, Art. 112) for state agencies, whose weekly rest is
 * Saturday and Sunday. Tết Nguyên đán and Giỗ Tổ Hùng Vương follow the lunar calendar and are
 * computed. The Prime Minister fixes the five days of Tết and the day joined to 2/9 each year
 * (Art. 112(3)); the defaults below follow the pattern the government used in 2019–2026 and are
 * overridable, and announced swaps and extra days off come in as data (working-days.ts).
 */
import { lunarNewYear, toSolar } from './lunar.js';
import { splitIsoDate } from './text.js';

export type HolidayKind =
  | 'new_year'
  | 'tet'
  | 'hung_kings'
  | 'reunification'
  | 'labour'
  | 'national_day'
  | 'compensatory';

export const HOLIDAY_NAMES: Record<HolidayKind, string> = {
  new_year: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hung_kings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế lao động',
  national_day: 'Quốc khánh',
  compensatory: 'Nghỉ bù',
};

export interface Holiday {
  date: string;
  kind: HolidayKind;
  /** For a compensatory day: the holiday date it makes up for. */
  makesUpFor?: string;
}

/** Which neighbour of 2/9 is the second day of Quốc khánh. */
export type NationalDayAdjacent = 'before' | 'after';

export interface HolidayOptions {
  /**
   * Days of Tết before mùng 1; the rest of the five follow it. Default 2 (the last two days of
   * the lunar year and mùng 1–3), which with nghỉ bù gives the weekdays off of every Tết 2019–2026.
   */
  tetDaysBefore?: number;
  /** Per Gregorian year, the government's choice of 1/9 ('before') or 3/9 ('after'). */
  nationalDayAdjacent?: Readonly<Record<number, NationalDayAdjacent>>;
}

export const DEFAULT_TET_DAYS_BEFORE = 2;
const TET_DAYS = 5;
/** Quốc khánh has two days from 2021 (Labour Code 2019); one before. */
const TWO_DAY_NATIONAL_DAY_FROM = 2021;

/** Day of the week of an ISO date, 0 = Sunday … 6 = Saturday. */
export function weekday(isoDate: string): number {
  const [y, m, d] = splitIsoDate(isoDate);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(isoDate: string): boolean {
  const day = weekday(isoDate);
  return day === 0 || day === 6;
}

/** True for an existing calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = splitIsoDate(isoDate);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The default second day of Quốc khánh: the neighbour that is a weekday; when both are, the one
 * that joins a weekend (1/9 on a Monday, 3/9 on a Friday), else 3/9. This is the choice the
 * government made in 2021–2025.
 */
export function defaultNationalDayAdjacent(year: number): NationalDayAdjacent {
  const before = iso(year, 9, 1);
  const after = iso(year, 9, 3);
  if (isWeekend(after)) return 'before';
  if (isWeekend(before)) return 'after';
  return weekday(before) === 1 ? 'before' : 'after';
}

/** The statutory holidays falling in a Gregorian year, by date, before any nghỉ bù. */
export function statutoryHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  const tetDaysBefore = options.tetDaysBefore ?? DEFAULT_TET_DAYS_BEFORE;
  if (!Number.isInteger(tetDaysBefore) || tetDaysBefore < 0 || tetDaysBefore > TET_DAYS) {
    throw new RangeError(`Số ngày nghỉ trước Tết không hợp lệ: ${tetDaysBefore}`);
  }
  const tet = lunarNewYear(year);
  const holidays: Holiday[] = [{ date: iso(year, 1, 1), kind: 'new_year' }];
  for (let i = -tetDaysBefore; i < TET_DAYS - tetDaysBefore; i += 1) {
    holidays.push({ date: addDays(tet, i), kind: 'tet' });
  }
  holidays.push({ date: toSolar({ year, month: 3, day: 10, leap: false }), kind: 'hung_kings' });
  holidays.push({ date: iso(year, 4, 30), kind: 'reunification' });
  holidays.push({ date: iso(year, 5, 1), kind: 'labour' });
  holidays.push({ date: iso(year, 9, 2), kind: 'national_day' });
  if (year >= TWO_DAY_NATIONAL_DAY_FROM) {
    const side = options.nationalDayAdjacent?.[year] ?? defaultNationalDayAdjacent(year);
    holidays.push({ date: iso(year, 9, side === 'before' ? 1 : 3), kind: 'national_day' });
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Nghỉ bù (Labour Code 2019, Art. 111(3)): a holiday on a weekly rest day is made up on the next
 * working day, i.e. the next weekday that is neither a holiday nor already a day made up.
 */
export function compensatoryDays(holidays: readonly Holiday[]): Holiday[] {
  const taken = new Set(holidays.map((h) => h.date));
  const out: Holiday[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    out.push({ date: day, kind: 'compensatory', makesUpFor: holiday.date });
  }
  return out;
}

/** Every public holiday and day made up for one in a Gregorian year, by date. */
export function holidaysOfYear(year: number, options: HolidayOptions = {}): Holiday[] {
  const statutory = statutoryHolidays(year, options);
  return [...statutory, ...compensatoryDays(statutory)].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}
