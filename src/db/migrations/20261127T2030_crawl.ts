import type { Kysely } from 'kysely';

// Portal sources per unit and category, and the crawler's runs, results and evidence (issue 5).
// Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category_name', 'text', (c) => c.notNull())
    .addColumn('category_key', 'text', (c) => c.notNull())
    // The group's required category it stands for, when the group lists its categories by name.
    .addColumn('category_id', 'text', (c) => c.references('group_categories.id'))
    .addColumn('min_posts', 'integer', (c) => c.notNull())
    // rss | atom | sitemap | html
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    // JSON of the HTML selectors and preset; null for feeds and sitemaps.
    .addColumn('selectors', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('portal_sources_unit_category_unique', ['unit_id', 'category_key'])
    .execute();

  await db.schema
    .createTable('crawl_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    // Null while the run is going (or when it was interrupted).
    .addColumn('finished_at', 'text')
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('requests', 'integer')
    .execute();
  await db.schema.createIndex('crawl_runs_period').on('crawl_runs').columns(['province_id', 'period_id', 'started_at']).execute();

  await db.schema
    .createTable('crawl_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('crawl_runs.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category_name', 'text', (c) => c.notNull())
    .addColumn('category_key', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('min_posts', 'integer', (c) => c.notNull())
    // full | partial | none | unverified
    .addColumn('status', 'text', (c) => c.notNull())
    // Null when unverified: an unread source has no count.
    .addColumn('posts', 'integer')
    .addColumn('latest_post_at', 'text')
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('error_reason', 'text')
    .addColumn('error_message', 'text')
    .addColumn('error_url', 'text')
    .addColumn('crawled_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('crawl_results_run_unit_category_unique', ['run_id', 'unit_id', 'category_key'])
    .execute();
  await db.schema.createIndex('crawl_results_unit').on('crawl_results').columns(['unit_id', 'run_id']).execute();

  await db.schema
    .createTable('crawl_evidence')
    .addColumn('result_id', 'text', (c) => c.notNull().references('crawl_results.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('date_text', 'text')
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crawl_evidence_pk', ['result_id', 'position'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
