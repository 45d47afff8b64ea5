import { type Kysely, sql } from 'kysely';

// Usernames unique within a province, no longer across provinces: one province's administrator
// could otherwise learn another province's usernames from "already taken". Sign-in looks the name
// up in every province (see the login service), so the plain key keeps an index of its own.
// Migrations are history: never edit once landed, import no app code.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    // The column's UNIQUE was named by PostgreSQL's rule: <table>_<column>_key.
    await sql`alter table users drop constraint users_username_key_key`.execute(db);
  } else {
    await rebuildSqliteUsers(db);
  }
  await db.schema.createIndex('users_province_username').on('users').columns(['province_id', 'username_key']).unique().execute();
  await db.schema.createIndex('users_username').on('users').column('username_key').execute();
}

/** A query only PostgreSQL answers; SQLite runs migrations outside a transaction, so its failure costs nothing. */
async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select 1 from pg_catalog.pg_class limit 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * SQLite cannot drop a column's UNIQUE: the table is rebuilt without it (SQLite's documented
 * procedure: new table, copy, drop, rename, with foreign keys off so sessions keep their users).
 */
async function rebuildSqliteUsers(db: Kysely<unknown>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.schema
      .createTable('users_rebuilt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('username_key', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.references('units.id'))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .execute();
    await sql`
      insert into users_rebuilt (id, province_id, username, username_key, display_name, password_hash, role, unit_id, active, created_at, updated_at, email)
      select id, province_id, username, username_key, display_name, password_hash, role, unit_id, active, created_at, updated_at, email from users`.execute(db);
    await db.schema.dropTable('users').execute();
    await db.schema.alterTable('users_rebuilt').renameTo('users').execute();
    await db.schema.createIndex('users_province').on('users').column('province_id').execute();
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
