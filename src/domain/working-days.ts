/**
 * Working days of state agencies: Monday to Friday, less public holidays and the days made up for
 * them, less the extra days off the government announces, plus the weekend days it announces as
 * working days (a Saturday worked in exchange for a bridge day off).
 */
import { addDays, type Holiday, type HolidayOptions, holidaysOfYear, isWeekend } from './holidays.js';
import { splitIsoDate } from './text.js';

/** A change announced for one day: an extra day off, or a weekend day worked. */
export interface DayChange {
  date: string;
  kind: 'off' | 'working';
  note: string;
}

export interface WorkCalendarOptions extends HolidayOptions {
  changes?: readonly DayChange[];
}

/** Why a day is not worked, or null for a working day. */
export type DayOffReason =
  | { kind: 'weekend' }
  | { kind: 'holiday'; holiday: Holiday }
  | { kind: 'announced'; note: string };

export interface WorkCalendar {
  isWorkingDay(isoDate: string): boolean;
  dayOffReason(isoDate: string): DayOffReason | null;
}

export function workCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const changes = new Map((options.changes ?? []).map((change) => [change.date, change]));
  const years = new Map<number, Map<string, Holiday>>();
  const holidayOn = (isoDate: string): Holiday | undefined => {
    const [year] = splitIsoDate(isoDate);
    let byDate = years.get(year);
    if (!byDate) {
      byDate = new Map(holidaysOfYear(year, options).map((h) => [h.date, h]));
      years.set(year, byDate);
    }
    return byDate.get(isoDate);
  };
  const dayOffReason = (isoDate: string): DayOffReason | null => {
    const change = changes.get(isoDate);
    if (change) return change.kind === 'working' ? null : { kind: 'announced', note: change.note };
    const holiday = holidayOn(isoDate);
    if (holiday) return { kind: 'holiday', holiday };
    return isWeekend(isoDate) ? { kind: 'weekend' } : null;
  };
  return { dayOffReason, isWorkingDay: (isoDate) => dayOffReason(isoDate) === null };
}

/** The n-th working day after a date (n ≥ 1); the date itself does not count. */
export function addWorkingDays(calendar: WorkCalendar, isoDate: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Số ngày làm việc phải là số nguyên dương: ${n}`);
  let day = isoDate;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (calendar.isWorkingDay(day)) count += 1;
  }
  return count;
}
