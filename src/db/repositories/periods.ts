import type { Db } from '../connection.js';
import type { PeriodRow } from '../schema.js';
import { nowIso } from '../ids.js';

const columns = [
  'province_id',
  'id',
  'from_date',
  'to_date',
  'status',
  'notice_number',
  'notice_date',
  'published_at',
  'revision',
  'created_at',
  'updated_at',
  'deadline',
] as const;

/** A period's columns by name, for queries that join periods to other tables (never `p.*`, see prepared.ts). */
export { columns as periodColumns };

export async function get(db: Db, provinceId: string, id: string): Promise<PeriodRow | undefined> {
  return db
    .selectFrom('periods')
    .select(columns)
    .where('province_id', '=', provinceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The period with its row locked until the transaction ends: exclusive for a change of the period,
 * shared for a write that only depends on its status (many such writes at once, no change of the
 * period while any is running). Each waits for the conflicting ones before it, then reads the row
 * they left.
 */
export async function getLocked(db: Db, provinceId: string, id: string, mode: 'exclusive' | 'shared'): Promise<PeriodRow | undefined> {
  const query = db.selectFrom('periods').select(columns).where('province_id', '=', provinceId).where('id', '=', id);
  return (mode === 'exclusive' ? query.forUpdate() : query.forShare()).executeTakeFirst();
}

export async function list(db: Db, provinceId: string): Promise<PeriodRow[]> {
  return db.selectFrom('periods').select(columns).where('province_id', '=', provinceId).orderBy('id', 'desc').execute();
}

export async function create(
  db: Db,
  period: { provinceId: string; id: string; from: string; to: string; status: string; deadline?: string | null },
): Promise<PeriodRow> {
  const now = nowIso();
  const row = {
    province_id: period.provinceId,
    id: period.id,
    from_date: period.from,
    to_date: period.to,
    status: period.status,
    notice_number: null,
    notice_date: null,
    published_at: null,
    created_at: now,
    updated_at: now,
    deadline: period.deadline ?? null,
  };
  await db.insertInto('periods').values(row).execute();
  return { ...row, revision: 0 };
}

export async function update(
  db: Db,
  provinceId: string,
  id: string,
  changes: Partial<Pick<PeriodRow, 'status' | 'notice_number' | 'notice_date' | 'published_at' | 'revision' | 'deadline'>>,
): Promise<void> {
  await db
    .updateTable('periods')
    .set({ ...changes, updated_at: nowIso() })
    .where('province_id', '=', provinceId)
    .where('id', '=', id)
    .execute();
}
