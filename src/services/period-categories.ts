/**
 * Categories are fixed per period: a period keeps each group's named categories as they were when
 * it opened, and its editors fill in that list whatever the registry says since. A group's new
 * list applies to periods opened later; the board may apply it to a period still open only while
 * no unit of the group has entered anything, so that nobody's work is lost or blocked.
 */
import { type Db, inTransaction } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as periodCategoriesRepo from '../db/repositories/period-categories.js';
import * as periodsRepo from '../db/repositories/periods.js';
import type { EvaluationCategoryRow, EvaluationRow } from '../db/schema.js';
import { isAdmin } from '../domain/access.js';
import { periodLabel } from '../domain/period.js';
import { compareNames, formatCount } from '../domain/text.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { lockPeriodRow } from './periods.js';
import { invalidateProvinceReports } from './ranking.js';
import { assertStaff } from './access.js';

export interface PeriodCategory {
  categoryId: string | null;
  name: string;
  nameKey: string;
}

/** Records every group's named categories for a period being opened; returns them by group. */
export async function fixPeriodCategories(trx: Db, provinceId: string, periodId: string): Promise<Map<string, PeriodCategory[]>> {
  const groups = await groupsRepo.list(trx, provinceId);
  const categories = await groupsRepo.listCategories(trx, groups.map((g) => g.id));
  const byGroup = new Map<string, PeriodCategory[]>();
  for (const group of groups) {
    const own = categories.filter((c) => c.group_id === group.id).map((c) => ({ categoryId: c.id, name: c.name, nameKey: c.name_key }));
    byGroup.set(group.id, own);
    await periodCategoriesRepo.replaceForGroup(trx, { provinceId, periodId, groupId: group.id }, own);
  }
  return byGroup;
}

/** The named categories a group's editors fill in for a period (empty: known only by number). */
export async function periodCategoryList(db: Db, provinceId: string, periodId: string, groupId: string): Promise<PeriodCategory[]> {
  const rows = await periodCategoriesRepo.list(db, provinceId, periodId, { groupId });
  return rows.map((r) => ({ categoryId: r.category_id, name: r.name, nameKey: r.name_key }));
}

/** An open period whose list for a group differs from the group's list now. */
export interface PeriodListOffer {
  period: string;
  /** The period's list, as its editors see it. */
  periodCategories: string[];
  /** The group's list now, which periods opened later will use. */
  groupCategories: string[];
  units: number;
  /** Units of the group whose form holds something an editor entered. */
  saved: string[];
  canApply: boolean;
  message: string;
}

/**
 * Whether an editor entered anything in this form: a figure, a self-score, a status other than
 * "không cập nhật", an evidence link, or a submission. A form that holds none of these loses
 * nothing when its list is replaced.
 */
function entered(evaluation: EvaluationRow, categories: readonly EvaluationCategoryRow[]): boolean {
  const urls = evaluation.evidence_urls === null ? [] : (JSON.parse(evaluation.evidence_urls) as unknown[]);
  return (
    evaluation.state !== 'draft' ||
    Number(evaluation.reported) === 1 ||
    evaluation.self_score !== null ||
    evaluation.articles > 0 ||
    evaluation.full_count > 0 ||
    evaluation.partial_count > 0 ||
    urls.length > 0 ||
    categories.some((c) => c.status !== 'none' || c.evidence_url !== null)
  );
}

