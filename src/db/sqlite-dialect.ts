/**
 * The embedded SQLite dialect, with writers serialised the way PostgreSQL's row locks serialise
 * them. Kysely opens SQLite transactions with a deferred BEGIN: a transaction that reads and then
 * writes takes the write lock only at its first write, and in WAL mode another process (the command
 * line beside the server) may have written in between, so the upgrade fails with SQLITE_BUSY instead
 * of waiting. BEGIN IMMEDIATE takes the write lock at once, waiting up to busy_timeout, so whatever a
 * transaction reads stays true until it commits. That makes the whole database locked for a
 * transaction's duration, which is what PostgreSQL's `SELECT … FOR UPDATE` gives per row: a row-lock
 * clause therefore compiles to nothing here (SQLite has no such syntax).
 */
import {
  type CompiledQuery as Compiled,
  type DatabaseConnection,
  type QueryResult,
  type Driver,
  type QueryCompiler,
  type SelectModifierNode,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  SqliteQueryCompiler,
  CompiledQuery,
} from 'kysely';
import { errors } from '../errors.js';

const ROW_LOCKS = new Set(['ForUpdate', 'ForNoKeyUpdate', 'ForShare', 'ForKeyShare', 'NoWait', 'SkipLocked']);

/**
 * How long a query waits for the one connection. A transaction that itself waits on a query outside
 * it (through the database instead of its transaction) would otherwise wait forever, and every
 * request with it: the wait ends with a "busy" error (503) and the log names the statement the
 * holder ran last. Longer than any write of a month (an import of 50,000 rows takes seconds).
 */
export const CONNECTION_WAIT_MS = 60_000;

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #waitMs: number;

  constructor(config: SqliteDialectConfig, waitMs: number) {
    super(config);
    this.#waitMs = waitMs;
  }

  /** The statement the connection's holder ran last, for the message when a wait runs out. */
  #lastSql = '';

  override async acquireConnection(): Promise<DatabaseConnection> {
    const acquiring = super.acquireConnection();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.#waitMs);
    });
    try {
      const connection = await Promise.race([acquiring, waited]);
      clearTimeout(timer);
      return this.#remembering(connection);
    } catch {
      // The lock still comes one day: hand it straight back, so the next caller is not stuck behind us.
      void acquiring.then(() => this.releaseConnection());
      console.error(`SQLite: waited ${this.#waitMs / 1000} s for the connection; its holder last ran: ${this.#lastSql.slice(0, 300)}`);
      throw errors.busy();
    }
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  #remembering(connection: DatabaseConnection): DatabaseConnection {
    return {
      executeQuery: <R>(query: Compiled): Promise<QueryResult<R>> => {
        this.#lastSql = query.sql;
        return connection.executeQuery<R>(query);
      },
      streamQuery: <R>(query: Compiled, chunkSize?: number) => {
        this.#lastSql = query.sql;
        return connection.streamQuery<R>(query, chunkSize);
      },
    };
  }
}

class RowLockFreeCompiler extends SqliteQueryCompiler {
  protected override visitSelectModifier(node: SelectModifierNode): void {
    if (node.modifier !== undefined && ROW_LOCKS.has(node.modifier)) return;
    super.visitSelectModifier(node);
  }
}

export class SerialisedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #waitMs: number;

  constructor(config: SqliteDialectConfig, { connectionWaitMs = CONNECTION_WAIT_MS }: { connectionWaitMs?: number } = {}) {
    super(config);
    this.#config = config;
    this.#waitMs = connectionWaitMs;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#waitMs);
  }

  override createQueryCompiler(): QueryCompiler {
    return new RowLockFreeCompiler();
  }
}
