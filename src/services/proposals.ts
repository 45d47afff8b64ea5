/**
 * Proposed deductions for a period: for each evaluated unit, what the rule set in force proposes
 * from its category statuses and its overdue PAKN answers. The reviewer accepts, edits or
 * rejects each; accepted ones become deductions that keep the link to what proposed them.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import { isStaff } from '../domain/access.js';
import {
  CATEGORY_STATUSES,
  type CategoryCounts,
  type CategoryStatus,
  type Deduction,
  hasAtMostTwoDecimals,
  reviewedScore,
} from '../domain/evaluation.js';
import { type CategoryInput, type Proposal, type ProposalOrigin, proposeDeductions } from '../domain/proposals.js';
import type { RuleSet } from '../domain/rules.js';
import { nameKey, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { measuredForPeriod } from './crawl.js';
import { overdueForPeriod } from './pakn.js';
import { assertWritable, getPeriod } from './periods.js';
import { getProvince } from './provinces.js';
import { ruleSetForPeriod } from './rules.js';

export interface UnitProposals {
  unitId: string;
  unitName: string;
  /** The deductions recorded now, so that the reviewer sees what a proposal would repeat. */
  deductions: Deduction[];
  /** Category counts as evaluated, and as they stand once the proposals apply. */
  counts: CategoryCounts;
  proposedCounts: CategoryCounts;
  proposals: Proposal[];
  checks: string[];
}

export interface PeriodProposals {
  period: string;
  ruleSet: { id: string; effectiveFrom: string; note: string; isDefault: boolean };
  units: UnitProposals[];
}

const isStatus = (value: string): value is CategoryStatus => (CATEGORY_STATUSES as readonly string[]).includes(value);

export async function proposalsForPeriod(db: Db, provinceId: string, periodId: string): Promise<PeriodProposals> {
  const period = await getPeriod(db, provinceId, periodId);
  const [province, rules, evaluations, overdue, measured] = await Promise.all([
    getProvince(db, provinceId),
    ruleSetForPeriod(db, provinceId, period.id),
    evaluationsRepo.listForPeriod(db, provinceId, period.id),
    overdueForPeriod(db, provinceId, period.id),
    measuredForPeriod(db, provinceId, period.id, { withEvidence: false }),
  ]);
  const categories = await evaluationsRepo.listCategories(db, evaluations.map((e) => e.id));
  const recorded = await evaluationsRepo.listDeductions(db, evaluations.map((e) => e.id));
  const overdueIds = new Map(overdue.units.map((u) => [u.id, u.records.map((r) => r.id)]));
  const units: UnitProposals[] = evaluations.map((e) => {
    const own = categories.filter((c) => c.evaluation_id === e.id);
    const counts = { full: e.full_count, partial: e.partial_count, none: e.none_count };
    const crawl = measured.get(e.unit_id);
    // The crawler's status of a category, when it could read it ('unverified' says nothing).
    const crawled = new Map((crawl?.categories ?? []).map((c) => [nameKey(c.name), c.status]));
    const measuredStatus = (name: string): CategoryStatus | null => {
      const status = crawled.get(nameKey(name));
      return status === undefined || status === 'unverified' ? null : status;
    };
    const input: CategoryInput =
      own.length > 0
        ? {
            kind: 'statuses',
            items: own.map((c) => ({
              id: c.category_id ?? `${e.id}#${c.position}`,
              name: c.name,
              self: isStatus(c.status) ? c.status : null,
              measured: measuredStatus(c.name),
            })),
          }
        : { kind: 'counts', counts };
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
      checks: result.checks,
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
  proposal: ProposalOrigin;
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
  if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập được quyết định các đề xuất trừ điểm.');
  return db.transaction().execute(async (trx) => {
    const period = await getPeriod(trx, actor.provinceId, periodId);
    assertWritable(period);
    const unit = (await proposalsForPeriod(trx, actor.provinceId, period.id)).units.find((u) => u.unitId === unitId);
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
