/**
 * Proposed deductions: from the status of each required category (self-assessed, or measured by
 * the crawler) and from overdue PAKN answers, the itemised deductions the rules call for, worded
 * as the notice words them. The reviewer accepts, edits or rejects each; each keeps its origin.
 */
import { type CategoryCounts, type CategoryStatus, type Deduction, sumPoints } from './evaluation.js';
import type { RuleValues } from './rules.js';
import { articlesWithinTolerance } from './rules.js';
import { formatCount, formatNumber, nameKey } from './text.js';

/** Who gave a category its status: the unit, the crawler, or the reviewer who changed it. */
export type StatusSource = 'self' | 'crawler' | 'reviewer';

export interface CategoryAssessment {
  id: string;
  name: string;
  self: CategoryStatus | null;
  measured: CategoryStatus | null;
  /** Who gave `self` (the reviewer when they changed it); 'self' when absent. */
  selfSource?: StatusSource;
}

export type CategoryInput =
  | { kind: 'statuses'; items: readonly CategoryAssessment[] }
  /** Only the counts are known (older months, imported files): taken as self-assessed. */
  | { kind: 'counts'; counts: CategoryCounts };

export interface ProposalInput {
  categories: CategoryInput;
  /** Ids of the unit's PAKN records overdue in the period. */
  overduePakn: readonly string[];
  /** Articles the unit reported, and those the crawler counted when it could. */
  articles?: { reported: number; counted: number | null };
  /** How the notice names the provincial portal ("Cổng TTĐT tỉnh"). */
  portalName: string;
}

/** What proposed a deduction: categories (by id, with the sources of their status) or PAKN records. */
export type ProposalOrigin =
  | { kind: 'categories'; status: 'partial' | 'none'; ids: string[]; sources: StatusSource[] }
  | { kind: 'pakn'; ids: string[] };

export interface Proposal extends Deduction {
  origin: ProposalOrigin;
  /** Points before the monthly cap, when the cap lowered them. */
  uncappedPoints?: number;
}

export interface ProposalResult {
  proposals: Proposal[];
  /** Category counts once the proposals apply (overdue answers can make a category partial). */
  counts: CategoryCounts;
  /** Findings for the reviewer that are not deductions. */
  checks: string[];
}

const SEVERITY: Record<CategoryStatus, number> = { full: 0, partial: 1, none: 2 };
const worse = (a: CategoryStatus, b: CategoryStatus): CategoryStatus => (SEVERITY[a] >= SEVERITY[b] ? a : b);

interface Resolved {
  id: string;
  name: string;
  status: CategoryStatus;
  sources: StatusSource[];
}

/** The worse of the self-assessed and measured status, with the source(s) that gave it. */
function resolve(item: CategoryAssessment): Resolved | null {
  const { self, measured } = item;
  if (self === null && measured === null) return null;
  const status = worse(self ?? 'full', measured ?? 'full');
  const sources: StatusSource[] = [];
  if (self === status) sources.push(item.selfSource ?? 'self');
  if (measured === status) sources.push('crawler');
  return { id: item.id, name: item.name, status, sources };
}

