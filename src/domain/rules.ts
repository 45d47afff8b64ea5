/**
 * The scoring rules a province sets, versioned by effective date. A period is scored with the
 * rule set in force on its last day, so a new rule set changes only the periods that end after
 * it takes effect.
 */
import { type Deduction, hasAtMostTwoDecimals, sumPoints, totalDeducted } from './evaluation.js';

/** How overdue PAKN answers cost points. */
export const PAKN_OVERDUE_MODES = ['partial_category', 'per_answer'] as const;
export type PaknOverdueMode = (typeof PAKN_OVERDUE_MODES)[number];

/**
 * How a notice covering several months (01/BBT-CTTĐT covered 01 and 02/2023) scores a unit:
 * the average of its monthly scores, its lowest month, or the scale less every month's deductions.
 */
export const RANGE_SCORE_MODES = ['average', 'lowest', 'summed'] as const;
export type RangeScoreMode = (typeof RANGE_SCORE_MODES)[number];

/** How a notice states the range rule, mid-sentence. */
export const RANGE_SCORE_LABELS: Record<RangeScoreMode, string> = {
  average: 'điểm bình quân của các tháng',
  lowest: 'điểm của tháng thấp nhất',
  summed: 'thang điểm trừ tổng điểm bị trừ của các tháng',
};

export interface RuleValues {
  /** Points a unit starts from. */
  scale: number;
  /** Points off for each category updated only partially (cập nhật không đầy đủ). */
  partialCategoryPoints: number;
  /** Points off for each category not updated at all. */
  missingCategoryPoints: number;
  /**
   * 'partial_category': any overdue answers make the unit's PAKN category partial, costing
   * partialCategoryPoints once; 'per_answer': overdueAnswerPoints for each overdue answer.
   */
  paknOverdueMode: PaknOverdueMode;
  overdueAnswerPoints: number;
  /** The required category that holds PAKN answers (matched by name), when the board names one. */
  paknCategory: string | null;
  /** Most points one unit can lose in one month; null for no cap below the scale. */
  capPerUnitMonth: number | null;
  /** Lowest possible score. */
  floor: number;
  /** How far, in percent, a unit's article count may exceed the crawler's before it is questioned. */
  crawlTolerancePercent: number;
  /** Working days a unit has to answer a PAKN. */
  paknWorkingDays: number;
  /** Working days after publication during which a unit may appeal a deduction. */
  appealWorkingDays: number;
  /** How a notice covering several months scores a unit. */
  rangeScore: RangeScoreMode;
  /**
   * A unit that did not send its self-assessment: points off for that (reason "Không gửi tự đánh
   * giá"), or null to count every required category as not updated (nothing was established).
   */
  notReportedPoints: number | null;
  /** True when the crawler's measured category statuses count in the computed result. */
  useCrawlStatuses: boolean;
  /** Working days from opening a period to the self-assessment deadline it proposes. */
  deadlineWorkingDays: number;
}

export interface RuleSet extends RuleValues {
  id: string;
  /** First day the rule set applies, YYYY-MM-DD. */
  effectiveFrom: string;
  /** Where the rules come from (decision number, date); shown on the notice. */
  note: string;
  /** True for the built-in defaults, which the board has not confirmed. */
  isDefault: boolean;
}

/**
 * DEFAULTS FOR THE BOARD TO CONFIRM. Only two values are proven, by notice 02/BBT-CTTĐT of
 * 02/2024: one category partially updated because PAKN answers were overdue cost huyện Tiên Du
 * 2 points. The rest are placeholders a board would recognise, not rules found in a decision.
 */
export const DEFAULT_RULE_VALUES: Readonly<RuleValues> = Object.freeze({
  scale: 100,
  partialCategoryPoints: 2,
  missingCategoryPoints: 5,
  paknOverdueMode: 'partial_category',
  overdueAnswerPoints: 1,
  paknCategory: null,
  capPerUnitMonth: null,
  floor: 0,
  crawlTolerancePercent: 10,
  paknWorkingDays: 10,
  appealWorkingDays: 5,
  rangeScore: 'average',
  notReportedPoints: null,
  useCrawlStatuses: false,
  deadlineWorkingDays: 5,
});

