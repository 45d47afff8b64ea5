/**
 * Size limits of every way in, defined once: the API schemas, the CSV/XLSX and notice importers
 * and the CLI all read them from here, so a value refused on one path is refused on all.
 */
import { formatNumber } from './text.js';

/** One uploaded table (CSV or XLSX). Far above a province's registry or a year of PAKN. */
export const TABLE_LIMITS = {
  /** Data rows after the header. */
  rows: 50_000,
  /** Columns of any row. */
  columns: 100,
  /** Characters of any one cell. */
  cellChars: 5_000,
} as const;

/** Characters of a name (unit, group, category, province, person). */
export const NAME_MAX = 300;
/** Characters of an address (portal, evidence). */
export const URL_MAX = 500;
/** Characters of a free text (reason, note, subject of a PAKN). */
export const TEXT_MAX = 2_000;

/**
 * Control characters refused on every way in: C0 (but tab, line feed, carriage return), DEL and
 * C1. NUL in particular breaks PostgreSQL text; the others have no place in a name or a number.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** An address a browser may open safely: http or https only (never javascript:, data:, file:). */
export function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Why a text over its cap cannot be stored, in Vietnamese, or null. */
export function lengthProblem(value: string, max: number, what: string): string | null {
  return value.length > max ? `${what} dài ${formatNumber(value.length)} ký tự, quá giới hạn ${formatNumber(max)} ký tự.` : null;
}

/** Why an address cannot be stored as a link (not http(s), blanks inside, over URL_MAX), or null. */
export function urlProblem(value: string, what: string): string | null {
  return lengthProblem(value, URL_MAX, what) ?? (isHttpUrl(value) && !/\s/u.test(value) ? null : `${what} phải là địa chỉ bắt đầu bằng http:// hoặc https://.`);
}
