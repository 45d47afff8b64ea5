import type { Db } from '../connection.js';
import type { GroupCategoryRow, UnitGroupRow } from '../schema.js';
import { newId, nowIso } from '../ids.js';
import { BATCH, chunks } from './batches.js';

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

export interface NewGroup {
  provinceId: string;
  name: string;
  nameKey: string;
  position: number;
  requiredCount: number;
}

/** A new group's row, its id given, not yet stored (see create and insertMany). */
export function newRow(group: NewGroup): UnitGroupRow {
  return {
    id: newId(),
    province_id: group.provinceId,
    name: group.name,
    name_key: group.nameKey,
    position: group.position,
    required_count: group.requiredCount,
    created_at: nowIso(),
  };
}

export async function create(db: Db, group: NewGroup): Promise<UnitGroupRow> {
  const row = newRow(group);
  await db.insertInto('unit_groups').values(row).execute();
  return row;
}

/** Registers groups already given their ids and positions (an import's newcomers). */
export async function insertMany(db: Db, groups: readonly UnitGroupRow[]): Promise<void> {
  for (const chunk of chunks(groups, BATCH)) await db.insertInto('unit_groups').values(chunk).execute();
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

/**
 * Replaces a group's list of required categories (names in order). A category whose name stays
 * keeps its id, so past forms and portal sources still point at it; one dropped from the list is
 * let go by the forms and sources that named it (they keep its name) before it is deleted.
 */
export async function replaceCategories(
  db: Db,
  groupId: string,
  categories: readonly { name: string; nameKey: string }[],
): Promise<GroupCategoryRow[]> {
  const existing = await listCategories(db, [groupId]);
  const byKey = new Map(existing.map((c) => [c.name_key, c]));
  const rows = categories.map((c, i) => ({ id: byKey.get(c.nameKey)?.id ?? newId(), group_id: groupId, name: c.name, name_key: c.nameKey, position: i + 1 }));
  const kept = new Set(rows.map((r) => r.id));
  const dropped = existing.filter((c) => !kept.has(c.id)).map((c) => c.id);
  if (dropped.length > 0) {
    await db.updateTable('evaluation_categories').set({ category_id: null }).where('category_id', 'in', dropped).execute();
    await db.updateTable('portal_sources').set({ category_id: null }).where('category_id', 'in', dropped).execute();
    await db.deleteFrom('group_categories').where('id', 'in', dropped).execute();
  }
  for (const row of rows) {
    if (byKey.has(row.name_key)) await db.updateTable('group_categories').set({ name: row.name, position: row.position }).where('id', '=', row.id).execute();
    else await db.insertInto('group_categories').values(row).execute();
  }
  return rows;
}
