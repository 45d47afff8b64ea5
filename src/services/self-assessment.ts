/**
 * A unit's self-assessment for a period: the status of each required category with its evidence
 * link, the articles posted and the self-score. Saved with an optimistic version (a stale writer
 * is told, never silently overwritten) and submitted before the deadline.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as periodsRepo from '../db/repositories/periods.js';
import type { EvaluationRow, PeriodRow } from '../db/schema.js';
import { canEditSelfAssessment, canReadUnitData } from '../domain/access.js';
import { type CategoryStatus, countStatuses, reviewedScore } from '../domain/evaluation.js';
import type { PeriodStatus } from '../domain/period.js';
import { formatDate, isoDateInVietnam, nameKey, normalizeText } from '../domain/text.js';
import { isPastDeadline, selfAssessmentDeadline, stepAllowed, stepRefusal } from '../domain/workflow.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { requirePeriodId } from './periods.js';

export interface SelfAssessmentCategory {
  name: string;
  status: CategoryStatus;
  evidenceUrl: string | null;
}

export interface SelfAssessment {
  unitId: string;
  unitName: string;
  groupName: string;
  period: string;
  state: 'draft' | 'submitted' | 'reviewed';
  categories: SelfAssessmentCategory[];
  required: number;
  full: number;
  partial: number;
  none: number;
  articles: number;
  selfScore: number | null;
  version: number;
  submittedAt: string | null;
  deadline: string;
  /** The board's itemised deductions and the reviewed score. */
  deductions: { points: number; reason: string }[];
  score: number;
}

export async function requirePeriodRow(db: Db, provinceId: string, periodId: string): Promise<PeriodRow> {
  const row = await periodsRepo.get(db, provinceId, requirePeriodId(periodId));
  if (!row) throw errors.notFound(`kỳ ${periodId}`);
  return row;
}

async function requireEvaluation(db: Db, provinceId: string, periodId: string, unitId: string): Promise<EvaluationRow> {
  const [row] = await evaluationsRepo.listForPeriod(db, provinceId, periodId, { unitId });
  if (!row) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${periodId}`);
  return row;
}

/** The self-assessments of a period (all, or one unit's), with categories and deductions. */
export async function loadSelfAssessments(
  db: Db,
  provinceId: string,
  period: PeriodRow,
  filter: { unitId?: string } = {},
): Promise<SelfAssessment[]> {
  const rows = await evaluationsRepo.listForPeriod(db, provinceId, period.id, filter);
  const ids = rows.map((r) => r.id);
  const [categories, deductions, groups] = await Promise.all([
    evaluationsRepo.listCategories(db, ids),
    evaluationsRepo.listDeductions(db, ids),
    groupsRepo.list(db, provinceId),
  ]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const deadline = selfAssessmentDeadline({ to: period.to_date, deadline: period.deadline });
  return rows.map((row) => {
    const own = deductions.filter((d) => d.evaluation_id === row.id).map((d) => ({ points: Number(d.points), reason: d.reason }));
    return {
      unitId: row.unit_id,
      unitName: row.unit_name,
      groupName: groupName.get(row.group_id) ?? '',
      period: period.id,
      state: row.state as SelfAssessment['state'],
      categories: categories
        .filter((c) => c.evaluation_id === row.id)
        .map((c) => ({ name: c.name, status: c.status as CategoryStatus, evidenceUrl: c.evidence_url })),
      required: row.required,
      full: row.full_count,
      partial: row.partial_count,
      none: row.none_count,
      articles: row.articles,
      selfScore: row.self_score === null ? null : Number(row.self_score),
      version: Number(row.version),
      submittedAt: row.submitted_at,
      deadline,
      deductions: own,
      score: reviewedScore(own),
    };
  });
}

export async function getSelfAssessment(db: Db, actor: Actor, periodId: string, unitId: string): Promise<SelfAssessment> {
  const period = await requirePeriodRow(db, actor.provinceId, periodId);
  if (!canReadUnitData(actor, period.status as PeriodStatus, unitId)) throw errors.forbidden();
  const [found] = await loadSelfAssessments(db, actor.provinceId, period, { unitId });
  if (!found) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${periodId}`);
  return found;
}

export interface SelfAssessmentInput {
  /** Per-category statuses; required when the unit's group lists its categories by name. */
  categories?: { name: string; status: CategoryStatus; evidenceUrl: string | null }[];
  /** Counts, for groups whose categories are known only by number. */
  counts?: { full: number; partial: number; none: number };
  articles: number;
  selfScore: number | null;
  version: number;
}

/** Checks the writer may write now: their unit, an open period, a draft, before the deadline. */
function assertCanWrite(actor: Actor, period: PeriodRow, evaluation: EvaluationRow, unitId: string, now: Date): void {
  if (!canEditSelfAssessment(actor, unitId)) throw errors.forbidden('Chỉ biên tập viên của đơn vị mới sửa được tự đánh giá này.');
  const status = period.status as PeriodStatus;
  if (status === 'published') throw errors.periodLocked(period.id);
  if (!stepAllowed('self-assess', status)) throw errors.conflict(stepRefusal('self-assess', status));
  if (evaluation.state !== 'draft') throw errors.conflict('Tự đánh giá đã nộp; không sửa được nữa.');
  const deadline = selfAssessmentDeadline({ to: period.to_date, deadline: period.deadline });
  if (isPastDeadline(deadline, now)) {
    throw errors.conflict(`Đã quá hạn nộp tự đánh giá (${formatDate(isoDateInVietnam(new Date(deadline)))}).`);
  }
}

