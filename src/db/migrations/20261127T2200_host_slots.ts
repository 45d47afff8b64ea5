import type { Kysely } from 'kysely';

// Per-origin request slots shared by distributed crawl workers (issue 7): politeness held across
// processes. Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('host_slots')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    // Epoch milliseconds from which the next request to this origin may start.
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
