import type { Db } from '../connection.js';
import { newId, nowIso } from '../ids.js';
import type { PortalSourceRow } from '../schema.js';

const columns = [
  'id',
  'province_id',
  'unit_id',
  'position',
  'category_name',
  'category_key',
  'category_id',
  'min_posts',
  'source_type',
  'source_url',
  'selectors',
  'created_at',
  'updated_at',
] as const;

export interface NewSource {
  categoryName: string;
  categoryKey: string;
  categoryId: string | null;
  minPosts: number;
  sourceType: string;
  sourceUrl: string;
  selectors: string | null;
}

export async function list(db: Db, provinceId: string, filter: { unitId?: string } = {}): Promise<PortalSourceRow[]> {
  return db
    .selectFrom('portal_sources')
    .select(columns)
    .where('province_id', '=', provinceId)
    .$if(filter.unitId !== undefined, (q) => q.where('unit_id', '=', filter.unitId!))
    .orderBy('unit_id')
    .orderBy('position')
    .execute();
}

/** Replaces a unit's sources with the given list, in order. */
export async function replaceForUnit(db: Db, provinceId: string, unitId: string, sources: readonly NewSource[]): Promise<void> {
  await db.deleteFrom('portal_sources').where('unit_id', '=', unitId).execute();
  if (sources.length === 0) return;
  const now = nowIso();
  await db
    .insertInto('portal_sources')
    .values(
      sources.map((s, i) => ({
        id: newId(),
        province_id: provinceId,
        unit_id: unitId,
        position: i + 1,
        category_name: s.categoryName,
        category_key: s.categoryKey,
        category_id: s.categoryId,
        min_posts: s.minPosts,
        source_type: s.sourceType,
        source_url: s.sourceUrl,
        selectors: s.selectors,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
