/**
 * The year's and the quarter's results for emulation and awards (thi đua, khen thưởng): per unit,
 * the average reviewed score over the months it was evaluated, the months with deductions and
 * the articles posted; ranked within each group by average, then articles, then registry order.
 */
import { sumPoints } from './evaluation.js';
import { type PeriodId, periodId } from './period.js';
import type { PeriodReport } from './report.js';

export interface SpanUnit {
  id: string;
  name: string;
  groupId: string;
  /** Registry order; ties keep it. */
  position: number;
}

export interface SpanGroup {
  id: string;
  name: string;
  position: number;
}

/** One unit's result in one month of the span. */
export interface MonthResult {
  unitId: string;
  periodId: PeriodId;
  score: number;
  articles: number;
  deductedPoints: number;
}

export interface SpanRankedUnit {
  rank: number;
  id: string;
  name: string;
  months: number;
  average: number;
  deductedMonths: number;
  articles: number;
}

export interface SpanRankedGroup {
  name: string;
  units: SpanRankedUnit[];
}

/** The year's or the quarter's ranking as the API, the CLI and the files show it. */
export interface SpanReport {
  year: number;
  /** '2024-Q1' for a quarter; absent for a year. */
  quarter?: string;
  /** The periods counted. */
  periods: string[];
  groups: SpanRankedGroup[];
}

/** A year ('2024') or a quarter ('2024-Q1') and the periods it holds. */
export interface Span {
  year: number;
  quarter: number | null;
  periods: PeriodId[];
}

const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export function yearSpan(year: number): Span {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`Năm không hợp lệ: ${year}`);
  return { year, quarter: null, periods: Array.from({ length: 12 }, (_, i) => periodId(year, i + 1)) };
}

/** '2024-Q1' → the periods 2024-01, 2024-02, 2024-03. */
export function quarterSpan(value: string): Span {
  const match = QUARTER_PATTERN.exec(value);
  if (!match) throw new RangeError(`Quý không hợp lệ: "${value}" (cần dạng YYYY-Qn, n từ 1 đến 4)`);
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  return { year, quarter, periods: [1, 2, 3].map((i) => periodId(year, (quarter - 1) * 3 + i)) };
}

/** Average of scores kept to two decimals, rounding half up. */
function average(scores: readonly number[]): number {
  const hundredths = Math.round(sumPoints(scores) * 100);
  return Math.round(hundredths / scores.length) / 100;
}

/**
 * Ranks units over a span. A unit counts only the months it was evaluated in; a unit with none
 * is left out, and so is a group left empty. Results outside the span's periods are ignored.
 */
export function rankSpan(
  span: Span,
  groups: readonly SpanGroup[],
  units: readonly SpanUnit[],
  results: readonly MonthResult[],
): SpanRankedGroup[] {
  const periods = new Set(span.periods);
  const byUnit = new Map<string, MonthResult[]>();
  for (const result of results) {
    if (!periods.has(result.periodId)) continue;
    const list = byUnit.get(result.unitId) ?? [];
    list.push(result);
    byUnit.set(result.unitId, list);
  }
  return [...groups]
    .sort((a, b) => a.position - b.position)
    .map((group) => {
      const rows = units
        .filter((unit) => unit.groupId === group.id && byUnit.has(unit.id))
        .map((unit) => {
          const months = byUnit.get(unit.id)!;
          return {
            position: unit.position,
            id: unit.id,
            name: unit.name,
            months: months.length,
            average: average(months.map((m) => m.score)),
            deductedMonths: months.filter((m) => m.deductedPoints > 0).length,
            articles: months.reduce((sum, m) => sum + m.articles, 0),
          };
        })
        .sort((a, b) => b.average - a.average || b.articles - a.articles || a.position - b.position);
      return {
        name: group.name,
        units: rows.map((row, index) => ({
          rank: index + 1,
          id: row.id,
          name: row.name,
          months: row.months,
          average: row.average,
          deductedMonths: row.deductedMonths,
          articles: row.articles,
        })),
      };
    })
    .filter((group) => group.units.length > 0);
}

/** Each unit's result in one month exactly as that month's report gives it. */
export function monthResults(report: PeriodReport): MonthResult[] {
  return report.groups.flatMap((group) =>
    group.units.map((unit) => ({
      unitId: unit.id,
      periodId: report.period.id,
      score: unit.score,
      articles: unit.articles,
      deductedPoints: sumPoints(unit.deductions.map((d) => d.points)),
    })),
  );
}

/** The span's report from the reports of the months counted (in period order). */
export function buildSpanReport(
  span: Span,
  reports: readonly PeriodReport[],
  groups: readonly SpanGroup[],
  units: readonly SpanUnit[],
): SpanReport {
  return {
    year: span.year,
    ...(span.quarter === null ? {} : { quarter: `${span.year}-Q${span.quarter}` }),
    periods: reports.map((r) => r.period.id),
    groups: rankSpan(span, groups, units, reports.flatMap(monthResults)),
  };
}
