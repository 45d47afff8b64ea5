/**
 * A unit's self-assessment for a period: the status of each required category with its evidence
 * link, the articles posted and the self-score. Saved with an optimistic version (a stale writer
 * is told, never silently overwritten) and submitted before the deadline.
 */
import { type Db, inTransaction } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as periodsRepo from '../db/repositories/periods.js';
import type { DeductionRow, EvaluationCategoryRow, EvaluationRow, PeriodRow } from '../db/schema.js';
import { canEditSelfAssessment, canReadUnitData } from '../domain/access.js';
import { type CategoryCounts, type CategoryStatus, countStatuses, type EvaluationCounts, type EvaluationState, reviewedScore } from '../domain/evaluation.js';
import type { PeriodStatus } from '../domain/period.js';
import { urlProblem } from '../domain/limits.js';
import { formatDate, isoDateInVietnam, nameKey, normalizeText } from '../domain/text.js';
import { isPastDeadline, selfAssessmentDeadline, stepAllowed, stepRefusal } from '../domain/workflow.js';
import { errors } from '../errors.js';
import type { SelfAssessment } from '../contract/evaluations.js';
import { type Actor, auditEntry, recordAudit } from './audit.js';
import { confirmSession, type SessionActor } from './auth.js';
import { lockPeriodRow, requirePeriodId } from './periods.js';

export interface SelfAssessmentCategory {
  name: string;
  status: CategoryStatus;
  evidenceUrl: string | null;
}

/** A unit's evaluation for a period, as its editor and the reviewer see it. */
export type { SelfAssessment };

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
  return rows.map((row) =>
    presentSelfAssessment(
      period,
      row,
      groupName.get(row.group_id) ?? '',
      categories.filter((c) => c.evaluation_id === row.id),
      deductions.filter((d) => d.evaluation_id === row.id),
    ),
  );
}

