/**
 * Appeals (khiếu nại) against a published deduction. A unit appeals within the working days its
 * rule set allows after the notice's date, with a reason and evidence; the reviewer upholds or
 * rejects it with a reason. An upheld appeal becomes a correction of the period: a new revision,
 * audited, whose notice is issued again.
 */
import type { Db } from '../db/connection.js';
import * as appealsRepo from '../db/repositories/appeals.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as periodsRepo from '../db/repositories/periods.js';
import * as unitsRepo from '../db/repositories/units.js';
import { newId, nowIso } from '../db/ids.js';
import type { AppealRow } from '../db/schema.js';
import type { Appeal, AppealDeadline } from '../contract/appeals.js';
import { canListPeriod, isStaff } from '../domain/access.js';
import type { PeriodStatus } from '../domain/period.js';
import { appealDeadline, type AppealStatus, deductionsAfterAppeal } from '../domain/appeals.js';
import { hasAtMostTwoDecimals } from '../domain/evaluation.js';
import { formatDate, isoDateInVietnam, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { workCalendarFor } from './calendar.js';
import { lockPeriodRow } from './periods.js';
import { correct } from './publishing.js';
import { ruleSetForPeriod } from './rules.js';
import { assertStaff } from './access.js';

export type { Appeal } from '../contract/appeals.js';

function present(row: AppealRow, unitName: string): Appeal {
  return {
    id: row.id,
    periodId: row.period_id,
    unitId: row.unit_id,
    unitName,
    revision: Number(row.revision),
    deduction: { position: Number(row.deduction_position), points: Number(row.deduction_points), reason: row.deduction_reason },
    reason: row.reason,
    evidence: JSON.parse(row.evidence) as string[],
    status: row.status as AppealStatus,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    decision: row.decision,
    pointsAfter: row.points_after === null ? null : Number(row.points_after),
    correctionRevision: row.correction_revision === null ? null : Number(row.correction_revision),
  };
}

const mayAppealFor = (actor: Actor, unitId: string) => isStaff(actor) || (actor.role === 'unit-editor' && actor.unitId === unitId);

async function unitName(db: Db, provinceId: string, unitId: string): Promise<string> {
  return (await unitsRepo.get(db, provinceId, unitId))?.name ?? '';
}

async function currentDeductions(db: Db, provinceId: string, periodId: string, unitId: string) {
  const [evaluation] = await evaluationsRepo.listForPeriod(db, provinceId, periodId, { unitId });
  if (!evaluation) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${periodId}`);
  return (await evaluationsRepo.listDeductions(db, [evaluation.id])).map((d) => ({ points: Number(d.points), reason: d.reason }));
}

/** The last day a published period's deductions may be appealed, or null when appeals are not taken. */
export async function appealDeadlineFor(db: Db, actor: Actor, periodId: string): Promise<AppealDeadline> {
  const { provinceId } = actor;
  const period = await periodsRepo.get(db, provinceId, periodId);
  // An unpublished period has no appeal window; a viewer learns nothing of its existence.
  if (!period || !canListPeriod(actor, period.status as PeriodStatus)) throw errors.notFound(`kỳ ${periodId}`);
  if (period.status !== 'published') throw errors.conflict(`Kỳ ${periodId} chưa công bố; chỉ khiếu nại kết quả đã công bố.`);
  const noticeDate = period.notice_date ?? isoDateInVietnam(new Date(period.published_at ?? nowIso()));
  const [rules, calendar] = await Promise.all([ruleSetForPeriod(db, provinceId, periodId), workCalendarFor(db, provinceId)]);
  return { period: period.id, deadline: appealDeadline(noticeDate, rules.appealWorkingDays, calendar) };
}

export async function submitAppeal(
  db: Db,
  actor: Actor,
  input: { periodId: string; unitId: string; deduction: number; reason: string; evidence: string[] },
  now: Date = new Date(),
): Promise<Appeal> {
  if (!mayAppealFor(actor, input.unitId)) throw errors.forbidden('Chỉ đơn vị bị trừ điểm (hoặc Ban biên tập thay mặt) được khiếu nại.');
  const reason = normalizeText(input.reason);
  if (!reason) throw errors.validation('Cần nêu lý do khiếu nại.');
  const evidence = input.evidence.map(normalizeText).filter((e) => e !== '');
  return db.transaction().execute(async (trx) => {
    // A correction running beside this appeal must not move the revision the appeal is about.
    await lockPeriodRow(trx, actor.provinceId, input.periodId, 'shared');
    const { deadline } = await appealDeadlineFor(trx, actor, input.periodId);
    if (deadline === null) throw errors.conflict('Quy tắc đang áp dụng không nhận khiếu nại.');
    if (isoDateInVietnam(now) > deadline) throw errors.conflict(`Đã hết hạn khiếu nại kỳ ${input.periodId} (hạn ${formatDate(deadline)}).`);
    const deductions = await currentDeductions(trx, actor.provinceId, input.periodId, input.unitId);
    const target = deductions[input.deduction - 1];
    if (!target) throw errors.validation(`Đơn vị không có khoản trừ điểm thứ ${input.deduction} trong kỳ ${input.periodId}.`);
    const pending = await appealsRepo.list(trx, actor.provinceId, { periodId: input.periodId, unitId: input.unitId, status: 'pending' });
    if (pending.some((a) => Number(a.deduction_position) === input.deduction)) {
      throw errors.conflict('Khoản trừ điểm này đang có khiếu nại chờ xem xét.');
    }
    const period = (await periodsRepo.get(trx, actor.provinceId, input.periodId))!;
    const row: AppealRow = {
      id: newId(),
      province_id: actor.provinceId,
      period_id: input.periodId,
      unit_id: input.unitId,
      revision: Number(period.revision),
      deduction_position: input.deduction,
      deduction_points: target.points,
      deduction_reason: target.reason,
      reason,
      evidence: JSON.stringify(evidence),
      status: 'pending',
      submitted_at: now.toISOString(),
      submitted_by: actor.username,
      decided_at: null,
      decided_by: null,
      decision: null,
      points_after: null,
      correction_revision: null,
    };
    await appealsRepo.insert(trx, row);
    const appeal = present(row, await unitName(trx, actor.provinceId, row.unit_id));
    await recordAudit(trx, actor, { entity: 'appeal', entityId: row.id, action: 'submit', after: appeal });
    return appeal;
  });
}

export async function listAppeals(
  db: Db,
  actor: Actor,
  filter: { periodId?: string; status?: AppealStatus } = {},
): Promise<Appeal[]> {
  if (!isStaff(actor) && actor.role !== 'unit-editor') throw errors.forbidden();
  const unitFilter = isStaff(actor) ? {} : { unitId: actor.unitId ?? '' };
  const [rows, units] = await Promise.all([appealsRepo.list(db, actor.provinceId, { ...filter, ...unitFilter }), unitsRepo.list(db, actor.provinceId)]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return rows.map((r) => present(r, names.get(r.unit_id) ?? ''));
}

/**
 * Upholds or rejects a pending appeal, with a reason. Upheld, the deduction is removed (or lowered
 * to `pointsAfter`) by a correction of the period, which stores a new revision and its notice.
 */
export async function decideAppeal(
  db: Db,
  actor: Actor,
  appealId: string,
  input: { uphold: boolean; reason: string; pointsAfter?: number },
): Promise<Appeal> {
  assertStaff(actor, 'Chỉ Ban biên tập được xem xét khiếu nại.');
  const reason = normalizeText(input.reason);
  if (!reason) throw errors.validation('Cần nêu lý do chấp nhận hoặc không chấp nhận khiếu nại.');
  const row = await appealsRepo.get(db, actor.provinceId, appealId);
  if (!row) throw errors.notFound('khiếu nại');
  if (row.status !== 'pending') throw errors.conflict('Khiếu nại này đã được xem xét.');
  const decided = { decided_at: nowIso(), decided_by: actor.username, decision: reason };
  const name = await unitName(db, actor.provinceId, row.unit_id);

  if (!input.uphold) {
    if (input.pointsAfter !== undefined) throw errors.validation('Điểm sau khiếu nại chỉ dùng khi chấp nhận.');
    return db.transaction().execute(async (trx) => {
      if (!(await appealsRepo.decide(trx, row.id, { ...decided, status: 'rejected', points_after: null, correction_revision: null }))) {
        throw errors.conflict('Khiếu nại này đã được xem xét.');
      }
      const after = present((await appealsRepo.get(trx, actor.provinceId, row.id))!, name);
      await recordAudit(trx, actor, { entity: 'appeal', entityId: row.id, action: 'reject', before: present(row, name), after });
      return after;
    });
  }

  const pointsAfter = input.pointsAfter ?? 0;
  if (!hasAtMostTwoDecimals(pointsAfter)) throw errors.validation('Điểm trừ sau khiếu nại: tối đa hai chữ số thập phân.');
  const deductions = await currentDeductions(db, actor.provinceId, row.period_id, row.unit_id);
  const position = Number(row.deduction_position);
  const current = deductions[position - 1];
  // A correction since the appeal may have moved or changed the deduction: the reviewer looks again.
  if (!current || current.points !== Number(row.deduction_points) || current.reason !== row.deduction_reason) {
    throw errors.conflict('Khoản trừ điểm bị khiếu nại đã thay đổi sau khi khiếu nại; hãy xem lại kỳ này.');
  }
  const corrected = (() => {
    try {
      return deductionsAfterAppeal(deductions, position, pointsAfter);
    } catch (error) {
      throw errors.validation(error instanceof Error ? error.message : String(error));
    }
  })();
  // correct() runs its own transaction (new revision, notice files, audit), so the appeal is
  // marked in a second one, and only while it is still pending.
  const period = await correct(db, actor, row.period_id, {
    reason: `Chấp nhận khiếu nại của đơn vị về khoản trừ "${row.deduction_reason}": ${reason}`,
    unitId: row.unit_id,
    deductions: corrected,
  });
  return db.transaction().execute(async (trx) => {
    const marked = await appealsRepo.decide(trx, row.id, {
      ...decided,
      status: 'upheld',
      points_after: pointsAfter,
      correction_revision: period.revision,
    });
    if (!marked) throw errors.conflict('Khiếu nại này đã được xem xét.');
    const after = present((await appealsRepo.get(trx, actor.provinceId, row.id))!, name);
    await recordAudit(trx, actor, { entity: 'appeal', entityId: row.id, action: 'uphold', before: present(row, name), after });
    return after;
  });
}
