import type { Kysely } from 'kysely';

// Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('provinces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('unit_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('required_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_groups_name_unique', ['province_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('group_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('unit_groups.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('group_categories_name_unique', ['group_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('unit_groups.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('portal_url', 'text')
    .addColumn('retired_on', 'text')
    .addColumn('merged_into', 'text', (c) => c.references('units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_province_position').on('units').columns(['province_id', 'position']).execute();

  await db.schema
    .createTable('unit_names')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .execute();
  await db.schema.createIndex('unit_names_key').on('unit_names').columns(['province_id', 'name_key']).execute();

  await db.schema
    .createTable('periods')
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notice_number', 'text')
    .addColumn('notice_date', 'text')
    .addColumn('published_at', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('periods_pk', ['province_id', 'id'])
    .execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull())
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('unit_groups.id'))
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('full_count', 'integer', (c) => c.notNull())
    .addColumn('partial_count', 'integer', (c) => c.notNull())
    .addColumn('none_count', 'integer', (c) => c.notNull())
    .addColumn('articles', 'integer', (c) => c.notNull())
    .addColumn('self_score', 'numeric(6, 2)')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('evaluations_period_fk', ['province_id', 'period_id'], 'periods', ['province_id', 'id'])
    .addUniqueConstraint('evaluations_unit_period_unique', ['province_id', 'period_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('evaluations_unit').on('evaluations').column('unit_id').execute();

  await db.schema
    .createTable('evaluation_categories')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('group_categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence_url', 'text')
    .addPrimaryKeyConstraint('evaluation_categories_pk', ['evaluation_id', 'position'])
    .execute();

  await db.schema
    .createTable('deductions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('points', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deductions_evaluation').on('deductions').column('evaluation_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
