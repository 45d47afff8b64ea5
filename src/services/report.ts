/**
 * The period report read from the database: each unit's result computed once from the evidence
 * (src/services/results.ts), ranked by the domain's builder (src/domain/report.ts).
 */
import type { Db } from '../db/connection.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as unitsRepo from '../db/repositories/units.js';
import { buildRangeReport, parsePeriodRange, type PeriodRange } from '../domain/period-range.js';
import { buildPeriodReport, type PeriodReport } from '../domain/report.js';
import { errors } from '../errors.js';
import { getPeriod, type Period } from './periods.js';
import { periodResults, type PeriodResults } from './results.js';
import { ruleSetOn } from './rules.js';

export async function getPeriodReport(db: Db, provinceId: string, periodId: string): Promise<PeriodReport> {
  const period = await getPeriod(db, provinceId, periodId);
  const [results, groups, units] = await Promise.all([
    periodResults(db, provinceId, period),
    groupsRepo.list(db, provinceId),
    unitsRepo.list(db, provinceId),
  ]);
  return reportFromResults(period, results, groups, units);
}

/** The report from results already computed (publishing computes them once and passes them on). */
export function reportFromResults(
  period: Pick<Period, 'id' | 'from' | 'to' | 'status'>,
  results: PeriodResults,
  groups: readonly { id: string; name: string; position: number }[],
  units: readonly { id: string; position: number }[],
): PeriodReport {
  return buildPeriodReport({
    period,
    rules: results.rules,
    groups,
    unitPositions: new Map(units.map((u) => [u.id, u.position])),
    measured: results.measured,
    evaluations: results.units.map(({ evaluation: e, result }) => ({
      unitId: e.unit_id,
      unitName: e.unit_name,
      groupId: e.group_id,
      required: e.required,
      full: result.counts.full,
      partial: result.counts.partial,
      none: result.counts.none,
      // A draft nobody sent established no count of articles.
      articles: result.status === 'not-reported' ? 0 : e.articles,
      selfScore: e.self_score === null ? null : Number(e.self_score),
      deductions: result.deductions.map((d) => ({ points: d.points, reason: d.reason })),
      reported: result.status === 'reported',
    })),
  });
}

/** "2023-01..2023-02" as a range, or the reason it is not one, in Vietnamese. */
export function parseRange(text: string): PeriodRange {
  try {
    return parsePeriodRange(text);
  } catch (error) {
    throw errors.validation(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The report of a notice covering several months: each month's report as it stands (published or
 * not), combined under the rule set in force on the range's last day. Every month must exist.
 */
export async function getRangeReport(db: Db, provinceId: string, rangeText: string): Promise<PeriodReport> {
  const range = parseRange(rangeText);
  const reports: PeriodReport[] = [];
  for (const periodId of range.periods) reports.push(await getPeriodReport(db, provinceId, periodId));
  const [rules, groups, units] = await Promise.all([
    ruleSetOn(db, provinceId, reports.at(-1)!.period.to),
    groupsRepo.list(db, provinceId),
    unitsRepo.list(db, provinceId),
  ]);
  return buildRangeReport({
    range,
    reports,
    rules,
    groupPositions: new Map(groups.map((g) => [g.name, g.position])),
    unitPositions: new Map(units.map((u) => [u.id, u.position])),
  });
}
