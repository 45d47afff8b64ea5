import type { Kysely } from 'kysely';

// E-mail (issue 14): users' addresses, and the outbox that is also the log of every message.
// Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    // Why the message exists ("reminder:2024-02:<unit>"): with the recipient, it is sent once.
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    // pending | sending | sent | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mail_outbox_reason_recipient', ['province_id', 'reason', 'recipient'])
    .execute();
  await db.schema.createIndex('mail_outbox_status').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
  // How a notice covering several months scores a unit (issue 14, point 4).
  await db.schema
    .alterTable('rule_sets')
    .addColumn('range_score', 'text', (c) => c.notNull().defaultTo('average'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
