import type { Db } from '../connection.js';
import type { ProvinceRow } from '../schema.js';
import { nowIso } from '../ids.js';

const columns = ['id', 'name', 'settings', 'created_at'] as const;

export async function get(db: Db, id: string): Promise<ProvinceRow | undefined> {
  return db.selectFrom('provinces').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function list(db: Db): Promise<ProvinceRow[]> {
  return db.selectFrom('provinces').select(columns).orderBy('created_at').orderBy('id').execute();
}

export async function create(db: Db, province: { id: string; name: string; settings: string }): Promise<ProvinceRow> {
  const row = { ...province, created_at: nowIso() };
  await db.insertInto('provinces').values(row).execute();
  return row;
}

export async function update(db: Db, id: string, changes: { name?: string; settings?: string }): Promise<void> {
  await db.updateTable('provinces').set(changes).where('id', '=', id).execute();
}