export const DEFAULT_RULE_SET: Readonly<RuleSet> = Object.freeze({
  ...DEFAULT_RULE_VALUES,
  id: 'default',
  effectiveFrom: '1900-01-01',
  note: 'Quy tắc mặc định, chờ Ban Biên tập xác nhận',
  isDefault: true,
});

/** The rule set in force on a period's last day: the latest to take effect by then, else the defaults. */
export function ruleSetInForce(ruleSets: readonly RuleSet[], periodLastDay: string): RuleSet {
  let best: RuleSet | null = null;
  for (const set of ruleSets) {
    if (set.effectiveFrom <= periodLastDay && (!best || set.effectiveFrom > best.effectiveFrom)) best = set;
  }
  return best ?? DEFAULT_RULE_SET;
}

/** Problems with a set of rule values, in Vietnamese, keyed by field; empty when valid. */
export function ruleProblems(values: RuleValues): { field: keyof RuleValues; message: string }[] {
  const problems: { field: keyof RuleValues; message: string }[] = [];
  const points = (field: keyof RuleValues, value: number) => {
    if (!(value >= 0) || !hasAtMostTwoDecimals(value)) {
      problems.push({ field, message: 'phải là số không âm, tối đa hai chữ số thập phân' });
    }
  };
  const days = (field: keyof RuleValues, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) problems.push({ field, message: `phải là số nguyên từ ${min} trở lên` });
  };
  points('scale', values.scale);
  if (values.scale === 0) problems.push({ field: 'scale', message: 'phải lớn hơn 0' });
  points('partialCategoryPoints', values.partialCategoryPoints);
  points('missingCategoryPoints', values.missingCategoryPoints);
  points('overdueAnswerPoints', values.overdueAnswerPoints);
  if (values.capPerUnitMonth !== null) points('capPerUnitMonth', values.capPerUnitMonth);
  points('floor', values.floor);
  if (values.floor >= values.scale) problems.push({ field: 'floor', message: 'phải nhỏ hơn thang điểm' });
  points('crawlTolerancePercent', values.crawlTolerancePercent);
  days('paknWorkingDays', values.paknWorkingDays, 1);
  days('appealWorkingDays', values.appealWorkingDays, 0);
  if (!RANGE_SCORE_MODES.includes(values.rangeScore)) {
    problems.push({ field: 'rangeScore', message: `phải là một trong ${RANGE_SCORE_MODES.join(', ')}` });
  }
  days('deadlineWorkingDays', values.deadlineWorkingDays, 1);
  if (values.notReportedPoints !== null) points('notReportedPoints', values.notReportedPoints);
  if (typeof values.useCrawlStatuses !== 'boolean') problems.push({ field: 'useCrawlStatuses', message: 'phải là đúng hoặc sai' });
  if (!PAKN_OVERDUE_MODES.includes(values.paknOverdueMode)) {
    problems.push({ field: 'paknOverdueMode', message: `phải là một trong ${PAKN_OVERDUE_MODES.join(', ')}` });
  }
  return problems;
}

/** The score under a rule set: the scale less the deductions, the total capped, never below the floor. */
export function scoreUnderRules(deductions: readonly Deduction[], rules: RuleValues): number {
  const lost = totalDeducted(deductions);
  const capped = rules.capPerUnitMonth === null ? lost : Math.min(lost, rules.capPerUnitMonth);
  return Math.max(rules.floor, sumPoints([rules.scale, -capped]));
}

/** True when a unit's own article count is no more than the tolerance above what the crawler counted. */
export function articlesWithinTolerance(reported: number, counted: number, rules: RuleValues): boolean {
  return reported * 100 <= counted * (100 + rules.crawlTolerancePercent);
}