export function proposeDeductions(input: ProposalInput, rules: RuleValues): ProposalResult {
  const overdue = [...input.overduePakn];
  const partialIds: string[] = [];
  const noneIds: string[] = [];
  const sources = { partial: new Set<StatusSource>(), none: new Set<StatusSource>() };
  const counts: CategoryCounts = { full: 0, partial: 0, none: 0 };
  let paknTakesPartial = rules.paknOverdueMode === 'partial_category' && overdue.length > 0;
  let paknCategoryFound = false;

  if (input.categories.kind === 'statuses') {
    const paknKey = rules.paknCategory === null ? null : nameKey(rules.paknCategory);
    for (const item of input.categories.items) {
      const resolved = resolve(item);
      if (!resolved) continue;
      if (paknTakesPartial && paknKey !== null && nameKey(item.name) === paknKey) {
        paknCategoryFound = true;
        resolved.status = worse(resolved.status, 'partial');
        // A PAKN category not updated at all already costs more than overdue answers would.
        if (resolved.status === 'partial') {
          counts.partial += 1;
          continue;
        }
        paknTakesPartial = false;
      }
      counts[resolved.status] += 1;
      if (resolved.status === 'full') continue;
      (resolved.status === 'partial' ? partialIds : noneIds).push(resolved.id);
      for (const source of resolved.sources) sources[resolved.status].add(source);
    }
  } else {
    Object.assign(counts, input.categories.counts);
    if (counts.partial > 0) sources.partial.add('self');
    if (counts.none > 0) sources.none.add('self');
  }
  let partialCount = input.categories.kind === 'statuses' ? partialIds.length : counts.partial;
  const noneCount = input.categories.kind === 'statuses' ? noneIds.length : counts.none;

  // When the PAKN category cannot be told apart, a category already partial is taken to be it
  // (the board's own counts already show it, as in notice 02/2024); else one full one turns partial.
  if (paknTakesPartial && !paknCategoryFound) {
    if (partialCount > 0) {
      partialCount -= 1;
      partialIds.pop();
    } else if (counts.full > 0) {
      counts.full -= 1;
      counts.partial += 1;
    }
  }

  const proposals: Proposal[] = [];
  if (partialCount > 0) {
    proposals.push({
      points: sumPoints(Array(partialCount).fill(rules.partialCategoryPoints)),
      reason: `${formatCount(partialCount)} chuyên mục cập nhật không đầy đủ`,
      origin: { kind: 'categories', status: 'partial', ids: partialIds, sources: [...sources.partial] },
    });
  }
  if (noneCount > 0) {
    proposals.push({
      points: sumPoints(Array(noneCount).fill(rules.missingCategoryPoints)),
      reason: `${formatCount(noneCount)} chuyên mục không cập nhật`,
      origin: { kind: 'categories', status: 'none', ids: noneIds, sources: [...sources.none] },
    });
  }
  if (overdue.length > 0 && (rules.paknOverdueMode === 'per_answer' || paknTakesPartial)) {
    proposals.push(
      rules.paknOverdueMode === 'per_answer'
        ? {
            points: sumPoints(Array(overdue.length).fill(rules.overdueAnswerPoints)),
            reason: `${formatCount(overdue.length)} câu trả lời PAKN trên ${input.portalName} quá hạn`,
            origin: { kind: 'pakn', ids: overdue },
          }
        : {
            points: rules.partialCategoryPoints,
            reason: `Một số câu trả lời PAKN trên ${input.portalName} quá hạn`,
            origin: { kind: 'pakn', ids: overdue },
          },
    );
  }

  const checks: string[] = [];
  const articles = input.articles;
  if (articles && articles.counted !== null && !articlesWithinTolerance(articles.reported, articles.counted, rules)) {
    checks.push(
      `Số tin, bài đơn vị báo cáo (${formatNumber(articles.reported)}) vượt số đếm được trên cổng ` +
        `(${formatNumber(articles.counted)}) quá ${formatNumber(rules.crawlTolerancePercent)}%`,
    );
  }

  return { proposals: applyCap(proposals, rules.capPerUnitMonth), counts, checks };
}

/** Lowers the last proposals so that their total stays within the monthly cap. */
export function applyCap<T extends Deduction & { uncappedPoints?: number }>(proposals: readonly T[], cap: number | null): T[] {
  if (cap === null) return [...proposals];
  let left = cap;
  return proposals.map((proposal) => {
    const points = Math.min(proposal.points, Math.max(0, left));
    left = sumPoints([left, -points]);
    return points === proposal.points ? proposal : { ...proposal, points, uncappedPoints: proposal.points };
  });
}

/** A unit of an imported file whose counts imply more deductions under the rules than the file carries. */
export interface UncarriedDeduction {
  line: number;
  unit: string;
  /** Points the rules give for the counts (category statuses only: a file carries no PAKN records). */
  implied: number;
  /** Points the file deducts. */
  carried: number;
  message: string;
}

/**
 * The units of a file whose category counts imply a deduction under the rule set that the file
 * does not carry. The board's figures stay as given; this only tells the board where to look.
 */
export function uncarriedDeductions(
  lines: readonly { line: number; unit: string; full: number; partial: number; none: number; deductions: readonly Deduction[] }[],
  rules: RuleValues,
  portalName: string,
): UncarriedDeduction[] {
  const found: UncarriedDeduction[] = [];
  for (const line of lines) {
    const { proposals } = proposeDeductions(
      { categories: { kind: 'counts', counts: { full: line.full, partial: line.partial, none: line.none } }, overduePakn: [], portalName },
      rules,
    );
    const implied = sumPoints(proposals.map((p) => p.points));
    const carried = sumPoints(line.deductions.map((d) => d.points));
    if (implied <= carried) continue;
    found.push({
      line: line.line,
      unit: line.unit,
      implied,
      carried,
      message:
        `${line.unit}: theo quy tắc phải trừ ${formatNumber(implied)} điểm (${proposals.map((p) => p.reason).join('; ')}), ` +
        `tệp ghi ${carried === 0 ? 'không trừ điểm' : `trừ ${formatNumber(carried)} điểm`}.`,
    });
  }
  return found;
}
