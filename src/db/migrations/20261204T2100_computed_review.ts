import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Issue 10: the reviewed score is computed from the evidence, units that did not report are told
// apart, categories are fixed per period, and the rule set carries the values these need.
// Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  // 1 when the unit sent its self-assessment (or the board's file/notice carried its figures);
  // 0 for a draft nobody submitted. Earlier drafts are taken as not reported.
  await db.schema.alterTable('evaluations').addColumn('reported', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await sql`update evaluations set reported = 0 where state = 'draft' and submitted_at is null`.execute(db);
  // JSON of the reviewer's changes to category statuses (with reasons); null when none.
  await db.schema.alterTable('evaluations').addColumn('review_overrides', 'text').execute();
  // JSON array of evidence links for the unit as a whole (groups whose categories are not named).
  await db.schema.alterTable('evaluations').addColumn('evidence_urls', 'text').execute();

  // Points off for a unit that did not report; null: every required category counts as not updated.
  await db.schema.alterTable('rule_sets').addColumn('not_reported_points', 'numeric(6, 2)').execute();
  // 1 when the crawler's measured category statuses count in the computed result.
  await db.schema.alterTable('rule_sets').addColumn('use_crawl_statuses', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Working days from opening a period to the proposed self-assessment deadline.
  await db.schema.alterTable('rule_sets').addColumn('deadline_working_days', 'integer', (c) => c.notNull().defaultTo(5)).execute();

  // The group's named categories as they were when the period opened: the list its editors fill in.
  await db.schema
    .createTable('period_categories')
    .addColumn('province_id', 'text', (c) => c.notNull())
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('unit_groups.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('period_categories_pk', ['province_id', 'period_id', 'group_id', 'position'])
    .addForeignKeyConstraint('period_categories_period_fk', ['province_id', 'period_id'], 'periods', ['province_id', 'id'])
    .execute();
  // Periods already open keep the list they were opened with, as their drafts recorded it.
  await sql`
    insert into period_categories (province_id, period_id, group_id, position, category_id, name, name_key)
    select p.province_id, p.id, gc.group_id, gc.position, gc.id, gc.name, gc.name_key
    from periods p join unit_groups g on g.province_id = p.province_id join group_categories gc on gc.group_id = g.id
    where p.status <> 'published'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
