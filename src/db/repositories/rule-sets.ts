import type { Db } from '../connection.js';
import type { RuleSetRow } from '../schema.js';
import { newId, nowIso } from '../ids.js';

const columns = [
  'id',
  'province_id',
  'effective_from',
  'scale',
  'partial_category_points',
  'missing_category_points',
  'pakn_overdue_mode',
  'overdue_answer_points',
  'pakn_category',
  'cap_per_unit_month',
  'floor',
  'crawl_tolerance_percent',
  'pakn_working_days',
  'appeal_working_days',
  'range_score',
  'note',
  'created_at',
  'not_reported_points',
  'use_crawl_statuses',
  'deadline_working_days',
] as const;

export type NewRuleSet = Omit<RuleSetRow, 'id' | 'created_at'>;

/** A province's rule sets, oldest first. */
export async function list(db: Db, provinceId: string): Promise<RuleSetRow[]> {
  return db
    .selectFrom('rule_sets')
    .select(columns)
    .where('province_id', '=', provinceId)
    .orderBy('effective_from')
    .execute();
}

export async function create(db: Db, ruleSet: NewRuleSet): Promise<RuleSetRow> {
  const row: RuleSetRow = { ...ruleSet, id: newId(), created_at: nowIso() };
  await db.insertInto('rule_sets').values(row).execute();
  return row;
}
