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
import { lengthProblem, TEXT_MAX } from '../domain/limits.js';
import { formatDate, isoDateInVietnam, normalizeText, todayInVietnam } from '../domain/text.js';
import { endOfDayInVietnam, isPastDeadline, selfAssessmentDeadline, stepAllowed, stepRefusal } from '../domain/workflow.js';
import { addWorkingDays } from '../domain/working-days.js';
import { errors } from '../errors.js';
import type { OpenProposal, Period as ContractPeriod, PeriodDetail, PeriodWithWarnings } from '../contract/periods.js';
import { type Actor, recordAudit } from './audit.js';
import { lockPeriodRow, presentPeriod, type Period, requirePeriodId } from './periods.js';
import { workCalendarFor } from './calendar.js';
import { fixPeriodCategories } from './period-categories.js';
import { getProvince } from './provinces.js';
import { ruleSetForPeriod } from './rules.js';
import { loadSelfAssessments, requirePeriodRow, type SelfAssessment } from './self-assessment.js';
import { refuseRace } from './races.js';

/** A period as the web application shows it: the core's view plus the self-assessment deadline. */
export type WorkflowPeriod = ContractPeriod;
/** A period just opened or given a deadline, with what the board should know about it. */
export type WarnedPeriod = PeriodWithWarnings;
export type { OpenProposal, PeriodDetail };

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

export async function getVisiblePeriod(db: Db, actor: Actor, periodId: string, now = new Date()): Promise<PeriodDetail> {
  const row = await requirePeriodRow(db, actor.provinceId, periodId);
  if (!canListPeriod(actor, row.status as PeriodStatus)) throw errors.forbidden('Kỳ này chưa công bố.');
  const period = presentWorkflowPeriod(row);
  const { settings } = await getProvince(db, actor.provinceId);
  const contact = settings.contact.trim();
  return { ...period, deadlinePassed: isPastDeadline(period.deadline, now), contact: contact === '' ? null : contact };
}

/**
 * The deadline proposed for opening a period now: the rule set's number of working days after
 * today (holidays and announced days off skipped), so that a past month never opens closed.
 */
export async function openingProposal(db: Db, actor: Actor, periodId: string, now = new Date()): Promise<OpenProposal> {
  assertStaff(actor);
  requirePeriodId(periodId);
  const [rules, calendar, { settings }] = await Promise.all([
    ruleSetForPeriod(db, actor.provinceId, periodId),
    workCalendarFor(db, actor.provinceId),
    getProvince(db, actor.provinceId),
  ]);
  const today = todayInVietnam(now);
  const day = addWorkingDays(calendar, today, rules.deadlineWorkingDays);
  return {
    period: periodId,
    deadline: endOfDayInVietnam(day),
    workingDays: rules.deadlineWorkingDays,
    today,
    periodEnd: periodBounds(periodId, settings.cutOffDay).to,
  };
}

/** What the board is told about a deadline: a day already past locks every editor out. */
export function deadlineWarnings(deadline: string, now: Date): string[] {
  if (!isPastDeadline(deadline, now)) return [];
  return [
    `Hạn nộp ${formatDate(isoDateInVietnam(new Date(deadline)))} đã qua: các đơn vị sẽ không lưu, không nộp được phiếu tự đánh giá ` +
      'cho đến khi Ban Biên tập đổi hạn nộp.',
  ];
}

/**
 * Opens a period for self-assessment: a draft evaluation for every unit active on its first day,
 * with the group's named categories (all "không cập nhật" until the unit fills them in).
 * Without a deadline the proposal applies (working days from today); null closes at the end of
 * the period's last day. A deadline already past is allowed (the board may mean it) but named.
 */
export async function openPeriod(
  db: Db,
  actor: Actor,
  input: { id: string; deadline?: string | null },
  now = new Date(),
): Promise<WarnedPeriod> {
  assertStaff(actor);
  const periodId = requirePeriodId(input.id);
  if (input.deadline !== undefined && input.deadline !== null && Number.isNaN(Date.parse(input.deadline))) {
    throw errors.validation('Hạn nộp không hợp lệ.');
  }
  const chosen = input.deadline === undefined ? (await openingProposal(db, actor, periodId, now)).deadline : input.deadline;
  const period = await refuseRace(
    () =>
      db.transaction().execute(async (trx) => {
        if (await periodsRepo.get(trx, actor.provinceId, periodId)) throw errors.conflict(`Kỳ ${periodId} đã có.`);
        const { settings } = await getProvince(trx, actor.provinceId);
        const { from, to } = periodBounds(periodId, settings.cutOffDay);
        const deadline = chosen ? new Date(chosen).toISOString() : null;
        const row = await periodsRepo.create(trx, { provinceId: actor.provinceId, id: periodId, from, to, status: 'open', deadline });
        const [units, groups] = await Promise.all([unitsRepo.list(trx, actor.provinceId), groupsRepo.list(trx, actor.provinceId)]);
        // The period keeps the lists as they are now, whatever the registry says later.
        const categories = await fixPeriodCategories(trx, actor.provinceId, periodId);
        const groupById = new Map(groups.map((g) => [g.id, g]));
        const active = units.filter((u) => u.retired_on === null || u.retired_on > from);
        await evaluationsRepo.insertMany(
          trx,
          actor.provinceId,
          periodId,
          active.map((unit) => {
            const required = groupById.get(unit.group_id)?.required_count ?? 0;
            const named = categories.get(unit.group_id) ?? [];
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
              reported: false,
              categories: named.map((c) => ({ categoryId: c.categoryId, name: c.name, status: 'none', evidenceUrl: null })),
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
  return { ...period, warnings: deadlineWarnings(period.deadline, now) };
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
    const before = await lockPeriodRow(trx, actor.provinceId, periodId);
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
export async function setDeadline(db: Db, actor: Actor, periodId: string, deadline: string | null, now = new Date()): Promise<WarnedPeriod> {
  if (deadline !== null && Number.isNaN(Date.parse(deadline))) throw errors.validation('Hạn nộp không hợp lệ.');
  const period = await changePeriod(
    db,
    actor,
    periodId,
    'deadline',
    (row) => {
      if (row.status === 'published') throw errors.periodLocked(row.id);
    },
    { deadline: deadline === null ? null : new Date(deadline).toISOString() },
  );
  return { ...period, warnings: deadlineWarnings(period.deadline, now) };
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
    const tooLong = lengthProblem(reason, TEXT_MAX, 'Lý do trừ điểm');
    if (tooLong) throw errors.validation(tooLong);
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
    const period = await lockPeriodRow(trx, actor.provinceId, periodId, 'shared');
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
