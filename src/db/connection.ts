/**
 * Opens the database named by a path (embedded SQLite) or a postgres:// URL, and brings its
 * schema to the latest migration.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import { SchemaScopedPostgresDialect } from './postgres-schema.js';
import { preparingPool } from './prepared.js';
import { SerialisedSqliteDialect } from './sqlite-dialect.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** What was opened, for messages (a URL's password is masked). */
  target: string;
  /** PostgreSQL: the one schema every connection of this handle works in. */
  pgSchema?: string;
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
    await migrateToLatest(handle.db, handle.pgSchema);
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
  const db = new Kysely<Database>({ dialect: new SerialisedSqliteDialect({ database: withStatementCache(sqlite) }) });
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
  // The schema is named by the caller, or by the URL (`options=-c search_path=…`, how tests hand a
  // database to a child process), or is the server's default for this user (usually public).
  const named = options.pgSchema ?? searchPathOf(url);
  if (named !== undefined && !/^[a-z_][a-z0-9_]*$/.test(named)) throw new Error(`Bad schema name: ${named}`);
  const schema = named ?? (await defaultSchema(url));
  if (named) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${named}`);
    } finally {
      await client.end();
    }
  }
  // search_path is a startup parameter of every connection the pool opens, so no query of ours
  // can ever resolve a name in another schema.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'portal-scorecard',
    options: `-c search_path=${schema}`,
  });
  // A server restart kills connections. An idle client's error reaches the pool, which drops it;
  // a checked-out client (between two queries of a transaction) has no listener of its own, so
  // its 'error' event would end the process: its next query fails instead, the transaction rolls
  // back, and the pool drops the client on release. The next query reconnects.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool: preparingPool(pool) }, schema) });
  return { db, dialect: 'postgres', target: url.replace(/:[^:@/]*@/, ':***@'), close: () => db.destroy(), pgSchema: schema };
}

/** The schema a postgres URL selects with `options=-c search_path=…`, if any (its first entry). */
export function searchPathOf(url: string): string | undefined {
  const options = new URL(url).searchParams.get('options') ?? '';
  return /search_path=([a-z_][a-z0-9_]*)/.exec(options)?.[1];
}

async function defaultSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string | null }>('select current_schema() as schema');
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('PostgreSQL: search_path không chỉ tới schema nào tồn tại.');
    return schema;
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations. Kysely's bookkeeping tables live in the same schema as ours and are
 * looked up there explicitly; the dialect's introspection and lock see no other schema.
 */
export async function migrateToLatest(db: Kysely<Database>, pgSchema?: string): Promise<void> {
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

/**
 * Whether `db` (or a transaction on it) talks to PostgreSQL: for the few queries of a save at the
 * deadline written once for each database, where PostgreSQL does in one round trip what SQLite,
 * in process, does in two statements at no cost.
 */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
