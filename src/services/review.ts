/**
 * The board's side of the month: open a period (a draft for every active unit), close
 * self-assessment and start the review, read every self-assessment with its evidence, and set a
 * unit's itemised deductions.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as periodsRepo from '../db/repositories/periods.js';
import * as unitsRepo from '../db/repositories/units.js';
import type { PeriodRow } from '../db/schema.js';
import { canListPeriod, canReadPeriodData, isStaff } from '../domain/access.js';
import { periodBounds, type PeriodStatus } from '../domain/period.js';
import { normalizeText } from '../domain/text.js';
import { selfAssessmentDeadline, stepAllowed, stepRefusal } from '../domain/workflow.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { presentPeriod, type Period, requirePeriodId } from './periods.js';
import { getProvince } from './provinces.js';
import { loadSelfAssessments, requirePeriodRow, type SelfAssessment } from './self-assessment.js';
import { refuseRace } from './races.js';

/** A period as the web application shows it: the core's view plus the self-assessment deadline. */
export interface WorkflowPeriod extends Period {
  deadline: string;
}

export function presentWorkflowPeriod(row: PeriodRow): WorkflowPeriod {
  return { ...presentPeriod(row), deadline: selfAssessmentDeadline({ to: row.to_date, deadline: row.deadline }) };
}

function assertStaff(actor: Actor): void {
  if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập (thư ký, quản trị) được thực hiện thao tác này.');
}

/** The periods one may see: viewers only published ones. */
export async function listVisiblePeriods(db: Db, actor: Actor): Promise<WorkflowPeriod[]> {
  const rows = await periodsRepo.list(db, actor.provinceId);
  return rows.filter((r) => canListPeriod(actor, r.status as PeriodStatus)).map(presentWorkflowPeriod);
}

export async function getVisiblePeriod(db: Db, actor: Actor, periodId: string): Promise<WorkflowPeriod> {
  const row = await requirePeriodRow(db, actor.provinceId, periodId);
  if (!canListPeriod(actor, row.status as PeriodStatus)) throw errors.forbidden('Kỳ này chưa công bố.');
  return presentWorkflowPeriod(row);
}

/**
 * Opens a period for self-assessment: a draft evaluation for every unit active on its first day,
 * with the group's named categories (all "không cập nhật" until the unit fills them in).
 */
export async function openPeriod(db: Db, actor: Actor, input: { id: string; deadline?: string | null }): Promise<WorkflowPeriod> {
  assertStaff(actor);
  const periodId = requirePeriodId(input.id);
  if (input.deadline !== undefined && input.deadline !== null && Number.isNaN(Date.parse(input.deadline))) {
    throw errors.validation('Hạn nộp không hợp lệ.');
  }
  return refuseRace(
    () =>
      db.transaction().execute(async (trx) => {
        if (await periodsRepo.get(trx, actor.provinceId, periodId)) throw errors.conflict(`Kỳ ${periodId} đã có.`);
        const { settings } = await getProvince(trx, actor.provinceId);
        const { from, to } = periodBounds(periodId, settings.cutOffDay);
        const deadline = input.deadline ? new Date(input.deadline).toISOString() : null;
        const row = await periodsRepo.create(trx, { provinceId: actor.provinceId, id: periodId, from, to, status: 'open', deadline });
        const [units, groups] = await Promise.all([unitsRepo.list(trx, actor.provinceId), groupsRepo.list(trx, actor.provinceId)]);
        const categories = await groupsRepo.listCategories(trx, groups.map((g) => g.id));
        const groupById = new Map(groups.map((g) => [g.id, g]));
        const active = units.filter((u) => u.retired_on === null || u.retired_on > from);
        await evaluationsRepo.insertMany(
          trx,
          actor.provinceId,
          periodId,
          active.map((unit) => {
            const required = groupById.get(unit.group_id)?.required_count ?? 0;
            const named = categories.filter((c) => c.group_id === unit.group_id);
            return {
              unitId: unit.id,
              groupId: unit.group_id,
              unitName: unit.name,
              required,
              full: 0,
              partial: 0,
              none: required,
              articles: 0,
              selfScore: null,
              state: 'draft',
              submittedAt: null,
              categories: named.map((c) => ({ categoryId: c.id, name: c.name, status: 'none', evidenceUrl: null })),
              deductions: [],
            };
          }),
        );
        const period = presentWorkflowPeriod(row);
        await recordAudit(trx, actor, { entity: 'period', entityId: periodId, action: 'open', after: { ...period, units: active.length } });
        return period;
      }),
    `Kỳ ${periodId} vừa được mở.`,
  );
}

