/**
 * The board's review on the computed results: every unit's result as the rules give it from the
 * evidence, the reviewer's changes where the evidence says otherwise (each with its reason, stored
 * with the evaluation and audited), the board's own finding for a unit that did not report, and
 * accepting every unit's proposals in one action with a list of exceptions.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as unitsRepo from '../db/repositories/units.js';
import { inRegistryOrder } from './registry.js';
import type { EvaluationRow, PeriodRow } from '../db/schema.js';
import { isStaff } from '../domain/access.js';
import { CATEGORY_STATUSES, type CategoryCounts, type CategoryStatus, type EvaluationState } from '../domain/evaluation.js';
import type { PeriodStatus } from '../domain/period.js';
import { deductionKey, originLabel, REPORTING_LABELS, type ResultDeduction, type ReviewOverrides, type UnitResult } from '../domain/review.js';
import { normalizeText } from '../domain/text.js';
import { stepAllowed, stepRefusal } from '../domain/workflow.js';
import { errors } from '../errors.js';
import type { AcceptAllResult, FindingInput, PeriodReview, ResultDeductionView, ReviewUnit, WithdrawFindingInput } from '../contract/review.js';
import { type Actor, recordAudit } from './audit.js';
import { lockPeriodRow, presentPeriod } from './periods.js';
import { storedDeduction } from './publishing.js';
import { parseOverrides, periodResults, type EvaluationResult } from './results.js';
import { requirePeriodRow } from './self-assessment.js';

function assertStaff(actor: Actor): void {
  if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập (thư ký, quản trị) được rà soát kết quả.');
}

/** The period must be in review: the self-assessments are closed and nothing is published yet. */
function assertInReview(row: PeriodRow): void {
  const status = row.status as PeriodStatus;
  if (status === 'published') throw errors.periodLocked(row.id);
  if (!stepAllowed('deduct', status)) throw errors.conflict(stepRefusal('deduct', status));
}

function presentDeduction(d: ResultDeduction, result: UnitResult): ResultDeductionView {
  return {
    key: deductionKey(d.origin),
    points: d.points,
    reason: d.reason,
    origin: d.origin,
    originLabel: originLabel(d.origin, result.status),
    ...(d.uncappedPoints !== undefined ? { uncappedPoints: d.uncappedPoints } : {}),
    ...(d.changed ? { changed: d.changed } : {}),
  };
}

function presentUnit(r: EvaluationResult, groupName: string, evidence: Map<number, string | null>): ReviewUnit {
  const { evaluation: e, result } = r;
  const overrides = parseOverrides(e.review_overrides) ?? {};
  const reported = result.status === 'reported';
  return {
    unitId: e.unit_id,
    unitName: e.unit_name,
    groupName,
    state: e.state as EvaluationState,
    version: Number(e.version),
    status: result.status,
    statusLabel: REPORTING_LABELS[result.status],
    confirmed: result.confirmed,
    required: e.required,
    // What a unit that did not report put in its draft was never sent: it does not count.
    articles: reported ? e.articles : 0,
    selfScore: reported ? (e.self_score === null ? null : Number(e.self_score)) : null,
    submittedAt: e.submitted_at,
    counts: result.counts,
    countsChange: overrides.counts ?? null,
    categories: result.statuses.map((c) => ({
      position: c.position,
      name: c.name,
      self: c.self,
      measured: c.measured,
      reviewed: c.reviewed,
      reviewReason: c.reviewReason,
      status: c.status,
      evidenceUrl: reported ? (evidence.get(c.position) ?? null) : null,
    })),
    finding: overrides.finding ?? null,
    computed: result.computed.map((d) => presentDeduction(d, result)),
    deductions: result.deductions.map((d) => presentDeduction(d, result)),
    score: result.score,
    checks: result.checks,
  };
}

/** Every unit's computed result in registry order, with the evidence the reviewer weighs. */
export async function getPeriodReview(db: Db, actor: Actor, periodId: string): Promise<PeriodReview> {
  assertStaff(actor);
  const row = await requirePeriodRow(db, actor.provinceId, periodId);
  const [results, groups, units] = await Promise.all([
    periodResults(db, actor.provinceId, presentPeriod(row)),
    groupsRepo.list(db, actor.provinceId),
    unitsRepo.list(db, actor.provinceId),
  ]);
  const categories = await evaluationsRepo.listCategories(db, results.units.map((u) => u.evaluation.id));
  const evidence = new Map<string, Map<number, string | null>>();
  for (const c of categories) {
    const own = evidence.get(c.evaluation_id) ?? new Map<number, string | null>();
    own.set(c.position, c.evidence_url);
    evidence.set(c.evaluation_id, own);
  }
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const ordered = inRegistryOrder(results.units, units, (r) => r.evaluation.unit_id);
  const { rules } = results;
  return {
    period: row.id,
    status: row.status,
    ruleSet: { id: rules.id, effectiveFrom: rules.effectiveFrom, note: rules.note, isDefault: rules.isDefault },
    units: ordered.map((r) => presentUnit(r, groupName.get(r.evaluation.group_id) ?? '', evidence.get(r.evaluation.id) ?? new Map())),
  };
}


