/**
 * The board's result for one unit, computed from the evidence: the rule set in force applied to
 * the reviewed category statuses (the unit's own, changed by the reviewer where the evidence says
 * otherwise, and the crawler's where the board counts them), overdue PAKN answers, and what the
 * rule set says of a unit that did not report. Once the board confirms a unit, its stored
 * deductions are its result.
 */
import { type CategoryCounts, type CategoryStatus, type Deduction } from './evaluation.js';
import { applyCap, type CategoryAssessment, type CategoryInput, type Proposal, type ProposalOrigin, proposeDeductions } from './proposals.js';
import { type RuleValues, scoreUnderRules } from './rules.js';
import { formatCount } from './text.js';

/** The reviewer's changes to a unit's statuses, each with the reason the evidence gave. */
export interface ReviewOverrides {
  /** By category position (1-based, as listed in the period). */
  categories?: Record<string, { status: CategoryStatus; reason: string }>;
  /** For groups whose categories are known only by number. */
  counts?: CategoryCounts & { reason: string };
  /**
   * The reviewer's change to a computed deduction, by its key (deductionKey): the points and the
   * notice's wording to use instead (0 points drops it), and why the evidence says otherwise.
   */
  deductions?: Record<string, { points: number; reason: string; why: string }>;
  /** The board's own finding for a unit that did not report: it then counts as reported by the board. */
  finding?: { reason: string };
}

/** Which computed deduction a reviewer's change applies to: one per origin kind (and status). */
export function deductionKey(origin: ResultOrigin): string {
  switch (origin.kind) {
    case 'categories':
      return `categories:${origin.status}`;
    case 'pakn':
    case 'not-reported':
    case 'reviewer':
      return origin.kind;
  }
}

export type ResultOrigin = ProposalOrigin | { kind: 'not-reported' } | { kind: 'reviewer' };

export interface ResultDeduction extends Deduction {
  origin: ResultOrigin;
  uncappedPoints?: number;
  /** The reviewer changed what the rules gave: the rules' points and wording, and why. */
  changed?: { computedPoints: number; computedReason: string; why: string };
}

/** reported: sent its self-assessment; not-reported: did not, nothing recorded; finding: did not, the board recorded its own finding. */
export type ReportingStatus = 'reported' | 'not-reported' | 'finding';

export const REPORTING_LABELS: Record<ReportingStatus, string> = {
  reported: 'Đã gửi tự đánh giá',
  'not-reported': 'Không gửi tự đánh giá',
  finding: 'Không gửi tự đánh giá; Ban Biên tập đã ghi nhận kết quả',
};

export interface ResultCategory {
  position: number;
  id: string;
  name: string;
  self: CategoryStatus | null;
  measured: CategoryStatus | null;
}

export interface UnitResultInput {
  required: number;
  reported: boolean;
  /** The board confirmed the unit's result (or it came from the board's own file). */
  confirmed: boolean;
  /** Counts as stored. */
  counts: CategoryCounts;
  /** The period's categories for the unit, when named (else the counts are all there is). */
  categories: readonly ResultCategory[];
  overrides: ReviewOverrides | null;
  /** Deductions as stored (with their origin JSON when a proposal made them). */
  stored: readonly { points: number; reason: string; origin: ResultOrigin | null }[];
  overduePakn: readonly string[];
  articles?: { reported: number; counted: number | null };
  portalName: string;
}

export interface UnitResult {
  status: ReportingStatus;
  confirmed: boolean;
  /** Counts as they count for the score. */
  counts: CategoryCounts;
  /** Each category with the status that counts (after the reviewer's change). */
  statuses: (ResultCategory & { reviewed: CategoryStatus | null; reviewReason: string | null; status: CategoryStatus })[];
  /** What the rules alone give, before the reviewer's changes to deductions. */
  ruled: ResultDeduction[];
  /** What the rules give now, with the reviewer's changes to deductions. */
  computed: ResultDeduction[];
  /** The result: the stored deductions once confirmed, else the computed ones. */
  deductions: ResultDeduction[];
  score: number;
  checks: string[];
}

