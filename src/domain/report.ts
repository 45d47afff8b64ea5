/**
 * The period report: the ranking of one period as the notice shows it. Its JSON form is a stable
 * contract read by other tools, the API and the notice renderers. Built once per operation from
 * plain data (this module), then handed to the notice model, the files and the audit.
 */
import type { CategoryCounts, Deduction, EvaluationCounts } from './evaluation.js';
import type { MeasuredUnit, ReportMeasured } from './measured.js';
import { reportMeasured } from './measured.js';
import { rankGroups, type RankedUnit, type RankingInputGroup } from './ranking.js';
import { type RangeScoreMode, type RuleSet, scoreUnderRules } from './rules.js';

export type ReportDeduction = Deduction;

export interface ReportUnit extends CategoryCounts {
  rank: number;
  id: string;
  name: string;
  /** The categories the unit's group must keep up. */
  categories: number;
  articles: number;
  selfScore: number | null;
  score: number;
  deductions: ReportDeduction[];
  /** False when the unit did not send its self-assessment ("không gửi tự đánh giá"). */
  reported: boolean;
  /** What the crawler counted on the unit's portal; absent when it has not been read. */
  measured?: ReportMeasured;
}

export interface ReportGroup {
  name: string;
  articles: number;
  units: ReportUnit[];
}

/** The rule set the period was scored with: the one in force on its last day. */
export interface ReportRules {
  id: string;
  effectiveFrom: string;
  note: string;
  /** True while the board has not confirmed the built-in defaults. */
  isDefault: boolean;
  scale: number;
}

export interface PeriodReport {
  /** A range's id is "2023-01..2023-02", from its first month's first day to its last month's last. */
  period: { id: string; from: string; to: string; status: string };
  rules: ReportRules;
  /** Only on a notice covering several months: the months it combines and how scores were combined. */
  range?: { periods: string[]; scoreMode: RangeScoreMode };
  groups: ReportGroup[];
  deducted: { name: string; points: number; reasons: string[] }[];
}

/** One unit's stored evaluation, as the report reads it. */
export interface ReportEvaluation extends EvaluationCounts {
  unitId: string;
  unitName: string;
  groupId: string;
  deductions: ReportDeduction[];
  reported: boolean;
}

export interface ReportInput {
  period: PeriodReport['period'];
  rules: RuleSet;
  evaluations: readonly ReportEvaluation[];
  /** The groups in their listed order. */
  groups: readonly { id: string; name: string; position: number }[];
  /** Each unit's position in the registry: ties in the ranking keep this order. */
  unitPositions: ReadonlyMap<string, number>;
  /** The crawler's figures per unit id; units without an entry carry no `measured`. */
  measured?: ReadonlyMap<string, MeasuredUnit>;
}

/** Ranks the period's evaluations into the report. Pure: the same input gives the same report. */
export function buildPeriodReport(input: ReportInput): PeriodReport {
  const { rules, evaluations } = input;
  const ranking = rankGroups(rankingInput(input));
  const selfScoreOf = new Map(evaluations.map((e) => [e.unitId, e.selfScore]));
  const reportedOf = new Map(evaluations.map((e) => [e.unitId, e.reported]));
  const measured = input.measured ?? new Map<string, MeasuredUnit>();
  return {
    period: { id: input.period.id, from: input.period.from, to: input.period.to, status: input.period.status },
    rules: { id: rules.id, effectiveFrom: rules.effectiveFrom, note: rules.note, isDefault: rules.isDefault, scale: rules.scale },
    groups: ranking.groups.map((g) => ({
      name: g.name,
      articles: g.articles,
      units: g.units.map((u) => {
        const m = measured.get(u.id);
        return {
          ...reportUnitOf(u, selfScoreOf.get(u.id) ?? null, reportedOf.get(u.id) ?? true),
          ...(m ? { measured: reportMeasured(m) } : {}),
        };
      }),
    })),
    deducted: ranking.deducted.map((d) => ({ name: d.name, points: d.points, reasons: d.reasons })),
  };
}

/** A ranked unit as the report carries it, with what the ranking does not know. */
export function reportUnitOf(u: RankedUnit, selfScore: number | null, reported: boolean): ReportUnit {
  return {
    rank: u.rank,
    id: u.id,
    name: u.name,
    categories: u.categories,
    full: u.full,
    partial: u.partial,
    none: u.none,
    articles: u.articles,
    selfScore,
    score: u.score,
    deductions: u.deductions.map((d) => ({ points: d.points, reason: d.reason })),
    reported,
  };
}

function rankingInput({ rules, evaluations, groups, unitPositions }: ReportInput): RankingInputGroup[] {
  const input: RankingInputGroup[] = groups.map((g) => ({ id: g.id, name: g.name, position: g.position, units: [] }));
  const groupById = new Map(input.map((g) => [g.id, g]));
  for (const e of evaluations) {
    groupById.get(e.groupId)?.units.push({
      id: e.unitId,
      name: e.unitName,
      position: unitPositions.get(e.unitId) ?? Number.MAX_SAFE_INTEGER,
      categories: e.required,
      full: e.full,
      partial: e.partial,
      none: e.none,
      articles: e.articles,
      // The ranking does not order by self-score; the report takes it (missing or not) from the evaluation.
      selfScore: e.selfScore ?? 0,
      score: scoreUnderRules(e.deductions, rules),
      deductions: e.deductions,
    });
  }
  return input;
}
