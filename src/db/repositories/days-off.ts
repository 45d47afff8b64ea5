import type { Db } from '../connection.js';
import type { DayOffRow } from '../schema.js';
import { nowIso } from '../ids.js';

const columns = ['province_id', 'date', 'kind', 'note', 'created_at'] as const;

/** Announced days off and working days of a province, optionally within [from, to], by date. */
export async function list(db: Db, provinceId: string, range: { from?: string; to?: string } = {}): Promise<DayOffRow[]> {
  return db
    .selectFrom('days_off')
    .select(columns)
    .where('province_id', '=', provinceId)
    .$if(range.from !== undefined, (q) => q.where('date', '>=', range.from!))
    .$if(range.to !== undefined, (q) => q.where('date', '<=', range.to!))
    .orderBy('date')
    .execute();
}

/** Sets the change announced for a day, replacing any earlier one. */
export async function put(db: Db, change: { provinceId: string; date: string; kind: string; note: string }): Promise<void> {
  await remove(db, change.provinceId, change.date);
  await db
    .insertInto('days_off')
    .values({ province_id: change.provinceId, date: change.date, kind: change.kind, note: change.note, created_at: nowIso() })
    .execute();
}

/** Removes the change announced for a day; true when there was one. */
export async function remove(db: Db, provinceId: string, date: string): Promise<boolean> {
  const result = await db.deleteFrom('days_off').where('province_id', '=', provinceId).where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
