import type { Kysely } from 'kysely';

// Scoring rule sets, PAKN records and the days off / working days the government announces (issue 6).
// Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rule_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('scale', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('partial_category_points', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('missing_category_points', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('pakn_overdue_mode', 'text', (c) => c.notNull())
    .addColumn('overdue_answer_points', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('pakn_category', 'text')
    .addColumn('cap_per_unit_month', 'numeric(6, 2)')
    .addColumn('floor', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('crawl_tolerance_percent', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('pakn_working_days', 'integer', (c) => c.notNull())
    .addColumn('appeal_working_days', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rule_sets_effective_unique', ['province_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('pakn_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    // 'file' when the due date came from the imported file, 'computed' when counted in working days.
    .addColumn('due_source', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    // Hash of unit, receipt instant and normalised subject: re-importing a record updates it.
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pakn_records_key_unique', ['province_id', 'record_key'])
    .execute();
  await db.schema.createIndex('pakn_records_due').on('pakn_records').columns(['province_id', 'due_date']).execute();

  await db.schema
    .createTable('days_off')
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('days_off_pk', ['province_id', 'date'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
