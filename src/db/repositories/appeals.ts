import type { Db } from '../connection.js';
import type { AppealRow } from '../schema.js';

const columns = [
  'id',
  'province_id',
  'period_id',
  'unit_id',
  'revision',
  'deduction_position',
  'deduction_points',
  'deduction_reason',
  'reason',
  'evidence',
  'status',
  'submitted_at',
  'submitted_by',
  'decided_at',
  'decided_by',
  'decision',
  'points_after',
  'correction_revision',
] as const;

export async function get(db: Db, provinceId: string, id: string): Promise<AppealRow | undefined> {
  return db.selectFrom('appeals').select(columns).where('province_id', '=', provinceId).where('id', '=', id).executeTakeFirst();
}

export async function list(
  db: Db,
  provinceId: string,
  filter: { periodId?: string; unitId?: string; status?: string } = {},
): Promise<AppealRow[]> {
  return db
    .selectFrom('appeals')
    .select(columns)
    .where('province_id', '=', provinceId)
    .$if(filter.periodId !== undefined, (q) => q.where('period_id', '=', filter.periodId!))
    .$if(filter.unitId !== undefined, (q) => q.where('unit_id', '=', filter.unitId!))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
}

export async function insert(db: Db, row: AppealRow): Promise<void> {
  await db.insertInto('appeals').values(row).execute();
}

/** Records a decision on a pending appeal; false when it was no longer pending. */
export async function decide(
  db: Db,
  id: string,
  decision: Pick<AppealRow, 'status' | 'decided_at' | 'decided_by' | 'decision' | 'points_after' | 'correction_revision'>,
): Promise<boolean> {
  const result = await db.updateTable('appeals').set(decision).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
