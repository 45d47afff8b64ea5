/**
 * A unit's results month by month: score, self-score, articles, category counts and rank within
 * its group. Published periods for everyone; unpublished ones for staff and the unit's own editor.
 */
import type { Db } from '../db/connection.js';
import * as evaluationsRepo from '../db/repositories/evaluations.js';
import * as periodsRepo from '../db/repositories/periods.js';
import { canReadUnitData } from '../domain/access.js';
import type { PeriodStatus } from '../domain/period.js';
import type { HistoryEntry } from '../contract/registry.js';
import type { Actor } from './audit.js';
import { getCachedReport } from './ranking.js';
import { getUnit } from './registry.js';

/** One month of a unit's results, as its history page lists them. */
export type { HistoryEntry };

export async function unitHistory(db: Db, actor: Actor, unitId: string): Promise<HistoryEntry[]> {
  await getUnit(db, actor.provinceId, unitId);
  const [periods, evaluations] = await Promise.all([
    periodsRepo.list(db, actor.provinceId),
    evaluationsRepo.listForUnit(db, actor.provinceId, unitId),
  ]);
  const statusOf = new Map(periods.map((p) => [p.id, p.status as PeriodStatus]));
  const entries: HistoryEntry[] = [];
  for (const evaluation of evaluations) {
    const status = statusOf.get(evaluation.period_id);
    if (!status || !canReadUnitData(actor, status, unitId)) continue;
    // Only this unit's line of the report is shown, which the check above allows.
    const report = await getCachedReport(db, actor.provinceId, evaluation.period_id);
    const ranked = report.groups.flatMap((g) => g.units).find((u) => u.id === unitId);
    entries.push({
      period: evaluation.period_id,
      status,
      score: ranked?.score ?? 0,
      selfScore: evaluation.self_score === null ? null : Number(evaluation.self_score),
      articles: evaluation.articles,
      full: evaluation.full_count,
      partial: evaluation.partial_count,
      none: evaluation.none_count,
      rank: ranked?.rank ?? null,
    });
  }
  return entries;
}
