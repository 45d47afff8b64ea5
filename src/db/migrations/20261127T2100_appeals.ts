import type { Kysely } from 'kysely';

// Appeals against published deductions (issue 6, point 4).
// Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // The period's revision the appeal was made against, and the deduction as it stood then.
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('deduction_position', 'integer', (c) => c.notNull())
    .addColumn('deduction_points', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('deduction_reason', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // JSON array of links or descriptions of the evidence.
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision', 'text')
    .addColumn('points_after', 'numeric(6, 2)')
    .addColumn('correction_revision', 'integer')
    .addForeignKeyConstraint('appeals_period_fk', ['province_id', 'period_id'], 'periods', ['province_id', 'id'])
    .execute();
  await db.schema.createIndex('appeals_period').on('appeals').columns(['province_id', 'period_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
