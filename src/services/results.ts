/**
 * Every unit's result for a period, computed once from the evidence the database holds: the
 * evaluations with their categories and the reviewer's changes, the stored deductions, overdue
 * PAKN answers and the crawler's measurements, under the rule set in force. The report, the
 * review view, the publish preview and publishing all read it from here.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import type { EvaluationRow } from '../db/schema.js';
import { CATEGORY_STATUSES, type CategoryStatus } from '../domain/evaluation.js';
import { parseStoredOrigin, type ReviewOverrides, unitResult, type UnitResult } from '../domain/review.js';
import type { RuleSet } from '../domain/rules.js';
import { nameKey } from '../domain/text.js';
import { establishedStatuses, type MeasuredUnit } from '../domain/measured.js';
import { measuredForPeriod } from './crawl.js';
import { overdueForPeriod } from './pakn.js';
import type { Period } from './periods.js';
import { getProvince } from './provinces.js';
import { ruleSetForPeriod } from './rules.js';

export interface EvaluationResult {
  evaluation: EvaluationRow;
  result: UnitResult;
}

export interface PeriodResults {
  rules: RuleSet;
  measured: Map<string, MeasuredUnit>;
  units: EvaluationResult[];
}

const isStatus = (value: string): value is CategoryStatus => (CATEGORY_STATUSES as readonly string[]).includes(value);

export function parseOverrides(json: string | null): ReviewOverrides | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as ReviewOverrides;
  } catch {
    return null;
  }
}

/**
 * The results of a period's units (all, or one). A published period's units are all confirmed:
 * their stored figures are what was published.
 */
export async function periodResults(db: Db, provinceId: string, period: Period, filter: { unitId?: string } = {}): Promise<PeriodResults> {
  const [province, rules, evaluations, measured] = await Promise.all([
    getProvince(db, provinceId),
    ruleSetForPeriod(db, provinceId, period.id),
    evaluationsRepo.listForPeriod(db, provinceId, period.id, filter),
    measuredForPeriod(db, provinceId, period.id, { withEvidence: false }),
  ]);
  const ids = evaluations.map((e) => e.id);
  const published = period.status === 'published';
  const needsEvidence = !published && evaluations.some((e) => e.state !== 'reviewed');
  const [categories, deductions, overdue] = await Promise.all([
    evaluationsRepo.listCategories(db, ids),
    evaluationsRepo.listDeductions(db, ids),
    needsEvidence ? overdueForPeriod(db, provinceId, period.id) : Promise.resolve({ units: [] }),
  ]);
  const overdueIds = new Map(overdue.units.map((u) => [u.id, u.records.map((r) => r.id)]));
  const categoriesOf = groupBy(categories, (c) => c.evaluation_id);
  const deductionsOf = groupBy(deductions, (d) => d.evaluation_id);
  const units = evaluations.map((e) => {
    const crawl = measured.get(e.unit_id);
    const measuredStatus = establishedStatuses(crawl?.categories ?? [], nameKey);
    const result = unitResult(
      {
        required: e.required,
        reported: Number(e.reported) === 1,
        confirmed: published || e.state === 'reviewed',
        counts: { full: e.full_count, partial: e.partial_count, none: e.none_count },
        categories: (categoriesOf.get(e.id) ?? []).map((c) => ({
          position: c.position,
          id: c.category_id ?? `${e.id}#${c.position}`,
          name: c.name,
          self: isStatus(c.status) ? c.status : null,
          measured: measuredStatus(c.name),
        })),
        overrides: parseOverrides(e.review_overrides),
        stored: (deductionsOf.get(e.id) ?? []).map((d) => ({ points: Number(d.points), reason: d.reason, origin: parseStoredOrigin(d.origin) })),
        overduePakn: overdueIds.get(e.unit_id) ?? [],
        ...(crawl ? { articles: { reported: e.articles, counted: crawl.complete ? crawl.posts : null } } : {}),
        portalName: province.settings.portalShortName,
      },
      rules,
    );
    return { evaluation: e, result };
  });
  return { rules, measured, units };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
