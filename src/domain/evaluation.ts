/**
 * One unit's evaluation for one period: category counts, articles, self-score and the board's
 * itemised deductions. The reviewed score is the scale minus the deductions, never below 0.
 */

export const CATEGORY_STATUSES = ['full', 'partial', 'none'] as const;
export type CategoryStatus = (typeof CATEGORY_STATUSES)[number];

export const CATEGORY_STATUS_LABELS: Record<CategoryStatus, string> = {
  full: 'Cập nhật đầy đủ',
  partial: 'Cập nhật không đầy đủ',
  none: 'Không cập nhật',
};

/** Short forms for tags and table cells, where the full label would not fit. */
export const CATEGORY_STATUS_SHORT_LABELS: Record<CategoryStatus, string> = {
  full: 'Đầy đủ',
  partial: 'Không đầy đủ',
  none: 'Không cập nhật',
};

/** Where a unit's evaluation stands: a draft, sent by the unit, or reviewed by the board. */
export const EVALUATION_STATES = ['draft', 'submitted', 'reviewed'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

export const EVALUATION_STATE_LABELS: Record<EvaluationState, string> = {
  draft: 'Chưa nộp',
  submitted: 'Đã nộp',
  reviewed: 'Đã rà soát',
};

export const DEFAULT_SCALE = 100;

export interface CategoryCounts {
  full: number;
  partial: number;
  none: number;
}

/**
 * The figures every evaluation record carries, whether from a file, a form or the database: the
 * group's required categories, how many were kept up fully, partly or not at all, the articles and
 * the unit's own score (null when it sent none).
 */
export interface EvaluationCounts extends CategoryCounts {
  required: number;
  articles: number;
  selfScore: number | null;
}

export interface Deduction {
  /** Points taken off; a non-negative number with at most two decimals. */
  points: number;
  reason: string;
}

/** Sums points exactly to two decimals (0.1 + 0.2 must be 0.3 here). */
export function sumPoints(values: readonly number[]): number {
  return Math.round(values.reduce((sum, v) => sum + Math.round(v * 100), 0)) / 100;
}

export function totalDeducted(deductions: readonly Deduction[]): number {
  return sumPoints(deductions.map((d) => d.points));
}

export function reviewedScore(deductions: readonly Deduction[], scale: number = DEFAULT_SCALE): number {
  return Math.max(0, sumPoints([scale, -totalDeducted(deductions)]));
}

export function countsAddUp(counts: CategoryCounts, required: number): boolean {
  return counts.full + counts.partial + counts.none === required;
}

/** Counts from per-category statuses, when those are known. */
export function countStatuses(statuses: readonly CategoryStatus[]): CategoryCounts {
  const counts: CategoryCounts = { full: 0, partial: 0, none: 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
}

/** True when a value has at most two decimals (points and scores are exact decimals). */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}
