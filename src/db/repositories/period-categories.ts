/** The named categories each group had when a period opened: the list that period's editors fill in. */
import type { Db } from '../connection.js';
import type { PeriodCategoriesTable } from '../schema.js';

export type PeriodCategoryRow = PeriodCategoriesTable;

const columns = ['province_id', 'period_id', 'group_id', 'position', 'category_id', 'name', 'name_key'] as const;

export async function list(db: Db, provinceId: string, periodId: string, filter: { groupId?: string } = {}): Promise<PeriodCategoryRow[]> {
  return db
    .selectFrom('period_categories')
    .select(columns)
    .where('province_id', '=', provinceId)
    .where('period_id', '=', periodId)
    .$if(filter.groupId !== undefined, (q) => q.where('group_id', '=', filter.groupId!))
    .orderBy('group_id')
    .orderBy('position')
    .execute();
}

/** Replaces one group's list for a period (names in order). */
export async function replaceForGroup(
  db: Db,
  key: { provinceId: string; periodId: string; groupId: string },
  categories: readonly { categoryId: string | null; name: string; nameKey: string }[],
): Promise<void> {
  await db
    .deleteFrom('period_categories')
    .where('province_id', '=', key.provinceId)
    .where('period_id', '=', key.periodId)
    .where('group_id', '=', key.groupId)
    .execute();
  if (categories.length === 0) return;
  await db
    .insertInto('period_categories')
    .values(
      categories.map((c, i) => ({
        province_id: key.provinceId,
        period_id: key.periodId,
        group_id: key.groupId,
        position: i + 1,
        category_id: c.categoryId,
        name: c.name,
        name_key: c.nameKey,
      })),
    )
    .execute();
}