async function offerFor(db: Db, provinceId: string, periodId: string, groupId: string): Promise<PeriodListOffer & { evaluations: EvaluationRow[] }> {
  const [periodList, groupList, evaluations] = await Promise.all([
    periodCategoryList(db, provinceId, periodId, groupId),
    groupsRepo.listCategories(db, [groupId]),
    evaluationsRepo.listForPeriod(db, provinceId, periodId),
  ]);
  const own = evaluations.filter((e) => e.group_id === groupId);
  const categories = await evaluationsRepo.listCategories(db, own.map((e) => e.id));
  const saved = own
    .filter((e) => entered(e, categories.filter((c) => c.evaluation_id === e.id)))
    .map((e) => e.unit_name)
    .sort(compareNames);
  const label = periodLabel(periodId);
  const canApply = saved.length === 0;
  const message = canApply
    ? `Kỳ ${label} đang mở với danh sách cũ (${periodList.length > 0 ? `${formatCount(periodList.length)} chuyên mục` : 'chuyên mục chỉ tính theo số lượng'}); ` +
      'chưa đơn vị nào của nhóm nhập phiếu, ' +
      'có thể áp dụng danh sách mới cho kỳ này.'
    : `Kỳ ${label} giữ danh sách cũ vì đã có ${formatCount(saved.length)} đơn vị nhập phiếu (${saved.join(', ')}); ` +
      'danh sách mới áp dụng từ kỳ mở sau.';
  return {
    period: periodId,
    periodCategories: periodList.map((c) => c.name),
    groupCategories: groupList.map((c) => c.name),
    units: own.length,
    saved,
    canApply,
    message,
    evaluations: own,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/** The open periods whose list for the group is not the group's list now, with whether it may be applied. */
export async function periodListOffers(db: Db, actor: Actor, groupId: string): Promise<PeriodListOffer[]> {
  assertStaff(actor, 'Chỉ Ban biên tập xem được danh sách chuyên mục của các kỳ đang mở.');
  if (!(await groupsRepo.get(db, actor.provinceId, groupId))) throw errors.notFound('nhóm đơn vị');
  const open = (await periodsRepo.list(db, actor.provinceId)).filter((p) => p.status === 'open');
  const offers: PeriodListOffer[] = [];
  for (const period of open) {
    const { evaluations: _evaluations, ...offer } = await offerFor(db, actor.provinceId, period.id, groupId);
    if (!sameList(offer.periodCategories, offer.groupCategories)) offers.push(offer);
  }
  return offers;
}

/**
 * Applies the group's list now to an open period: every form of the group gets the new list (all
 * "không cập nhật") and a new version, so an editor with the old form open is told to reload.
 * Refused once any unit of the group has entered something.
 */
export async function applyGroupListToPeriod(db: Db, actor: Actor, groupId: string, periodId: string): Promise<PeriodListOffer> {
  if (!isAdmin(actor)) throw errors.forbidden('Chỉ quản trị viên được sửa danh mục và cấu hình.');
  return inTransaction(db, async (trx) => {
    // Exclusive: a save in progress (shared lock) lands first and is counted, or waits and meets the new version.
    const period = await lockPeriodRow(trx, actor.provinceId, periodId);
    if (period.status !== 'open') throw errors.conflict(`Kỳ ${periodLabel(periodId)} không còn mở; danh sách chuyên mục của kỳ giữ nguyên.`);
    const group = await groupsRepo.get(trx, actor.provinceId, groupId);
    if (!group) throw errors.notFound('nhóm đơn vị');
    const before = await offerFor(trx, actor.provinceId, periodId, groupId);
    if (!before.canApply) throw errors.conflict(before.message);
    const list = (await groupsRepo.listCategories(trx, [groupId])).map((c) => ({ categoryId: c.id, name: c.name, nameKey: c.name_key }));
    await periodCategoriesRepo.replaceForGroup(trx, { provinceId: actor.provinceId, periodId, groupId }, list);
    // A group known only by number keeps its count; a named list sets it.
    const required = list.length > 0 ? list.length : group.required_count;
    for (const evaluation of before.evaluations) {
      await evaluationsRepo.updateIfVersion(trx, evaluation.id, Number(evaluation.version), {
        required,
        full_count: 0,
        partial_count: 0,
        none_count: required,
      });
      await evaluationsRepo.replaceCategories(
        trx,
        evaluation.id,
        list.map((c) => ({ categoryId: c.categoryId, name: c.name, status: 'none', evidenceUrl: null })),
        { versionBumped: true },
      );
    }
    const { evaluations: _evaluations, ...after } = await offerFor(trx, actor.provinceId, periodId, groupId);
    await invalidateProvinceReports(trx, actor.provinceId);
    await recordAudit(trx, actor, {
      entity: 'period-categories',
      entityId: `${periodId}/${groupId}`,
      action: 'apply',
      before: { group: group.name, categories: before.periodCategories },
      after: { group: group.name, categories: after.periodCategories, units: after.units },
    });
    return after;
  });
}