/** The unit's result under the rules. Pure: the caller loads the evidence. */
export function unitResult(input: UnitResultInput, rules: RuleValues): UnitResult {
  const overrides = input.overrides ?? {};
  const hasOverrides = Object.keys(overrides.categories ?? {}).length > 0 || overrides.counts !== undefined || overrides.finding !== undefined;
  // Confirmed under the rule's treatment for not reporting (as publishing settles it), a unit still did not report.
  const settledByRule = input.stored.some((d) => d.origin?.kind === 'not-reported');
  const status: ReportingStatus = input.reported ? 'reported' : hasOverrides || (input.confirmed && !settledByRule) ? 'finding' : 'not-reported';
  const statuses = input.categories.map((c) => {
    const change = overrides.categories?.[String(c.position)];
    // A unit that did not report established nothing: what its draft says does not count.
    const self = change?.status ?? (input.reported ? c.self : status === 'finding' ? 'none' : null);
    const measured = rules.useCrawlStatuses ? c.measured : null;
    const counted: CategoryStatus = worse(self ?? 'none', measured ?? self ?? 'none');
    // Each field named, not `{ ...c, self: … }`: a spread followed by one of the spread object's own
    // keys takes V8's slow path, and a report makes one of these per category of every unit (a
    // 130-unit month of 22 categories: 27 ms a report instead of 8; npm run bench -- --only core).
    return { position: c.position, id: c.id, name: c.name, self: input.reported ? c.self : null, measured: c.measured, reviewed: change?.status ?? null, reviewReason: change?.reason ?? null, status: counted };
  });

  let computed: ResultDeduction[];
  let counts: CategoryCounts;
  let checks: string[] = [];
  if (status === 'not-reported') {
    ({ computed, counts } = notReportedTreatment(input, rules));
  } else {
    const categories: CategoryInput =
      input.categories.length > 0
        ? {
            kind: 'statuses',
            items: input.categories.map((c): CategoryAssessment => {
              const change = overrides.categories?.[String(c.position)];
              return {
                id: c.id,
                name: c.name,
                self: change?.status ?? (input.reported ? c.self : 'none'),
                measured: rules.useCrawlStatuses && !change ? c.measured : null,
                ...(change ? { selfSource: 'reviewer' as const } : {}),
              };
            }),
          }
        : {
            kind: 'counts',
            counts: overrides.counts
              ? { full: overrides.counts.full, partial: overrides.counts.partial, none: overrides.counts.none }
              : input.reported
                ? input.counts
                : { full: 0, partial: 0, none: input.required },
          };
    const proposed = proposeDeductions(
      { categories, overduePakn: input.overduePakn, ...(input.articles ? { articles: input.articles } : {}), portalName: input.portalName },
      rules,
    );
    computed = proposed.proposals.map(withOrigin);
    counts = proposed.counts;
    checks = proposed.checks;
    if (categories.kind === 'counts' && overrides.counts) {
      computed = computed.map((d) => (d.origin.kind === 'categories' ? { ...d, origin: { ...d.origin, sources: ['reviewer'] } } : d));
    }
  }

  const ruled = computed;
  computed = applyDeductionChanges(ruled, overrides.deductions);
  const confirmed = input.confirmed;
  const deductions: ResultDeduction[] = confirmed
    ? input.stored.map((d) => ({ points: d.points, reason: d.reason, origin: d.origin ?? { kind: 'reviewer' } }))
    : computed;
  return {
    status,
    confirmed,
    counts: confirmed ? input.counts : counts,
    statuses,
    ruled,
    computed,
    deductions,
    score: scoreUnderRules(deductions, rules),
    checks,
  };
}

