import type { Kysely } from 'kysely';

// Issue 11: whether each category's count is exact or a lower bound, why, and whether its page only
// repeats other categories' posts. Rows from before carry complete = 0: their counts were never
// shown to be exact. Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crawl_results').addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('crawl_results').addColumn('complete_basis', 'text').execute();
  await db.schema.alterTable('crawl_results').addColumn('listed', 'integer').execute();
  await db.schema.alterTable('crawl_results').addColumn('listed_total', 'integer').execute();
  await db.schema.alterTable('crawl_results').addColumn('pagers', 'text').execute();
  await db.schema.alterTable('crawl_results').addColumn('only_other_categories', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
