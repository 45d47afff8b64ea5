/**
 * Proposed deductions for a period: for each evaluated unit, what the rule set in force proposes
 * from its category statuses and its overdue PAKN answers. The reviewer decides; nothing is
 * written here.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import type { CategoryStatus } from '../domain/evaluation.js';
import { CATEGORY_STATUSES } from '../domain/evaluation.js';
import { type CategoryInput, type Proposal, proposeDeductions } from '../domain/proposals.js';
import type { RuleSet } from '../domain/rules.js';
import type { CategoryCounts } from '../domain/evaluation.js';
import { overdueForPeriod } from './pakn.js';
import { getPeriod } from './periods.js';
import { getProvince } from './provinces.js';
import { ruleSetForPeriod } from './rules.js';

export interface UnitProposals {
  unitId: string;
  unitName: string;
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
  const [province, rules, evaluations, overdue] = await Promise.all([
    getProvince(db, provinceId),
    ruleSetForPeriod(db, provinceId, period.id),
    evaluationsRepo.listForPeriod(db, provinceId, period.id),
    overdueForPeriod(db, provinceId, period.id),
  ]);
  const categories = await evaluationsRepo.listCategories(db, evaluations.map((e) => e.id));
  const overdueIds = new Map(overdue.units.map((u) => [u.id, u.records.map((r) => r.id)]));
  const units: UnitProposals[] = evaluations.map((e) => {
    const own = categories.filter((c) => c.evaluation_id === e.id);
    const counts = { full: e.full_count, partial: e.partial_count, none: e.none_count };
    const input: CategoryInput =
      own.length > 0
        ? {
            kind: 'statuses',
            items: own.map((c) => ({
              id: c.category_id ?? `${e.id}#${c.position}`,
              name: c.name,
              self: isStatus(c.status) ? c.status : null,
              // The crawler's measured statuses join here once it records them.
              measured: null,
            })),
          }
        : { kind: 'counts', counts };
    const result = proposeDeductions(
      { categories: input, overduePakn: overdueIds.get(e.unit_id) ?? [], portalName: province.settings.portalShortName },
      rules,
    );
    return { unitId: e.unit_id, unitName: e.unit_name, counts, proposedCounts: result.counts, proposals: result.proposals, checks: result.checks };
  });
  return { period: period.id, ruleSet: describeRuleSet(rules), units };
}

function describeRuleSet(rules: RuleSet): PeriodProposals['ruleSet'] {
  return { id: rules.id, effectiveFrom: rules.effectiveFrom, note: rules.note, isDefault: rules.isDefault };
}