async function changePeriod(
  db: Db,
  actor: Actor,
  periodId: string,
  action: string,
  check: (row: PeriodRow) => void,
  changes: Parameters<typeof periodsRepo.update>[3],
): Promise<WorkflowPeriod> {
  assertStaff(actor);
  return db.transaction().execute(async (trx) => {
    const before = await requirePeriodRow(trx, actor.provinceId, periodId);
    check(before);
    await periodsRepo.update(trx, actor.provinceId, before.id, changes);
    const after = (await periodsRepo.get(trx, actor.provinceId, before.id))!;
    await recordAudit(trx, actor, {
      entity: 'period',
      entityId: before.id,
      action,
      before: presentWorkflowPeriod(before),
      after: presentWorkflowPeriod(after),
    });
    return presentWorkflowPeriod(after);
  });
}

/** Closes self-assessment and starts the board's review. */
export async function startReview(db: Db, actor: Actor, periodId: string): Promise<WorkflowPeriod> {
  return changePeriod(
    db,
    actor,
    periodId,
    'review',
    (row) => {
      const status = row.status as PeriodStatus;
      if (status === 'published') throw errors.periodLocked(row.id);
      if (!stepAllowed('start-review', status)) throw errors.conflict(stepRefusal('start-review', status));
    },
    { status: 'review' },
  );
}

/** Moves the self-assessment deadline of an open period (null: the period's last day). */
export async function setDeadline(db: Db, actor: Actor, periodId: string, deadline: string | null): Promise<WorkflowPeriod> {
  if (deadline !== null && Number.isNaN(Date.parse(deadline))) throw errors.validation('Hạn nộp không hợp lệ.');
  return changePeriod(
    db,
    actor,
    periodId,
    'deadline',
    (row) => {
      if (row.status === 'published') throw errors.periodLocked(row.id);
    },
    { deadline: deadline === null ? null : new Date(deadline).toISOString() },
  );
}

/**
 * Every unit's self-assessment beside its evidence and deductions, in registry order: the board's
 * review view, and public to every signed-in user once the period is published.
 */
export async function listEvaluations(db: Db, actor: Actor, periodId: string): Promise<SelfAssessment[]> {
  const period = await requirePeriodRow(db, actor.provinceId, periodId);
  if (!canReadPeriodData(actor, period.status as PeriodStatus)) throw errors.forbidden('Chỉ Ban biên tập xem được các phiếu trước khi công bố.');
  const [assessments, units] = await Promise.all([
    loadSelfAssessments(db, actor.provinceId, period),
    unitsRepo.list(db, actor.provinceId),
  ]);
  const position = new Map(units.map((u) => [u.id, u.position]));
  return assessments.sort((a, b) => (position.get(a.unitId) ?? 0) - (position.get(b.unitId) ?? 0));
}

export interface DeductionInput {
  points: number;
  reason: string;
}

export function cleanDeductions(deductions: readonly DeductionInput[]): { points: number; reason: string; origin: null }[] {
  return deductions.map((d) => {
    const reason = normalizeText(d.reason);
    if (!reason) throw errors.validation('Mỗi khoản trừ điểm cần có lý do.');
    if (!(d.points > 0) || d.points > 100) throw errors.validation('Điểm trừ phải lớn hơn 0 và không quá 100.');
    return { points: Math.round(d.points * 100) / 100, reason, origin: null };
  });
}

/** Replaces a unit's itemised deductions during the review; the evaluation becomes "reviewed". */
export async function setDeductions(
  db: Db,
  actor: Actor,
  periodId: string,
  unitId: string,
  input: { deductions: DeductionInput[]; version: number },
): Promise<SelfAssessment> {
  assertStaff(actor);
  const deductions = cleanDeductions(input.deductions);
  return db.transaction().execute(async (trx) => {
    const period = await requirePeriodRow(trx, actor.provinceId, periodId);
    const status = period.status as PeriodStatus;
    if (status === 'published') throw errors.periodLocked(period.id);
    if (!stepAllowed('deduct', status)) throw errors.conflict(stepRefusal('deduct', status));
    const [evaluation] = await evaluationsRepo.listForPeriod(trx, actor.provinceId, period.id, { unitId });
    if (!evaluation) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${period.id}`);
    if (Number(evaluation.version) !== input.version) throw errors.staleVersion();
    const [before] = await loadSelfAssessments(trx, actor.provinceId, period, { unitId });
    if (!(await evaluationsRepo.updateIfVersion(trx, evaluation.id, input.version, { state: 'reviewed' }))) {
      throw errors.staleVersion();
    }
    await evaluationsRepo.replaceDeductions(trx, evaluation.id, deductions, { versionBumped: true });
    const [after] = await loadSelfAssessments(trx, actor.provinceId, period, { unitId });
    await recordAudit(trx, actor, {
      entity: 'deductions',
      entityId: `${period.id}/${unitId}`,
      action: 'set',
      before: { deductions: before!.deductions, score: before!.score, version: before!.version },
      after: { deductions: after!.deductions, score: after!.score, version: after!.version },
    });
    return after!;
  });
}
