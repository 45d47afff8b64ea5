/**
 * The period report: the ranking of one period as the notice shows it. Its JSON form is a stable
 * contract read by other tools, the API and the notice renderers.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as unitsRepo from '../db/repositories/units.js';
import { rankGroups, type RankingInputGroup } from '../domain/ranking.js';
import { type RuleSet, scoreUnderRules } from '../domain/rules.js';
import { type MeasuredUnit, measuredForPeriod, type ReportMeasured, reportMeasured } from './crawl.js';
import { getPeriod, type Period } from './periods.js';
import { ruleSetForPeriod } from './rules.js';

export interface ReportDeduction {
  points: number;
  reason: string;
}

export interface ReportUnit {
  rank: number;
  id: string;
  name: string;
  categories: number;
  full: number;
  partial: number;
  none: number;
  articles: number;
  selfScore: number | null;
  score: number;
  deductions: ReportDeduction[];
  /** What the crawler counted on the unit's portal (issue 5); absent when it has not been read. */
  measured?: ReportMeasured;
}

export interface ReportGroup {
  name: string;
  articles: number;
  units: ReportUnit[];
}

/** The rule set the period was scored with (issue 6): the one in force on its last day. */
export interface ReportRules {
  id: string;
  effectiveFrom: string;
  note: string;
  /** True while the board has not confirmed the built-in defaults. */
  isDefault: boolean;
  scale: number;
}

export interface PeriodReport {
  period: { id: string; from: string; to: string; status: string };
  rules: ReportRules;
  groups: ReportGroup[];
  deducted: { name: string; points: number; reasons: string[] }[];
}

export async function getPeriodReport(db: Db, provinceId: string, periodId: string): Promise<PeriodReport> {
  const period = await getPeriod(db, provinceId, periodId);
  const [evaluations, groups, units] = await Promise.all([
    evaluationsRepo.listForPeriod(db, provinceId, period.id),
    groupsRepo.list(db, provinceId),
    unitsRepo.list(db, provinceId),
  ]);
  const [deductions, measured, rules] = await Promise.all([
    evaluationsRepo.listDeductions(db, evaluations.map((e) => e.id)),
    measuredForPeriod(db, provinceId, period.id, { withEvidence: false }),
    ruleSetForPeriod(db, provinceId, period.id),
  ]);
  return withMeasured(buildReport(period, rules, evaluations, groups, units, deductions), measured);
}

/** Adds each crawled unit's measured figures; the other units' entries stay exactly as they were. */
function withMeasured(report: PeriodReport, measured: Map<string, MeasuredUnit>): PeriodReport {
  if (measured.size === 0) return report;
  const groups = report.groups.map((g) => ({
    ...g,
    units: g.units.map((u) => {
      const m = measured.get(u.id);
      return m ? { ...u, measured: reportMeasured(m) } : u;
    }),
  }));
  return { ...report, groups };
}

function buildReport(
  period: Period,
  rules: RuleSet,
  evaluations: Awaited<ReturnType<typeof evaluationsRepo.listForPeriod>>,
  groups: Awaited<ReturnType<typeof groupsRepo.list>>,
  units: Awaited<ReturnType<typeof unitsRepo.list>>,
  deductions: Awaited<ReturnType<typeof evaluationsRepo.listDeductions>>,
): PeriodReport {
  const positionOf = new Map(units.map((u) => [u.id, u.position]));
  const deductionsOf = new Map<string, ReportDeduction[]>();
  for (const d of deductions) {
    deductionsOf.set(d.evaluation_id, [...(deductionsOf.get(d.evaluation_id) ?? []), { points: Number(d.points), reason: d.reason }]);
  }
  const input: RankingInputGroup[] = groups.map((g) => ({ id: g.id, name: g.name, position: g.position, units: [] }));
  const groupById = new Map(input.map((g) => [g.id, g]));
  for (const e of evaluations) {
    const own = deductionsOf.get(e.id) ?? [];
    groupById.get(e.group_id)?.units.push({
      id: e.unit_id,
      name: e.unit_name,
      position: positionOf.get(e.unit_id) ?? Number.MAX_SAFE_INTEGER,
      categories: e.required,
      full: e.full_count,
      partial: e.partial_count,
      none: e.none_count,
      articles: e.articles,
      selfScore: e.self_score === null ? 0 : Number(e.self_score),
      score: scoreUnderRules(own, rules),
      deductions: own,
    });
  }
  const selfScoreOf = new Map(evaluations.map((e) => [e.unit_id, e.self_score === null ? null : Number(e.self_score)]));
  const ranking = rankGroups(input);
  return {
    period: { id: period.id, from: period.from, to: period.to, status: period.status },
    rules: { id: rules.id, effectiveFrom: rules.effectiveFrom, note: rules.note, isDefault: rules.isDefault, scale: rules.scale },
    groups: ranking.groups.map((g) => ({
      name: g.name,
      articles: g.articles,
      units: g.units.map((u) => ({
        rank: u.rank,
        id: u.id,
        name: u.name,
        categories: u.categories,
        full: u.full,
        partial: u.partial,
        none: u.none,
        articles: u.articles,
        selfScore: selfScoreOf.get(u.id) ?? null,
        score: u.score,
        deductions: u.deductions.map((d) => ({ points: d.points, reason: d.reason })),
      })),
    })),
    deducted: ranking.deducted.map((d) => ({ name: d.name, points: d.points, reasons: d.reasons })),
  };
}
