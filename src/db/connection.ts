/**
 * Opens the database named by a path (embedded SQLite) or a postgres:// URL, and brings its
 * schema to the latest migration.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** What was opened, for messages (a URL's password is masked). */
  target: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL schema to use (created when missing); tests use one each. */
  pgSchema?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** application_name of PostgreSQL connections, to find them in pg_stat_activity. */
  applicationName?: string;
}

// pg returns bigint and numeric as strings; our counts and points fit a double exactly.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export async function openDatabase(target: string, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const handle = isPostgresUrl(target) ? await openPostgres(target, options) : openSqlite(target);
  try {
    await migrateToLatest(handle.db, options.pgSchema);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function openSqlite(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', target: path, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; preparing costs more than running the small queries served on
 * every request (session, report fingerprint). Statements are reused by their SQL text, the most
 * recent few hundred kept. Safe because Kysely runs one query at a time on this connection.
 */
function withStatementCache(sqlite: SQLite.Database, size = 300): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Bad schema name: ${schema}`);
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'portal-scorecard',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A server restart kills connections. An idle client's error reaches the pool, which drops it;
  // a checked-out client (between two queries of a transaction) has no listener of its own, so
  // its 'error' event would end the process: its next query fails instead, the transaction rolls
  // back, and the pool drops the client on release. The next query reconnects.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', target: url.replace(/:[^:@/]*@/, ':***@'), close: () => db.destroy() };
}

/**
 * Applies pending migrations. With a PostgreSQL schema, Kysely's bookkeeping tables are looked up
 * in that schema explicitly: its existence check otherwise sees another schema's tables.
 */
export async function migrateToLatest(db: Kysely<Database>, pgSchema?: string): Promise<void> {
  // Nothing is migrated before the migrator's introspection succeeds, so trying again is safe.
  await retryWhenSchemaVanishes(() => migrateOnce(db, pgSchema), pgSchema);
}

/**
 * Kysely's PostgreSQL introspection scans every schema of the database; one dropped by another
 * process at that moment fails the scan with "schema … does not exist". Runs `read` again then
 * (a few times), unless the schema named is our own.
 */
export async function retryWhenSchemaVanishes<T>(read: () => Promise<T>, ownSchema?: string): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      const other = /schema "([^"]+)" does not exist/.exec(String(error))?.[1];
      if (!other || other === ownSchema || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

async function migrateOnce(db: Kysely<Database>, pgSchema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
}

/**
 * Runs `body` in a transaction, or inside the caller's when `db` already is one, so that a service
 * can be composed into a larger unit of work (a change and its audit entry commit together).
 */
export function inTransaction<T>(db: Db, body: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db) : db.transaction().execute(body);
}