/** The rule set's treatment of a unit that did not report, itemised as the notice words it. */
export function notReportedTreatment(input: Pick<UnitResultInput, 'required'>, rules: RuleValues): { computed: ResultDeduction[]; counts: CategoryCounts } {
  const counts: CategoryCounts = { full: 0, partial: 0, none: input.required };
  if (rules.notReportedPoints !== null) {
    const flat: ResultDeduction[] = rules.notReportedPoints > 0 ? [{ points: rules.notReportedPoints, reason: 'Không gửi tự đánh giá', origin: { kind: 'not-reported' } }] : [];
    return { computed: applyCap(flat, rules.capPerUnitMonth), counts };
  }
  if (input.required === 0) return { computed: [], counts };
  const points = Math.round(input.required * rules.missingCategoryPoints * 100) / 100;
  const one: ResultDeduction = {
    points,
    reason: `Không gửi tự đánh giá (${formatCount(input.required)} chuyên mục tính là không cập nhật)`,
    origin: { kind: 'not-reported' },
  };
  return { computed: applyCap([one], rules.capPerUnitMonth), counts };
}

/** The reviewer's changes to computed deductions; a change to 0 points drops the deduction. */
function applyDeductionChanges(computed: readonly ResultDeduction[], changes: ReviewOverrides['deductions']): ResultDeduction[] {
  if (!changes) return [...computed];
  return computed.flatMap((d) => {
    const change = changes[deductionKey(d.origin)];
    if (!change) return [d];
    if (change.points === 0) return [];
    const { uncappedPoints: _uncapped, ...rest } = d;
    void _uncapped;
    return [{ ...rest, points: change.points, reason: change.reason, changed: { computedPoints: d.points, computedReason: d.reason, why: change.why } }];
  });
}

function withOrigin(p: Proposal): ResultDeduction {
  return { points: p.points, reason: p.reason, origin: p.origin, ...(p.uncappedPoints !== undefined ? { uncappedPoints: p.uncappedPoints } : {}) };
}

const SEVERITY: Record<CategoryStatus, number> = { full: 0, partial: 1, none: 2 };
function worse(a: CategoryStatus, b: CategoryStatus): CategoryStatus {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** The origin stored with a deduction (JSON), read back; null for typed or imported ones. */
export function parseStoredOrigin(json: string | null): ResultOrigin | null {
  if (json === null) return null;
  try {
    const parsed = JSON.parse(json) as { proposal?: ResultOrigin; kind?: string; edited?: boolean };
    if (parsed.edited) return { kind: 'reviewer' };
    if (parsed.proposal && typeof parsed.proposal === 'object') return parsed.proposal;
    if (typeof parsed.kind === 'string') return parsed as ResultOrigin;
    return null;
  } catch {
    return null;
  }
}

const SOURCE_LABELS: Record<'self' | 'crawler' | 'reviewer', string> = {
  self: 'tự đánh giá',
  crawler: 'máy đo trên cổng',
  reviewer: 'Ban Biên tập',
};

/** Where a deduction of the result comes from, as the reviewer reads it. */
export function originLabel(origin: ResultOrigin, status: ReportingStatus): string {
  switch (origin.kind) {
    case 'categories': {
      // A unit that did not report assessed nothing: its categories are the board's finding.
      const sources = status === 'reported' ? origin.sources : origin.sources.map((s) => (s === 'self' ? 'reviewer' : s));
      const by = [...new Set(sources.map((s) => SOURCE_LABELS[s]))].join(', ');
      return `Chuyên mục ${origin.status === 'none' ? 'không cập nhật' : 'không đầy đủ'}${by ? ` (${by})` : ''}`;
    }
    case 'pakn':
      return `${formatCount(origin.ids.length)} câu trả lời PAKN quá hạn`;
    case 'not-reported':
      return 'Quy tắc cho đơn vị không gửi tự đánh giá';
    case 'reviewer':
      return 'Ban Biên tập nhập';
  }
}