export interface StatusChange {
  position: number;
  status: CategoryStatus;
}

export interface ReviewChange {
  version: number;
  /** Why the evidence says otherwise: required, stored with each change and audited. */
  why: string;
  categories?: StatusChange[];
  /** For groups known only by counts; null drops an earlier change. */
  counts?: CategoryCounts | null;
  /** By deduction key; the computed points and wording again drop the change, 0 points drops the deduction. */
  deductions?: { key: string; points: number; reason: string }[];
}

interface Loaded {
  row: PeriodRow;
  unit: EvaluationResult;
  overrides: ReviewOverrides;
}

async function loadUnit(trx: Db, actor: Actor, periodId: string, unitId: string, version: number): Promise<Loaded> {
  const row = await lockPeriodRow(trx, actor.provinceId, periodId, 'shared');
  assertInReview(row);
  const [unit] = (await periodResults(trx, actor.provinceId, presentPeriod(row), { unitId })).units;
  if (!unit) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${row.id}`);
  if (Number(unit.evaluation.version) !== version) throw errors.staleVersion();
  return { row, unit, overrides: parseOverrides(unit.evaluation.review_overrides) ?? {} };
}

function requireWhy(why: string): string {
  const clean = normalizeText(why);
  if (!clean) throw errors.validation('Cần ghi lý do thay đổi (căn cứ minh chứng).');
  return clean;
}

function applyStatusChanges(result: UnitResult, overrides: ReviewOverrides, changes: readonly StatusChange[], why: string, reported: boolean): void {
  if (changes.length === 0) return;
  if (result.statuses.length === 0) throw errors.validation('Nhóm của đơn vị không có danh sách chuyên mục theo tên: hãy đổi số chuyên mục.');
  const categories = { ...(overrides.categories ?? {}) };
  for (const change of changes) {
    const category = result.statuses.find((c) => c.position === change.position);
    if (!category) throw errors.validation(`Không có chuyên mục thứ ${change.position} trong danh sách của kỳ.`);
    if (!(CATEGORY_STATUSES as readonly string[]).includes(change.status)) throw errors.validation('Trạng thái chuyên mục không hợp lệ.');
    // Back to what the unit said itself: no change left to keep.
    if (reported && category.self === change.status) delete categories[String(change.position)];
    else categories[String(change.position)] = { status: change.status, reason: why };
  }
  overrides.categories = categories;
}

function checkCounts(e: EvaluationRow, result: UnitResult, counts: CategoryCounts): void {
  if (result.statuses.length > 0) throw errors.validation('Nhóm của đơn vị có danh sách chuyên mục theo tên: hãy đổi trạng thái từng chuyên mục.');
  if (counts.full + counts.partial + counts.none !== e.required) {
    throw errors.validation(`Tổng số chuyên mục phải bằng ${e.required} (số chuyên mục phải cập nhật).`);
  }
}

/**
 * Writes the unit's new changes. A unit the board had confirmed is reopened: its result is
 * computed again from the changed evidence, and is confirmed again by accepting it or by publishing.
 */
async function saveOverrides(trx: Db, actor: Actor, loaded: Loaded, overrides: ReviewOverrides, action: string, why: string): Promise<ReviewUnit> {
  const { row, unit } = loaded;
  const e = unit.evaluation;
  const empty = Object.keys(overrides.categories ?? {}).length === 0 && !overrides.counts && Object.keys(overrides.deductions ?? {}).length === 0 && !overrides.finding;
  const reopened: EvaluationState = Number(e.reported) === 1 ? 'submitted' : 'draft';
  const changed = await evaluationsRepo.updateIfVersion(trx, e.id, Number(e.version), {
    review_overrides: empty ? null : JSON.stringify(overrides),
    ...(e.state === 'reviewed' ? { state: reopened } : {}),
  });
  if (!changed) throw errors.staleVersion();
  const review = await getPeriodReviewUnit(trx, actor, row, e.unit_id);
  const before = presentUnit(unit, '', new Map());
  await recordAudit(trx, actor, {
    entity: 'review',
    entityId: `${row.id}/${e.unit_id}`,
    action,
    before: { statusLabel: before.statusLabel, score: before.score, deductions: before.deductions.map(plain), changes: describeOverrides(parseOverrides(e.review_overrides) ?? {}) },
    after: { why, statusLabel: review.statusLabel, score: review.score, deductions: review.deductions.map(plain), changes: describeOverrides(overrides) },
  });
  return review;
}

const plain = (d: { points: number; reason: string }) => ({ points: d.points, reason: d.reason });

/** The changes as a secretary reads them in the audit log. */
function describeOverrides(o: ReviewOverrides): string[] {
  const lines: string[] = [];
  if (o.finding) lines.push(`Kết luận của Ban Biên tập: ${o.finding.reason}`);
  for (const [position, c] of Object.entries(o.categories ?? {})) lines.push(`Chuyên mục ${position}: ${STATUS_WORDS[c.status]} (${c.reason})`);
  if (o.counts) lines.push(`Số chuyên mục: ${o.counts.full} đầy đủ, ${o.counts.partial} không đầy đủ, ${o.counts.none} không cập nhật (${o.counts.reason})`);
  for (const [key, d] of Object.entries(o.deductions ?? {})) lines.push(`Khoản trừ ${key}: ${d.points} điểm, “${d.reason}” (${d.why})`);
  return lines;
}

const STATUS_WORDS: Record<CategoryStatus, string> = { full: 'đầy đủ', partial: 'không đầy đủ', none: 'không cập nhật' };

async function getPeriodReviewUnit(trx: Db, actor: Actor, row: PeriodRow, unitId: string): Promise<ReviewUnit> {
  const review = await getPeriodReview(trx, actor, row.id);
  const unit = review.units.find((u) => u.unitId === unitId);
  if (!unit) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${row.id}`);
  return unit;
}

