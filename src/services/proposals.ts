/**
 * Proposed deductions for a period: for each evaluated unit, what the rule set in force proposes
 * from its category statuses and its overdue PAKN answers. The reviewer accepts, edits or
 * rejects each; accepted ones become deductions that keep the link to what proposed them.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as unitsRepo from '../db/repositories/units.js';
import {
  CATEGORY_STATUSES,
  type CategoryCounts,
  type CategoryStatus,
  type Deduction,
  hasAtMostTwoDecimals,
  reviewedScore,
} from '../domain/evaluation.js';
import { type CategoryInput, type Proposal, type ProposalOrigin, proposeDeductions } from '../domain/proposals.js';
import { REPORTING_LABELS, type ReportingStatus, type ResultOrigin } from '../domain/review.js';
import type { RuleSet } from '../domain/rules.js';
import { nameKey, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';
import type { PeriodProposals, UnitProposals } from '../contract/rules.js';
import { assertStaff } from './access.js';
import { type Actor, recordAudit } from './audit.js';
import { measuredForPeriod } from './crawl.js';
import { articleCheckWithheld, establishedStatus, establishedStatuses, lowerBoundText } from '../domain/measured.js';
import { overdueForPeriod } from './pakn.js';
import { assertWritable, getPeriod, lockPeriodRow, presentPeriod } from './periods.js';
import { getProvince } from './provinces.js';
import { parseOverrides } from './results.js';
import { inRegistryOrder } from './registry.js';
import { ruleSetForPeriod } from './rules.js';

/** The deductions the rules propose for a period, unit by unit, with the counts before and after and the checks. */
export type { PeriodProposals, UnitProposals };

const isStatus = (value: string): value is CategoryStatus => (CATEGORY_STATUSES as readonly string[]).includes(value);

/** The deductions the rules propose for a period, unit by unit, for the board's staff to decide. */
export async function proposalsForPeriod(db: Db, actor: Actor, periodId: string): Promise<PeriodProposals> {
  assertStaff(actor, 'Chỉ Ban biên tập xem các đề xuất trừ điểm.');
  const { provinceId } = actor;
  const period = await getPeriod(db, provinceId, periodId);
  const [province, rules, listed, overdue, measured, registry] = await Promise.all([
    getProvince(db, provinceId),
    ruleSetForPeriod(db, provinceId, period.id),
    evaluationsRepo.listForPeriod(db, provinceId, period.id),
    overdueForPeriod(db, provinceId, period.id),
    measuredForPeriod(db, provinceId, period.id, { withEvidence: false }),
    unitsRepo.list(db, provinceId),
  ]);
  const evaluations = inRegistryOrder(listed, registry, (e) => e.unit_id);
  const categories = await evaluationsRepo.listCategories(db, evaluations.map((e) => e.id));
  const recorded = await evaluationsRepo.listDeductions(db, evaluations.map((e) => e.id));
  const overdueIds = new Map(overdue.units.map((u) => [u.id, u.records.map((r) => r.id)]));
  const units: UnitProposals[] = evaluations.map((e) => {
    const own = categories.filter((c) => c.evaluation_id === e.id);
    const counts = { full: e.full_count, partial: e.partial_count, none: e.none_count };
    const crawl = measured.get(e.unit_id);
    const measuredStatus = establishedStatuses(crawl?.categories ?? [], nameKey);
    // Read, but only in part, and so deciding nothing (establishedStatus).
    const lowerBounds = (crawl?.categories ?? []).filter((c) => c.status !== 'unverified' && establishedStatus(c) === null);
    const withheld = crawl ? articleCheckWithheld(crawl) : null;
    // The reviewer's changes count, and a unit that did not report assessed nothing itself: its
    // statuses are the board's finding, or nothing to propose from until the board records one.
    const overrides = parseOverrides(e.review_overrides) ?? {};
    const reported = Number(e.reported) === 1;
    const reporting: ReportingStatus = reported ? 'reported' : Object.keys(overrides).length > 0 || e.state === 'reviewed' ? 'finding' : 'not-reported';
    if (reporting === 'not-reported') {
      return {
        unitId: e.unit_id,
        unitName: e.unit_name,
        deductions: recorded.filter((d) => d.evaluation_id === e.id).map((d) => ({ points: Number(d.points), reason: d.reason })),
        counts,
        proposedCounts: counts,
        proposals: [],
        checks: [`${REPORTING_LABELS['not-reported']}: ghi nhận kết quả của Ban Biên tập trên trang rà soát, hoặc áp dụng quy tắc khi công bố.`],
        reporting,
      };
    }
    const input: CategoryInput =
      own.length > 0
        ? {
            kind: 'statuses',
            items: own.map((c) => {
              const change = overrides.categories?.[String(c.position)];
              const self = change?.status ?? (reported && isStatus(c.status) ? c.status : reported ? null : 'none');
              return {
                id: c.category_id ?? `${e.id}#${c.position}`,
                name: c.name,
                self,
                measured: change ? null : measuredStatus(c.name),
                ...(change || !reported ? { selfSource: 'reviewer' as const } : {}),
              };
            }),
          }
        : { kind: 'counts', counts: overrides.counts ? { full: overrides.counts.full, partial: overrides.counts.partial, none: overrides.counts.none } : reported ? counts : { full: 0, partial: 0, none: e.required } };
    const result = proposeDeductions(
      {
        categories: input,
        overduePakn: overdueIds.get(e.unit_id) ?? [],
        ...(crawl ? { articles: { reported: e.articles, counted: crawl.complete ? crawl.posts : null } } : {}),
        portalName: province.settings.portalShortName,
      },
      rules,
    );
    return {
      unitId: e.unit_id,
      unitName: e.unit_name,
      deductions: recorded.filter((d) => d.evaluation_id === e.id).map((d) => ({ points: Number(d.points), reason: d.reason })),
      counts,
      proposedCounts: result.counts,
      proposals: result.proposals,
      checks: [
        ...result.checks,
        ...(lowerBounds.length > 0 ? [`Chỉ đếm được một phần, không dùng để đề xuất: ${lowerBounds.map(lowerBoundText).join('; ')}`] : []),
        ...(withheld ? [withheld] : []),
      ],
      reporting,
    };
  });
  return { period: period.id, ruleSet: describeRuleSet(rules), units };
}

