import type { Kysely } from 'kysely';

// Provinces created by the demonstration (issue 12): the demo adds its accounts and months only
// to a database whose every province it created itself. Migrations are history: never edit once
// landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demo_provinces')
    .addColumn('province_id', 'text', (c) => c.primaryKey().references('provinces.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
