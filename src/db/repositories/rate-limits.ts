import type { Db } from '../connection.js';

/**
 * Counts one hit in the key's fixed window and returns the count and the window's end. The
 * window restarts once it has passed. Run inside a transaction so concurrent hits add up.
 */
export async function hit(db: Db, key: string, now: Date, windowMs: number): Promise<{ count: number; resetAt: string }> {
  const current = await db.selectFrom('rate_limits').select(['count', 'reset_at']).where('key', '=', key).executeTakeFirst();
  if (!current || current.reset_at <= now.toISOString()) {
    const resetAt = new Date(now.getTime() + windowMs).toISOString();
    await db
      .insertInto('rate_limits')
      .values({ key, count: 1, reset_at: resetAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ count: 1, reset_at: resetAt }))
      .execute();
    return { count: 1, resetAt };
  }
  await db
    .updateTable('rate_limits')
    .set((eb) => ({ count: eb('count', '+', 1) }))
    .where('key', '=', key)
    .execute();
  return { count: Number(current.count) + 1, resetAt: current.reset_at };
}

export async function reset(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Drops counters whose window has passed, so the table holds only live ones. */
export async function removeExpired(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('reset_at', '<=', now.toISOString()).execute();
}

/** The key's live counter, or null when it has none or its window has passed. */
export async function peek(db: Db, key: string, now: Date): Promise<{ count: number; resetAt: string } | null> {
  const row = await db.selectFrom('rate_limits').select(['count', 'reset_at']).where('key', '=', key).executeTakeFirst();
  if (!row || row.reset_at <= now.toISOString()) return null;
  return { count: Number(row.count), resetAt: row.reset_at };
}

/** Sets the key to hold until `until` (a back-off's end). */
export async function holdUntil(db: Db, key: string, until: string): Promise<void> {
  await db
    .insertInto('rate_limits')
    .values({ key, count: 1, reset_at: until })
    .onConflict((oc) => oc.column('key').doUpdateSet({ count: 1, reset_at: until }))
    .execute();
}