function describeRuleSet(rules: RuleSet): PeriodProposals['ruleSet'] {
  return { id: rules.id, effectiveFrom: rules.effectiveFrom, note: rules.note, isDefault: rules.isDefault };
}

/** The reviewer's decision on one proposal, by its place in the unit's list (1-based). */
export type ProposalDecision =
  | { proposal: number; action: 'accept' | 'reject' }
  | { proposal: number; action: 'edit'; points: number; reason: string };

/** What a deduction made from a proposal stores as its origin. */
export interface DeductionOrigin {
  proposal: ResultOrigin;
  proposedPoints: number;
  proposedReason: string;
  edited: boolean;
}

/**
 * Applies the reviewer's decisions on a unit's proposals, one for each proposal. The deductions
 * typed by hand stay; those made from proposals earlier are replaced by the new decisions.
 */
export async function decideProposals(
  db: Db,
  actor: Actor,
  periodId: string,
  unitId: string,
  decisions: readonly ProposalDecision[],
): Promise<{ deductions: Deduction[]; score: number }> {
  assertStaff(actor, 'Chỉ Ban biên tập được quyết định các đề xuất trừ điểm.');
  return db.transaction().execute(async (trx) => {
    const period = presentPeriod(await lockPeriodRow(trx, actor.provinceId, periodId, 'shared'));
    assertWritable(period);
    const unit = (await proposalsForPeriod(trx, actor, period.id)).units.find((u) => u.unitId === unitId);
    if (!unit) throw errors.notFound(`đánh giá của đơn vị trong kỳ ${period.id}`);
    const byIndex = new Map(decisions.map((d) => [d.proposal, d]));
    if (decisions.length !== unit.proposals.length || unit.proposals.some((_, i) => !byIndex.has(i + 1))) {
      throw errors.validation(`Cần đúng một quyết định cho mỗi đề xuất (1 đến ${unit.proposals.length}).`);
    }
    const made: { points: number; reason: string; origin: string }[] = [];
    unit.proposals.forEach((proposal, i) => {
      const decision = byIndex.get(i + 1)!;
      if (decision.action === 'reject') return;
      const points = decision.action === 'edit' ? decision.points : proposal.points;
      const reason = decision.action === 'edit' ? normalizeText(decision.reason) : proposal.reason;
      if (!(points > 0) || !hasAtMostTwoDecimals(points)) throw errors.validation(`Đề xuất ${i + 1}: điểm trừ phải dương, tối đa hai chữ số thập phân.`);
      if (!reason) throw errors.validation(`Đề xuất ${i + 1}: cần lý do trừ điểm.`);
      const origin: DeductionOrigin = {
        proposal: proposal.origin,
        proposedPoints: proposal.points,
        proposedReason: proposal.reason,
        edited: decision.action === 'edit',
      };
      made.push({ points, reason, origin: JSON.stringify(origin) });
    });
    const [evaluation] = await evaluationsRepo.listForPeriod(trx, actor.provinceId, period.id, { unitId });
    const before = await evaluationsRepo.listDeductions(trx, [evaluation!.id]);
    const typed = before.filter((d) => d.origin === null).map((d) => ({ points: Number(d.points), reason: d.reason, origin: null }));
    const after = [...typed, ...made];
    await evaluationsRepo.replaceDeductions(trx, evaluation!.id, after);
    const plain = (rows: readonly { points: number | string; reason: string }[]) => rows.map((d) => ({ points: Number(d.points), reason: d.reason }));
    await recordAudit(trx, actor, {
      entity: 'deductions',
      entityId: `${period.id}/${unitId}`,
      action: 'decide-proposals',
      before: { deductions: plain(before) },
      after: { deductions: plain(after), decisions },
    });
    return { deductions: plain(after), score: reviewedScore(plain(after)) };
  });
}
