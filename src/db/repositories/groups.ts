import type { Db } from '../connection.js';
import type { GroupCategoryRow, UnitGroupRow } from '../schema.js';
import { newId, nowIso } from '../ids.js';

const columns = ['id', 'province_id', 'name', 'name_key', 'position', 'required_count', 'created_at'] as const;

export async function list(db: Db, provinceId: string): Promise<UnitGroupRow[]> {
  return db.selectFrom('unit_groups').select(columns).where('province_id', '=', provinceId).orderBy('position').execute();
}

export async function get(db: Db, provinceId: string, id: string): Promise<UnitGroupRow | undefined> {
  return db
    .selectFrom('unit_groups')
    .select(columns)
    .where('province_id', '=', provinceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function create(
  db: Db,
  group: { provinceId: string; name: string; nameKey: string; position: number; requiredCount: number },
): Promise<UnitGroupRow> {
  const row: UnitGroupRow = {
    id: newId(),
    province_id: group.provinceId,
    name: group.name,
    name_key: group.nameKey,
    position: group.position,
    required_count: group.requiredCount,
    created_at: nowIso(),
  };
  await db.insertInto('unit_groups').values(row).execute();
  return row;
}

export async function update(
  db: Db,
  id: string,
  changes: { name?: string; name_key?: string; position?: number; required_count?: number },
): Promise<void> {
  await db.updateTable('unit_groups').set(changes).where('id', '=', id).execute();
}

export async function listCategories(db: Db, groupIds: readonly string[]): Promise<GroupCategoryRow[]> {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('group_categories')
    .select(['id', 'group_id', 'name', 'name_key', 'position'])
    .where('group_id', 'in', groupIds)
    .orderBy('group_id')
    .orderBy('position')
    .execute();
}

/** Replaces a group's list of required categories (names in order). */
export async function replaceCategories(
  db: Db,
  groupId: string,
  categories: readonly { name: string; nameKey: string }[],
): Promise<GroupCategoryRow[]> {
  await db.deleteFrom('group_categories').where('group_id', '=', groupId).execute();
  const rows = categories.map((c, i) => ({ id: newId(), group_id: groupId, name: c.name, name_key: c.nameKey, position: i + 1 }));
  if (rows.length > 0) await db.insertInto('group_categories').values(rows).execute();
  return rows;
}
