/**
 * Post dates in the forms Vietnamese portals print them. A date without a zone is Vietnam time:
 * UTC+07:00 all year (no daylight saving since 1975), so a fixed offset is exact.
 */
import { periodInstants, type PeriodId } from '../domain/period.js';

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A date read from text: the instant, and whether the text gave a time of day. */
export interface ParsedDate {
  instant: Date;
  hasTime: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** RFC 822 / 2822 named zones, in minutes east of UTC. */
const NAMED_ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  ICT: 420,
};

const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?(?![\d])/;
const RFC822 =
  /(?<!\d)(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{4}|UTC?|GMT|Z|[ECMP][SD]T|ICT)\b)?)?(?![\d])/i;
const VN_LONG = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})/iu;
const NUMERIC = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])/;
/** A time of day right after the date ("27/02/2024 08:30", "27/02/2024 - 08h30", "27/02/2024 lúc 08:30"). */
const TIME_AFTER = /^\s*(?:[-|,]|lúc)?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?![\d])(?:\s*([AP]M)\b)?/iu;
/** A time of day right before the date ("08:30 27/02/2024", "08:30 - Thứ Ba, 27/02/2024"). */
const TIME_BEFORE =
  /(?<![\d:])(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(?:[-|,]\s*)?(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\s*,?\s*)?(?:ngày\s*)?$/iu;

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

function validTime(h: number, m: number, s: number): boolean {
  return h >= 0 && h <= 23 && m >= 0 && m <= 59 && s >= 0 && s <= 60;
}

/** Builds the instant from wall-clock parts read at `offsetMinutes` east of UTC (VN when null). */
function instant(
  year: number, month: number, day: number, h: number, m: number, s: number, offsetMinutes: number | null,
): Date {
  const offsetMs = offsetMinutes === null ? VN_OFFSET_MS : offsetMinutes * 60_000;
  return new Date(Date.UTC(year, month - 1, day, h, m, Math.min(s, 59)) - offsetMs);
}

function parseOffset(zone: string | undefined): number | null | undefined {
  if (zone === undefined) return null;
  const named = NAMED_ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (Number(match[2]) > 14 || Number(match[3]) > 59) return undefined;
  return match[1] === '-' ? -minutes : minutes;
}

function parseIso(text: string): ParsedDate | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDay(year, month, day)) return null;
  if (m[4] === undefined) return { instant: instant(year, month, day, 0, 0, 0, null), hasTime: false };
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const offset = parseOffset(m[7]);
  if (!validTime(h, min, s) || offset === undefined) return null;
  return { instant: instant(year, month, day, h, min, s, offset), hasTime: true };
}

function parseRfc822(text: string): ParsedDate | null {
  const m = RFC822.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = MONTHS[m[2]!.toLowerCase()]!;
  let year = Number(m[3]);
  // RFC 2822 §4.3: two-digit years below 50 are 20xx, the rest 19xx.
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  if (!validDay(year, month, day)) return null;
  if (m[4] === undefined) return { instant: instant(year, month, day, 0, 0, 0, null), hasTime: false };
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const offset = parseOffset(m[7]);
  if (!validTime(h, min, s) || offset === undefined) return null;
  return { instant: instant(year, month, day, h, min, s, offset), hasTime: true };
}

function parseVnLong(text: string): ParsedDate | null {
  const m = VN_LONG.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDay(year, month, day)) return null;
  return { instant: instant(year, month, day, 0, 0, 0, null), hasTime: false };
}

function parseNumeric(text: string): ParsedDate | null {
  const m = NUMERIC.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
  if (!validDay(year, month, day)) return null;
  const after = TIME_AFTER.exec(text.slice(m.index + m[0].length));
  const before = after ? null : TIME_BEFORE.exec(text.slice(0, m.index));
  const time = after ?? before;
  if (time) {
    const [hour, min, s] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    // Liferay portals print "27/03/2018 | 03:47 PM": a 12-hour clock, 12:00 AM being midnight.
    const meridiem = after?.[4]?.toUpperCase();
    const h = meridiem && hour >= 1 && hour <= 12 ? (hour % 12) + (meridiem === 'PM' ? 12 : 0) : hour;
    if (validTime(h, min, s)) return { instant: instant(year, month, day, h, min, s, null), hasTime: true };
  }
  return { instant: instant(year, month, day, 0, 0, 0, null), hasTime: false };
}

/**
 * Reads the first date in `text` in any of the forms portals print: ISO 8601 (with or without a
 * zone), RFC 822, "Ngày 27 tháng 02 năm 2024", and "27/02/2024" (also with "-" or "."), optionally with
 * a weekday ("Thứ Ba, ") and a time of day before or after. Returns null when there is none.
 */
export function parseVnDate(text: string): ParsedDate | null {
  const clean = text.normalize('NFC').replace(/\s+/g, ' ');
  return parseIso(clean) ?? parseRfc822(clean) ?? parseVnLong(clean) ?? parseNumeric(clean);
}

/** The calendar day of an instant in Vietnam, YYYY-MM-DD. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days between two instants' Vietnam calendar days (later minus earlier). */
export function daysBetween(earlier: Date, later: Date): number {
  const a = Date.parse(`${vnDay(earlier)}T00:00:00Z`);
  const b = Date.parse(`${vnDay(later)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** A period as a closed window of instants (first day 00:00 to last day 23:59:59.999, Vietnam time). */
export interface PeriodWindow {
  period: PeriodId;
  start: Date;
  end: Date;
}

export function periodWindow(period: PeriodId, cutOffDay?: number): PeriodWindow {
  const { start, end } = periodInstants(period, cutOffDay);
  return { period, start, end };
}

/** Where an instant lies with respect to the period. */
export function placeInPeriod(at: Date, window: PeriodWindow): 'before' | 'within' | 'after' {
  const t = at.getTime();
  if (t < window.start.getTime()) return 'before';
  if (t > window.end.getTime()) return 'after';
  return 'within';
}
