/**
 * Monthly periods. A period is named by its month, "YYYY-MM", and runs from the day after the
 * cut-off day of the previous month to the cut-off day of its month (default 22:
 * 2024-02 runs 23/01/2024 to 22/02/2024). Bounds are whole days in Asia/Ho_Chi_Minh.
 */

export type PeriodId = string;
export const PERIOD_STATUSES = ['open', 'review', 'published'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export const PERIOD_STATUS_LABELS: Record<PeriodStatus, string> = {
  open: 'Đang mở',
  review: 'Đang rà soát',
  published: 'Đã công bố',
};

export const DEFAULT_CUT_OFF_DAY = 22;
const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriodId(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

export function parsePeriodId(value: string): { year: number; month: number } {
  const match = PERIOD_PATTERN.exec(value);
  if (!match) throw new RangeError(`Kỳ không hợp lệ: "${value}" (cần dạng YYYY-MM)`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function periodId(year: number, month: number): PeriodId {
  return `${year}-${String(month).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The cut-off day, clamped to the month's length (a cut-off of 31 ends February on its last day). */
function cutOffDate(year: number, month: number, cutOffDay: number): { year: number; month: number; day: number } {
  return { year, month, day: Math.min(cutOffDay, daysInMonth(year, month)) };
}

export interface PeriodBounds {
  /** First day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
}

export function periodBounds(id: PeriodId, cutOffDay: number = DEFAULT_CUT_OFF_DAY): PeriodBounds {
  if (!Number.isInteger(cutOffDay) || cutOffDay < 1 || cutOffDay > 31) {
    throw new RangeError(`Ngày chốt kỳ không hợp lệ: ${cutOffDay}`);
  }
  const { year, month } = parsePeriodId(id);
  const end = cutOffDate(year, month, cutOffDay);
  const prevYear = month === 1 ? year - 1 : year;
  const prevMonth = month === 1 ? 12 : month - 1;
  const prevEnd = cutOffDate(prevYear, prevMonth, cutOffDay);
  // The day after the previous cut-off; when that cut-off is the month's last day, the 1st.
  const startDay = prevEnd.day + 1;
  const from =
    startDay > daysInMonth(prevYear, prevMonth) ? iso(year, month, 1) : iso(prevYear, prevMonth, startDay);
  return { from, to: iso(end.year, end.month, end.day) };
}

/** The instants bounding a period: from 00:00:00 of its first day to 23:59:59.999 of its last, Vietnam time. */
export function periodInstants(id: PeriodId, cutOffDay: number = DEFAULT_CUT_OFF_DAY): { start: Date; end: Date } {
  const { from, to } = periodBounds(id, cutOffDay);
  return {
    start: new Date(`${from}T00:00:00.000+07:00`),
    end: new Date(`${to}T23:59:59.999+07:00`),
  };
}

/** The period a calendar day falls in. */
export function periodOfDate(isoDate: string, cutOffDay: number = DEFAULT_CUT_OFF_DAY): PeriodId {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  if (d <= Math.min(cutOffDay, daysInMonth(y, m))) return periodId(y, m);
  return m === 12 ? periodId(y + 1, 1) : periodId(y, m + 1);
}

/** "2024-02" → "02/2024", as the notice writes it. */
export function periodLabel(id: PeriodId): string {
  const { year, month } = parsePeriodId(id);
  return `${String(month).padStart(2, '0')}/${year}`;
}

export function comparePeriods(a: PeriodId, b: PeriodId): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function nextPeriodId(id: PeriodId): PeriodId {
  const { year, month } = parsePeriodId(id);
  return month === 12 ? periodId(year + 1, 1) : periodId(year, month + 1);
}

/**
 * The period a menu entry means when it names none ("Bảng xếp hạng", "Rà soát", "Tự đánh giá"):
 * the latest period in the first of `statuses` that has one.
 */
export function latestPeriodOf<P extends { id: PeriodId; status: PeriodStatus }>(periods: readonly P[], statuses: readonly PeriodStatus[]): P | undefined {
  const latestFirst = [...periods].sort((a, b) => comparePeriods(b.id, a.id));
  for (const status of statuses) {
    const found = latestFirst.find((p) => p.status === status);
    if (found) return found;
  }
  return undefined;
}

/** What the ranking menu shows: the latest published result, else the one under review, else the open period. */
export const RANKING_PREFERENCE: readonly PeriodStatus[] = ['published', 'review', 'open'];