function presentSelfAssessment(
  period: PeriodRow,
  row: EvaluationRow,
  groupName: string,
  categories: readonly Pick<EvaluationCategoryRow, 'name' | 'status' | 'evidence_url'>[],
  deductions: readonly Pick<DeductionRow, 'points' | 'reason'>[],
): SelfAssessment {
  const own = deductions.map((d) => ({ points: Number(d.points), reason: d.reason }));
  return {
    unitId: row.unit_id,
    unitName: row.unit_name,
    groupName,
    period: period.id,
    state: row.state as SelfAssessment['state'],
    categories: categories.map((c) => ({ name: c.name, status: c.status as CategoryStatus, evidenceUrl: c.evidence_url })),
    evidenceUrls: parseEvidenceUrls(row.evidence_urls),
    required: row.required,
    full: row.full_count,
    partial: row.partial_count,
    none: row.none_count,
    articles: row.articles,
    selfScore: row.self_score === null ? null : Number(row.self_score),
    version: Number(row.version),
    submittedAt: row.submitted_at,
    deadline: selfAssessmentDeadline({ to: period.to_date, deadline: period.deadline }),
    deductions: own,
    score: reviewedScore(own),
  };
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
  counts?: CategoryCounts;
  articles: number;
  selfScore: number | null;
  /** Evidence links for the unit as a whole, where categories are not named (absent: unchanged). */
  evidenceUrls?: string[];
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

/**
 * The categories to store, in the period's order, checked against `named`: the list the period
 * opened with (see period-categories.ts), never the registry's list now, so that a registry
 * change never blocks a save.
 */
function resolveCategories(
  evaluation: EvaluationRow,
  named: readonly { id: string | null; name: string; name_key: string }[],
  input: SelfAssessmentInput,
): { categories: { categoryId: string | null; name: string; status: string; evidenceUrl: string | null }[]; full: number; partial: number; none: number } {
  // Evidence links are opened by the board's browsers: http(s) only, on every way in.
  for (const c of input.categories ?? []) {
    const problem = c.evidenceUrl === null ? null : urlProblem(c.evidenceUrl, `Minh chứng của chuyên mục "${normalizeText(c.name)}"`);
    if (problem) throw errors.validation(problem);
  }
  for (const url of input.evidenceUrls ?? []) {
    const problem = urlProblem(url, 'Minh chứng của đơn vị');
    if (problem) throw errors.validation(problem);
  }
  if (named.length > 0) {
    const given = new Map<string, NonNullable<SelfAssessmentInput['categories']>[number]>();
    for (const c of input.categories ?? []) {
      const key = nameKey(c.name);
      if (given.has(key)) throw errors.validation(`Chuyên mục "${normalizeText(c.name)}" có hai lần trên phiếu; mỗi chuyên mục chỉ đánh giá một lần.`);
      given.set(key, c);
    }
    const missing = named.filter((n) => !given.has(n.name_key)).map((n) => n.name);
    const unknown = [...given.values()].filter((c) => !named.some((n) => n.name_key === nameKey(c.name))).map((c) => c.name);
    if (missing.length > 0 || unknown.length > 0) {
      // Only a form older than the period's list gets here: the list changes only before anyone enters anything.
      throw errors.validation(
        'Phiếu đang mở không còn đúng danh sách chuyên mục của kỳ (Ban Biên tập vừa cập nhật danh sách). ' +
          'Hãy tải lại trang để đánh giá theo danh sách của kỳ; các đường dẫn minh chứng đã nhập cần nhập lại.',
        { missing, unknown },
      );
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

/** The unit's own evidence links (groups whose categories are not named), as stored. */
export function parseEvidenceUrls(json: string | null): string[] {
  if (json === null) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Saves a draft. Reads in one query (the period, the evaluation, its group's name, its categories
 * and deductions and the period's list for the group), without a lock, then writes the evaluation
 * with its audit entry only if neither the evaluation (its version) nor the period (its status and
 * deadline) changed since the read, locking the period's row as it writes (updateIfVersionAudited).
 * A group known by counts so needs no transaction: on PostgreSQL a save at the deadline is two
 * round trips (bench/scale.ts). A group with named categories replaces them in a transaction with
 * the write. A write refused because something changed is tried once more from a new read, which
 * tells the editor why (a newer version, a period gone to review, a deadline moved).
 * A session the HTTP layer remembers is confirmed by the first read, before anything is written.
 */
export async function saveSelfAssessment(
  db: Db,
  actor: SessionActor,
  periodId: string,
  unitId: string,
  input: SelfAssessmentInput,
  now = new Date(),
): Promise<SelfAssessment> {
  const saved = (await saveIfUnchanged(db, actor, periodId, unitId, input, now)) ?? (await saveIfUnchanged(db, actor, periodId, unitId, input, now));
  // Changed again between the second read and its write: the editor reloads, as for any newer version.
  if (!saved) throw errors.staleVersion();
  return saved;
}

/** One read and one guarded write; null when the write found the evaluation or the period changed since the read. */
async function saveIfUnchanged(
  db: Db,
  actor: SessionActor,
  periodId: string,
  unitId: string,
  input: SelfAssessmentInput,
  now: Date,
): Promise<SelfAssessment | null> {
  const found = await evaluationsRepo.getForWrite(db, actor.provinceId, requirePeriodId(periodId), unitId, actor.unconfirmedSession);
  confirmSession(actor, found?.sessionValid);
  if (!found) throw errors.notFound(`kỳ ${periodId}`);
  const { period, evaluation, groupName } = found;
  if (!evaluation) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${periodId}`);
  assertCanWrite(actor, period, evaluation, unitId, now);
  if (Number(evaluation.version) !== input.version) throw errors.staleVersion();
  const { parts } = found;
  const before = presentSelfAssessment(period, evaluation, groupName, parts.categories, parts.deductions);
  const resolved = resolveCategories(evaluation, parts.named, input);
  const changes = {
    full_count: resolved.full,
    partial_count: resolved.partial,
    none_count: resolved.none,
    articles: input.articles,
    self_score: input.selfScore,
    ...(input.evidenceUrls !== undefined ? { evidence_urls: input.evidenceUrls.length > 0 ? JSON.stringify(input.evidenceUrls) : null } : {}),
  };
  const stored = resolved.categories.map((c) => ({ name: c.name, status: c.status, evidence_url: c.evidenceUrl }));
  // The audit entry is written by the update's own statement, so its "after" is what this save
  // writes: the row with these changes and the next version (the answer below is read back).
  const written = presentSelfAssessment(period, { ...evaluation, ...changes, version: input.version + 1 }, groupName, stored, parts.deductions);
  const entry = auditEntry(actor, { entity: 'self-assessment', entityId: `${period.id}/${unitId}`, action: 'save', before, after: written });
  const write = (target: Db) => evaluationsRepo.updateIfVersionAudited(target, evaluation.id, input.version, changes, entry, period);
  // Groups known only by counts store no categories: the write is all, and needs no transaction.
  const updated =
    parts.categories.length > 0 || resolved.categories.length > 0
      ? await inTransaction(db, async (trx) => {
          const row = await write(trx);
          if (row) await evaluationsRepo.replaceCategories(trx, evaluation.id, resolved.categories, { versionBumped: true });
          return row;
        })
      : await write(db);
  return updated ? presentSelfAssessment(period, updated, groupName, stored, parts.deductions) : null;
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
    const period = await lockPeriodRow(trx, actor.provinceId, periodId, 'shared');
    const evaluation = await requireEvaluation(trx, actor.provinceId, period.id, unitId);
    assertCanWrite(actor, period, evaluation, unitId, now);
    const version = input.version ?? Number(evaluation.version);
    if (Number(evaluation.version) !== version) throw errors.staleVersion();
    if (evaluation.self_score === null) throw errors.validation('Cần nhập điểm tự đánh giá trước khi nộp.');
    const updated = await evaluationsRepo.updateIfVersion(trx, evaluation.id, version, {
      state: 'submitted',
      submitted_at: now.toISOString(),
      reported: 1,
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
