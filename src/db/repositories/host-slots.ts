import { sql } from 'kysely';
import type { Db } from '../connection.js';

/**
 * Reserves the next request slot of an origin atomically (one statement, so concurrent workers
 * never get the same slot) and returns when the reserved request may start, in epoch ms.
 */
export async function reserve(db: Db, origin: string, delayMs: number, now: number): Promise<number> {
  const delay = Math.max(0, Math.round(delayMs));
  const row = await db
    .insertInto('host_slots')
    .values({ origin, next_at: now + delay })
    .onConflict((oc) =>
      oc.column('origin').doUpdateSet({
        next_at: sql<number>`(case when host_slots.next_at > ${now} then host_slots.next_at else ${now} end) + ${delay}`,
      }),
    )
    .returning('next_at')
    .executeTakeFirstOrThrow();
  return Number(row.next_at) - delay;
}
