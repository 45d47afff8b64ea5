import { sql } from 'kysely';
import type { Db } from '../connection.js';

/**
 * A fingerprint of everything a period's report is computed from, in one cheap query: the period
 * row (status, revision, updated_at, which registry edits touch) and its evaluations' count,
 * newest change and version sum (every evaluation write bumps its version). Equal fingerprints,
 * equal reports, whichever app instance wrote.
 */
export async function periodDataStamp(db: Db, provinceId: string, periodId: string): Promise<{ status: string; stamp: string } | undefined> {
  const row = await db
    .selectFrom('periods as p')
    .select([
      'p.status',
      'p.revision',
      'p.updated_at',
      (eb) =>
        eb
          .selectFrom('evaluations as e')
          .select(sql<string>`count(*) || ':' || coalesce(max(e.updated_at), '') || ':' || coalesce(sum(e.version), 0)`.as('s'))
          .whereRef('e.province_id', '=', 'p.province_id')
          .whereRef('e.period_id', '=', 'p.id')
          .as('evaluations'),
    ])
    .where('p.province_id', '=', provinceId)
    .where('p.id', '=', periodId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { status: row.status, stamp: `${row.status}|${row.revision}|${row.updated_at}|${row.evaluations ?? ''}` };
}

/** Marks every period of a province as changed: registry edits (order, group names) alter reports. */
export async function touchPeriods(db: Db, provinceId: string, now: string): Promise<void> {
  await db.updateTable('periods').set({ updated_at: now }).where('province_id', '=', provinceId).execute();
}
