/**
 * The Vietnamese lunar calendar (âm lịch), computed with Hồ Ngọc Đức's published astronomical
 * algorithm: new moons and the sun's longitude after Meeus, with day boundaries at local midnight
 * of UTC+7. China's calendar uses UTC+8, and the two differ whenever a new moon or a major solar
 * term falls between 23:00 and 24:00 Vietnam time: Tết 1968 (29/01 here, 30/01 in China), 1985
 * (21/01 against 20/02), 2007 (17/02 against 18/02).
 *
 * Written here rather than taken from npm because the domain imports no packages, and the npm
 * options are either China's calendar (UTC+8) or small unreviewed ports of this same algorithm;
 * the tests hold it to published dates.
 */
import { splitIsoDate } from './text.js';

/** Vietnam's civil time zone since 1968 (UTC+7), in hours. */
export const VIETNAM_TIME_ZONE = 7;

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

/** One lunar month: its number, whether it is a leap month, its first day and its length. */
export interface LunarMonth {
  year: number;
  month: number;
  leap: boolean;
  /** Julian day number of its first day (mùng 1). */
  start: number;
  /** 29 or 30 days. */
  length: number;
}

const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01, from which new moons are counted. */
const NEW_MOON_EPOCH = 2415021.076998695;
const RAD = Math.PI / 180;

/** Julian day number of a Gregorian date (Julian calendar before 15/10/1582). */
export function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const gregorian =
    day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  if (gregorian >= 2299161) return gregorian;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
}

/** The Gregorian date of a Julian day number. */
export function dateOfJulianDay(jd: number): { year: number; month: number; day: number } {
  let b = 0;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

export function julianDayOfIso(isoDate: string): number {
  const [y, m, d] = splitIsoDate(isoDate);
  return julianDay(y, m, d);
}

export function isoOfJulianDay(jd: number): string {
  const { year, month, day } = dateOfJulianDay(jd);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant (Julian day, UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, abridged). */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // sun's mean anomaly
  const mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // moon's mean anomaly
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(m * RAD) + 0.0021 * Math.sin(2 * RAD * m);
  c1 = c1 - 0.4068 * Math.sin(mpr * RAD) + 0.0161 * Math.sin(RAD * 2 * mpr);
  c1 = c1 - 0.0004 * Math.sin(RAD * 3 * mpr);
  c1 = c1 + 0.0104 * Math.sin(RAD * 2 * f) - 0.0051 * Math.sin(RAD * (m + mpr));
  c1 = c1 - 0.0074 * Math.sin(RAD * (m - mpr)) + 0.0004 * Math.sin(RAD * (2 * f + m));
  c1 = c1 - 0.0004 * Math.sin(RAD * (2 * f - m)) - 0.0006 * Math.sin(RAD * (2 * f + mpr));
  c1 = c1 + 0.001 * Math.sin(RAD * (2 * f - mpr)) + 0.0005 * Math.sin(RAD * (2 * mpr + m));
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c1 - deltaT;
}

/** The sun's apparent longitude in radians, [0, 2π), at a Julian day (UT). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(RAD * m);
  dl += (0.019993 - 0.000101 * t) * Math.sin(RAD * 2 * m) + 0.00029 * Math.sin(RAD * 3 * m);
  const l = (l0 + dl) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Julian day number of the local day on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** Which 30° sector (0..11) the sun is in at local midnight starting a day; sector 9 begins at the winter solstice. */
function sunSector(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** First day of lunar month 11 (the month holding the winter solstice) in a Gregorian year. */
function month11Start(year: number, timeZone: number): number {
  const k = Math.floor((julianDay(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k, timeZone);
  return sunSector(start, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : start;
}

/**
 * The lunar months from month 11 of the lunar year before `year` up to (not including) month 11
 * of lunar year `year`: months 11 and 12 of year - 1, then 1 to 10 of year, and a leap month
 * when 13 new moons fall in between. The leap month is the first without a major solar term.
 */
function monthsToMonth11(year: number, timeZone: number): LunarMonth[] {
  const a11 = month11Start(year - 1, timeZone);
  const b11 = month11Start(year, timeZone);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const count = Math.round((b11 - a11) / SYNODIC_MONTH);
  const starts = Array.from({ length: count }, (_, i) => newMoonDay(k + i, timeZone));
  starts.push(b11);

  let leapOffset = -1;
  if (count === 13) {
    // A month without a major term starts and ends in the same 30° sector of the sun.
    for (let i = 1; i < 13 && leapOffset < 0; i += 1) {
      if (sunSector(starts[i]!, timeZone) === sunSector(starts[i + 1]!, timeZone)) leapOffset = i;
    }
  }

  const months: LunarMonth[] = [];
  for (let i = 0; i < count; i += 1) {
    const ordinal = leapOffset >= 0 && i >= leapOffset ? i - 1 : i;
    const month = ((10 + ordinal) % 12) + 1;
    const start = starts[i]!;
    months.push({
      year: month >= 11 && ordinal < 2 ? year - 1 : year,
      month,
      leap: i === leapOffset,
      start,
      length: starts[i + 1]! - start,
    });
  }
  return months;
}

/** The lunar date of a solar date 'YYYY-MM-DD'. */
export function toLunar(isoDate: string, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  const jd = julianDayOfIso(isoDate);
  const [year] = splitIsoDate(isoDate);
  const span = jd >= month11Start(year, timeZone) ? year + 1 : year;
  const month = monthsToMonth11(span, timeZone).find((m) => jd >= m.start && jd < m.start + m.length);
  if (!month) throw new RangeError(`No lunar month holds ${isoDate}`);
  return { year: month.year, month: month.month, day: jd - month.start + 1, leap: month.leap };
}

/** The lunar months of a lunar year, in order: 1 to 12 with its leap month, if any, in place. */
export function lunarYearMonths(year: number, timeZone: number = VIETNAM_TIME_ZONE): LunarMonth[] {
  return [...monthsToMonth11(year, timeZone), ...monthsToMonth11(year + 1, timeZone)].filter((m) => m.year === year);
}

/** The leap month's number in a lunar year, or null in a common year. */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_TIME_ZONE): number | null {
  return lunarYearMonths(year, timeZone).find((m) => m.leap)?.month ?? null;
}

/** The solar date 'YYYY-MM-DD' of a lunar date; throws when that date does not exist. */
export function toSolar(date: LunarDate, timeZone: number = VIETNAM_TIME_ZONE): string {
  const month = lunarYearMonths(date.year, timeZone).find((m) => m.month === date.month && m.leap === date.leap);
  if (!month) {
    throw new RangeError(`Năm âm lịch ${date.year} không có tháng ${date.month}${date.leap ? ' nhuận' : ''}`);
  }
  if (!Number.isInteger(date.day) || date.day < 1 || date.day > month.length) {
    throw new RangeError(`Tháng ${date.month}${date.leap ? ' nhuận' : ''} năm ${date.year} âm lịch có ${month.length} ngày`);
  }
  return isoOfJulianDay(month.start + date.day - 1);
}

/** Mùng 1 Tết: the first day of lunar year `year`, as a solar date. */
export function lunarNewYear(year: number, timeZone: number = VIETNAM_TIME_ZONE): string {
  return toSolar({ year, month: 1, day: 1, leap: false }, timeZone);
}
