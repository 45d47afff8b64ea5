/**
 * The year's and the quarter's results (thi đua, khen thưởng): each month's scores and articles
 * exactly as that month's report gives them, averaged per unit over the months it was evaluated.
 */
import type { Db } from '../db/connection.js';
import { sumPoints } from '../domain/evaluation.js';
import { type MonthResult, quarterSpan, rankSpan, type Span, type SpanRankedGroup, yearSpan } from '../domain/yearly.js';
import { errors } from '../errors.js';
import { listPeriods } from './periods.js';
import { listGroups, listUnits } from './registry.js';
import { getPeriodReport } from './report.js';

export interface SpanReport {
  year: number;
  /** '2024-Q1' for a quarter; absent for a year. */
  quarter?: string;
  /** The periods counted. */
  periods: string[];
  groups: SpanRankedGroup[];
}

export function parseSpan(input: { year?: string; quarter?: string }): Span {
  if ((input.year === undefined) === (input.quarter === undefined)) {
    throw errors.validation('Cần đúng một trong hai: năm (YYYY) hoặc quý (YYYY-Qn).');
  }
  try {
    if (input.quarter !== undefined) return quarterSpan(input.quarter);
    if (!/^\d{4}$/.test(input.year!)) throw new RangeError(`Năm không hợp lệ: "${input.year}" (cần dạng YYYY)`);
    return yearSpan(Number(input.year));
  } catch (error) {
    throw errors.validation(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Ranks a year or a quarter. Only published periods count unless asked otherwise: a period still
 * under review can change.
 */
export async function getSpanReport(
  db: Db,
  provinceId: string,
  span: Span,
  options: { includeUnpublished?: boolean } = {},
): Promise<SpanReport> {
  const wanted = new Set(span.periods);
  const periods = (await listPeriods(db, provinceId))
    .filter((p) => wanted.has(p.id) && (options.includeUnpublished || p.status === 'published'))
    .map((p) => p.id)
    .sort();
  const results: MonthResult[] = [];
  for (const periodId of periods) {
    const report = await getPeriodReport(db, provinceId, periodId);
    for (const group of report.groups) {
      for (const unit of group.units) {
        results.push({
          unitId: unit.id,
          periodId,
          score: unit.score,
          articles: unit.articles,
          deductedPoints: sumPoints(unit.deductions.map((d) => d.points)),
        });
      }
    }
  }
  const [groups, units] = await Promise.all([listGroups(db, provinceId), listUnits(db, provinceId)]);
  return {
    year: span.year,
    ...(span.quarter === null ? {} : { quarter: `${span.year}-Q${span.quarter}` }),
    periods,
    groups: rankSpan(span, groups, units, results),
  };
}