/**
 * Changes a unit's category statuses (or counts) or a computed deduction where the evidence says
 * otherwise, with the reason; the result and the notice follow.
 */
export async function changeReview(db: Db, actor: Actor, periodId: string, unitId: string, input: ReviewChange): Promise<ReviewUnit> {
  return changeUnit(db, actor, { periodId, unitId, version: input.version, why: input.why, action: 'change' }, ({ unit, overrides: stored }, why) => {
    const e = unit.evaluation;
    const overrides: ReviewOverrides = structuredClone(stored);
    const reported = Number(e.reported) === 1;
    if (!reported && !overrides.finding && (input.categories?.length || input.counts)) {
      throw errors.conflict('Đơn vị không gửi tự đánh giá: hãy ghi nhận kết quả của Ban Biên tập cho đơn vị trước.');
    }
    applyStatusChanges(unit.result, overrides, input.categories ?? [], why, reported);
    if (input.counts === null) delete overrides.counts;
    else if (input.counts) {
      checkCounts(e, unit.result, input.counts);
      overrides.counts = { ...input.counts, reason: why };
    }
    if (input.deductions?.length) {
      const deductions = { ...(overrides.deductions ?? {}) };
      for (const change of input.deductions) {
        // The rules' own deduction, before any earlier change (one dropped earlier can come back).
        const ruled = unit.result.ruled.find((d) => deductionKey(d.origin) === change.key);
        if (!ruled) throw errors.validation(`Không có khoản trừ “${change.key}” để đổi.`);
        if (!(change.points >= 0 && change.points <= 100) || Math.round(change.points * 100) !== change.points * 100) {
          throw errors.validation('Điểm trừ từ 0 đến 100, tối đa hai chữ số thập phân.');
        }
        const reason = normalizeText(change.reason);
        if (!reason) throw errors.validation('Khoản trừ cần lời văn trong thông báo.');
        if (change.points === ruled.points && reason === ruled.reason) delete deductions[change.key];
        else deductions[change.key] = { points: change.points, reason, why };
      }
      overrides.deductions = deductions;
    }
    return overrides;
  });
}

/** One reviewer's change to one unit: permission, the period in review, the version, the reason, then the stored change. */
async function changeUnit(
  db: Db,
  actor: Actor,
  target: { periodId: string; unitId: string; version: number; why: string; action: string },
  change: (loaded: Loaded, why: string) => ReviewOverrides,
): Promise<ReviewUnit> {
  assertStaff(actor);
  const why = requireWhy(target.why);
  return db.transaction().execute(async (trx) => {
    const loaded = await loadUnit(trx, actor, target.periodId, target.unitId, target.version);
    return saveOverrides(trx, actor, loaded, change(loaded, why), target.action, why);
  });
}