/** The categories to store, in the group's order, after checking them against the group's list. */
async function resolveCategories(
  db: Db,
  evaluation: EvaluationRow,
  input: SelfAssessmentInput,
): Promise<{ categories: { categoryId: string | null; name: string; status: string; evidenceUrl: string | null }[]; full: number; partial: number; none: number }> {
  const named = await groupsRepo.listCategories(db, [evaluation.group_id]);
  if (named.length > 0) {
    const given = new Map<string, NonNullable<SelfAssessmentInput['categories']>[number]>();
    for (const c of input.categories ?? []) {
      const key = nameKey(c.name);
      if (given.has(key)) throw errors.validation(`Chuyên mục "${normalizeText(c.name)}" bị lặp.`);
      given.set(key, c);
    }
    const missing = named.filter((n) => !given.has(n.name_key)).map((n) => n.name);
    const unknown = [...given.values()].filter((c) => !named.some((n) => n.name_key === nameKey(c.name))).map((c) => c.name);
    if (missing.length > 0 || unknown.length > 0) {
      throw errors.validation('Danh sách chuyên mục không khớp với danh sách của nhóm.', { missing, unknown });
    }
    const categories = named.map((n) => {
      const c = given.get(n.name_key)!;
      return { categoryId: n.id, name: n.name, status: c.status, evidenceUrl: c.evidenceUrl };
    });
    return { categories, ...countStatuses(categories.map((c) => c.status)) };
  }
  if (input.categories && input.categories.length > 0) {
    if (input.categories.length !== evaluation.required) {
      throw errors.validation(`Cần đủ ${evaluation.required} chuyên mục, đã gửi ${input.categories.length}.`);
    }
    const categories = input.categories.map((c) => ({ categoryId: null, name: normalizeText(c.name), status: c.status, evidenceUrl: c.evidenceUrl }));
    return { categories, ...countStatuses(categories.map((c) => c.status)) };
  }
  const counts = input.counts;
  if (!counts || counts.full + counts.partial + counts.none !== evaluation.required) {
    throw errors.validation(`Số chuyên mục đầy đủ, không đầy đủ và không cập nhật phải cộng lại bằng ${evaluation.required}.`);
  }
  return { categories: [], ...counts };
}

export async function saveSelfAssessment(
  db: Db,
  actor: Actor,
  periodId: string,
  unitId: string,
  input: SelfAssessmentInput,
  now = new Date(),
): Promise<SelfAssessment> {
  return db.transaction().execute(async (trx) => {
    const period = await requirePeriodRow(trx, actor.provinceId, periodId);
    const evaluation = await requireEvaluation(trx, actor.provinceId, period.id, unitId);
    assertCanWrite(actor, period, evaluation, unitId, now);
    if (Number(evaluation.version) !== input.version) throw errors.staleVersion();
    const [before] = await loadSelfAssessments(trx, actor.provinceId, period, { unitId });
    const resolved = await resolveCategories(trx, evaluation, input);
    const updated = await evaluationsRepo.updateIfVersion(trx, evaluation.id, input.version, {
      full_count: resolved.full,
      partial_count: resolved.partial,
      none_count: resolved.none,
      articles: input.articles,
      self_score: input.selfScore,
    });
    if (!updated) throw errors.staleVersion();
    await evaluationsRepo.replaceCategories(trx, evaluation.id, resolved.categories, { versionBumped: true });
    const [after] = await loadSelfAssessments(trx, actor.provinceId, period, { unitId });
    await recordAudit(trx, actor, { entity: 'self-assessment', entityId: `${period.id}/${unitId}`, action: 'save', before, after });
    return after!;
  });
}

export async function submitSelfAssessment(
  db: Db,
  actor: Actor,
  periodId: string,
  unitId: string,
  input: { version?: number },
  now = new Date(),
): Promise<SelfAssessment> {
  return db.transaction().execute(async (trx) => {
    const period = await requirePeriodRow(trx, actor.provinceId, periodId);
    const evaluation = await requireEvaluation(trx, actor.provinceId, period.id, unitId);
    assertCanWrite(actor, period, evaluation, unitId, now);
    const version = input.version ?? Number(evaluation.version);
    if (Number(evaluation.version) !== version) throw errors.staleVersion();
    if (evaluation.self_score === null) throw errors.validation('Cần nhập điểm tự đánh giá trước khi nộp.');
    const updated = await evaluationsRepo.updateIfVersion(trx, evaluation.id, version, {
      state: 'submitted',
      submitted_at: now.toISOString(),
    });
    if (!updated) throw errors.staleVersion();
    const [after] = await loadSelfAssessments(trx, actor.provinceId, period, { unitId });
    await recordAudit(trx, actor, {
      entity: 'self-assessment',
      entityId: `${period.id}/${unitId}`,
      action: 'submit',
      before: { state: evaluation.state, version },
      after: { state: after!.state, version: after!.version, submittedAt: after!.submittedAt },
    });
    return after!;
  });
}
