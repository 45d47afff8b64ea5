/**
 * Scoring rule sets per province, versioned by effective date. A new rule set may not take
 * effect on or before the last day of a published period: that period keeps the rules it was
 * published under.
 */
import type { Db } from '../db/connection.js';
import { nowIso } from '../db/ids.js';
import { touchPeriods } from '../db/repositories/stamps.js';
import * as periodsRepo from '../db/repositories/periods.js';
import * as ruleSetsRepo from '../db/repositories/rule-sets.js';
import type { RuleSetRow } from '../db/schema.js';
import { periodBounds } from '../domain/period.js';
import { addDays, isIsoDate } from '../domain/holidays.js';
import {
  DEFAULT_RULE_SET,
  type PaknOverdueMode,
  type RangeScoreMode,
  ruleProblems,
  type RuleSet,
  ruleSetInForce,
  type RuleValues,
} from '../domain/rules.js';
import { normalizeText, todayInVietnam } from '../domain/text.js';
import { errors } from '../errors.js';
import type { RuleSet as ListedRuleSet, RuleSets } from '../contract/rules.js';
import { assertAdmin } from './access.js';
import { type Actor, recordAudit } from './audit.js';
import { getProvince } from './provinces.js';

export function presentRuleSet(row: RuleSetRow): RuleSet {
  return {
    id: row.id,
    effectiveFrom: row.effective_from,
    note: row.note,
    isDefault: false,
    scale: Number(row.scale),
    partialCategoryPoints: Number(row.partial_category_points),
    missingCategoryPoints: Number(row.missing_category_points),
    paknOverdueMode: row.pakn_overdue_mode as PaknOverdueMode,
    overdueAnswerPoints: Number(row.overdue_answer_points),
    paknCategory: row.pakn_category,
    capPerUnitMonth: row.cap_per_unit_month === null ? null : Number(row.cap_per_unit_month),
    floor: Number(row.floor),
    crawlTolerancePercent: Number(row.crawl_tolerance_percent),
    paknWorkingDays: Number(row.pakn_working_days),
    appealWorkingDays: Number(row.appeal_working_days),
    rangeScore: row.range_score as RangeScoreMode,
    notReportedPoints: row.not_reported_points === null ? null : Number(row.not_reported_points),
    useCrawlStatuses: Number(row.use_crawl_statuses) === 1,
    deadlineWorkingDays: Number(row.deadline_working_days),
  };
}

export async function listRuleSets(db: Db, provinceId: string): Promise<RuleSet[]> {
  return (await ruleSetsRepo.list(db, provinceId)).map(presentRuleSet);
}

/** The rule set in force on a day (the defaults when the board has set none by then). */
/**
 * The rule sets as the rules page lists them, each marked when in force today; the defaults head
 * the list, for they apply before the board's first set. Every role reads them: a unit's score is
 * explained by them.
 */
export async function listRules(db: Db, actor: Actor): Promise<RuleSets> {
  const today = todayInVietnam();
  const sets = await listRuleSets(db, actor.provinceId);
  const inForce = ruleSetInForce(sets, today);
  return { today, ruleSets: [DEFAULT_RULE_SET, ...sets].map((s) => ({ ...s, inForce: s.id === inForce.id })) };
}

export async function ruleSetOn(db: Db, provinceId: string, isoDate: string): Promise<RuleSet> {
  return ruleSetInForce(await listRuleSets(db, provinceId), isoDate);
}

/** The rule set a period is scored with: the one in force on its last day. */
export async function ruleSetForPeriod(db: Db, provinceId: string, periodId: string): Promise<RuleSet> {
  const { settings } = await getProvince(db, provinceId);
  return ruleSetOn(db, provinceId, periodBounds(periodId, settings.cutOffDay).to);
}

/**
 * Adds a rule set taking effect on a day, audited. Values not given are carried over from the
 * rule set in force the day before (or the defaults).
 */
export async function createRuleSet(
  db: Db,
  actor: Actor,
  input: { effectiveFrom: string; note: string; values: Partial<RuleValues> },
): Promise<ListedRuleSet> {
  assertAdmin(actor, 'Chỉ quản trị viên được đặt bộ quy tắc chấm điểm.');
  const { provinceId } = actor;
  if (!isIsoDate(input.effectiveFrom)) {
    throw errors.validation(`Ngày hiệu lực "${input.effectiveFrom}" cần dạng YYYY-MM-DD.`);
  }
  const note = normalizeText(input.note);
  if (!note) throw errors.validation('Cần ghi căn cứ của bộ quy tắc (số, ngày văn bản).');
  return db.transaction().execute(async (trx) => {
    const existing = await listRuleSets(trx, provinceId);
    if (existing.some((s) => s.effectiveFrom === input.effectiveFrom)) {
      throw errors.conflict(`Đã có bộ quy tắc có hiệu lực từ ${input.effectiveFrom}.`);
    }
    const published = (await periodsRepo.list(trx, provinceId)).filter(
      (p) => p.status === 'published' && p.to_date >= input.effectiveFrom,
    );
    if (published.length > 0) {
      throw errors.conflict(
        `Kỳ ${published.map((p) => p.id).sort().join(', ')} đã công bố và kết thúc từ ngày ${input.effectiveFrom} trở đi; ` +
          'quy tắc mới không được áp dụng ngược cho kỳ đã công bố.',
      );
    }
    const base: RuleValues = ruleSetInForce(existing, addDays(input.effectiveFrom, -1));
    const values: RuleValues = { ...base, ...definedOnly(input.values) };
    if (values.paknCategory !== null) values.paknCategory = normalizeText(values.paknCategory) || null;
    const problems = ruleProblems(values);
    if (problems.length > 0) {
      throw errors.validation(`Quy tắc không hợp lệ: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, { problems });
    }
    const row = await ruleSetsRepo.create(trx, {
      province_id: provinceId,
      effective_from: input.effectiveFrom,
      scale: values.scale,
      partial_category_points: values.partialCategoryPoints,
      missing_category_points: values.missingCategoryPoints,
      pakn_overdue_mode: values.paknOverdueMode,
      overdue_answer_points: values.overdueAnswerPoints,
      pakn_category: values.paknCategory,
      cap_per_unit_month: values.capPerUnitMonth,
      floor: values.floor,
      crawl_tolerance_percent: values.crawlTolerancePercent,
      pakn_working_days: values.paknWorkingDays,
      appeal_working_days: values.appealWorkingDays,
      range_score: values.rangeScore,
      not_reported_points: values.notReportedPoints,
      use_crawl_statuses: values.useCrawlStatuses ? 1 : 0,
      deadline_working_days: values.deadlineWorkingDays,
      note,
    });
    // Unpublished periods ending from that day on are now scored differently: cached reports go.
    await touchPeriods(trx, provinceId, nowIso());
    const created = presentRuleSet(row);
    await recordAudit(trx, actor, { entity: 'rule-set', entityId: created.effectiveFrom, action: 'create', after: created });
    return { ...created, inForce: ruleSetInForce([...existing, created], todayInVietnam()).id === created.id };
  });
}

function definedOnly(values: Partial<RuleValues>): Partial<RuleValues> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<RuleValues>;
}
