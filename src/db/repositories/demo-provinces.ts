import type { Db } from '../connection.js';

/** Ids of the provinces the demonstration created. */
export async function list(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('demo_provinces').select('province_id').execute();
  return rows.map((r) => r.province_id);
}

export async function mark(db: Db, provinceId: string, now: Date = new Date()): Promise<void> {
  await db.insertInto('demo_provinces').values({ province_id: provinceId, created_at: now.toISOString() }).execute();
}