/**
 * The board's own finding for a unit that did not report: the statuses the board established
 * (categories not given count as not updated). The unit then counts as reported by the board,
 * not by the rule for units that did not report.
 */
export async function recordFinding(db: Db, actor: Actor, periodId: string, unitId: string, input: FindingInput): Promise<ReviewUnit> {
  return changeUnit(db, actor, { periodId, unitId, version: input.version, why: input.why, action: 'finding' }, ({ unit, overrides: stored }, why) => {
    const e = unit.evaluation;
    if (Number(e.reported) === 1) throw errors.conflict(`${e.unit_name} đã gửi tự đánh giá; hãy đổi trạng thái chuyên mục thay vì ghi kết luận.`);
    const overrides: ReviewOverrides = { ...structuredClone(stored), finding: { reason: why }, categories: {} };
    applyStatusChanges(unit.result, overrides, input.categories ?? [], why, false);
    if (input.counts) {
      checkCounts(e, unit.result, input.counts);
      overrides.counts = { ...input.counts, reason: why };
    }
    return overrides;
  });
}

/**
 * Withdraws the board's finding for a unit that did not report (recorded for the wrong unit, or on
 * evidence that did not hold): the unit is "không gửi tự đánh giá" again, and publishing needs a new
 * finding or the rule's treatment for it. What the finding set (its statuses, counts and changed
 * deductions) goes with it; the audit entry keeps it, with the reason.
 */
export async function withdrawFinding(db: Db, actor: Actor, periodId: string, unitId: string, input: WithdrawFindingInput): Promise<ReviewUnit> {
  return changeUnit(db, actor, { periodId, unitId, version: input.version, why: input.why, action: 'withdraw-finding' }, ({ unit, overrides: stored }) => {
    if (!stored.finding) throw errors.conflict(`${unit.evaluation.unit_name} chưa có kết luận của Ban Biên tập để rút.`);
    return {};
  });
}

/**
 * Accepts every unit's computed result (the rules' proposals, with the reviewer's changes) in one
 * action, except the units listed: each accepted unit is confirmed with its deductions stored with
 * their origin. Units that did not report and have no finding have nothing to accept: the board
 * records its finding for them or the rule's treatment applies when publishing.
 */
export async function acceptAllProposals(db: Db, actor: Actor, periodId: string, input: { except?: readonly string[] }): Promise<AcceptAllResult> {
  assertStaff(actor);
  const except = new Set(input.except ?? []);
  return db.transaction().execute(async (trx) => {
    const row = await lockPeriodRow(trx, actor.provinceId, periodId, 'shared');
    assertInReview(row);
    const [{ units: results }, registry] = await Promise.all([periodResults(trx, actor.provinceId, presentPeriod(row)), unitsRepo.list(trx, actor.provinceId)]);
    // The lists it answers with follow the registry, as the review and the notice do.
    const units = inRegistryOrder(results, registry, (r) => r.evaluation.unit_id);
    const known = new Set(units.map((u) => u.evaluation.unit_id));
    const unknown = [...except].filter((id) => !known.has(id));
    if (unknown.length > 0) throw errors.validation(`Không có đơn vị ${unknown.join(', ')} trong kỳ ${row.id}.`);
    const result: AcceptAllResult = { accepted: [], excepted: [], notReported: [], alreadyConfirmed: [] };
    for (const { evaluation: e, result: r } of units) {
      const ref = { unitId: e.unit_id, unitName: e.unit_name };
      if (except.has(e.unit_id)) result.excepted.push(ref);
      else if (r.confirmed) result.alreadyConfirmed.push(ref);
      else if (r.status === 'not-reported') result.notReported.push(ref);
      else {
        const changed = await evaluationsRepo.updateIfVersion(trx, e.id, Number(e.version), {
          state: 'reviewed',
          full_count: r.counts.full,
          partial_count: r.counts.partial,
          none_count: r.counts.none,
        });
        if (!changed) throw errors.staleVersion();
        await evaluationsRepo.replaceDeductions(trx, e.id, r.computed.map(storedDeduction), { versionBumped: true });
        result.accepted.push(ref);
      }
    }
    const names = (refs: readonly { unitName: string }[]) => refs.map((u) => u.unitName);
    await recordAudit(trx, actor, {
      entity: 'period',
      entityId: row.id,
      action: 'accept-proposals',
      after: {
        accepted: names(result.accepted),
        excepted: names(result.excepted),
        notReported: names(result.notReported),
      },
    });
    return result;
  });
}
