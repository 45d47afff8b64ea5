/**
 * SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE), so what a transaction
 * read cannot be changed by another process before it commits, and another process's writer waits
 * (busy_timeout) instead of failing half-way through a transaction that already read.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { SerialisedSqliteDialect } from '../../src/db/sqlite-dialect.js';
import { AppError } from '../../src/errors.js';
import { openDatabase } from '../../src/db/connection.js';
import * as periodsRepo from '../../src/db/repositories/periods.js';

test('a SQLite transaction holds the write lock from its first statement, a read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-sqlite-tx-'));
  const file = join(dir, 'db.sqlite');
  const handle = await openDatabase(file);
  // Another process's connection, that does not wait for a lock.
  const other = new SQLite(file);
  other.pragma('busy_timeout = 0');
  try {
    const tryWrite = () => {
      try {
        other.exec('begin immediate; rollback');
        return 'written';
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    };
    assert.equal(tryWrite(), 'written', 'nothing holds the lock outside a transaction');
    const inside = await handle.db.transaction().execute(async (trx) => {
      // A row lock compiles to nothing on SQLite; the transaction's lock stands for it.
      await periodsRepo.getLocked(trx, 'no-province', '2024-01', 'exclusive');
      return tryWrite();
    });
    assert.equal(inside, 'SQLITE_BUSY');
    assert.equal(tryWrite(), 'written', 'the lock ends with the transaction');
  } finally {
    other.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a query that waits for the connection a transaction holds ends with "busy" instead of waiting forever', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-sqlite-wait-'));
  const db = new Kysely<Database>({
    dialect: new SerialisedSqliteDialect({ database: new SQLite(join(dir, 'db.sqlite')) }, { connectionWaitMs: 300 }),
  });
  const logged: string[] = [];
  const log = console.error;
  console.error = (message: string) => void logged.push(message);
  try {
    // The mistake this guards against: inside a transaction, a query through the database, not the transaction.
    const outcome = await db.transaction().execute(async (trx) => {
      await sql`select 'held by the transaction'`.execute(trx);
      return sql`select 1`.execute(db).then(
        () => 'answered',
        (error: unknown) => error,
      );
    });
    assert.ok(outcome instanceof AppError, String(outcome));
    assert.equal(outcome.code, 'busy');
    assert.equal(outcome.status, 503);
    assert.match(outcome.message, /Hệ thống đang bận/);
    assert.match(logged.join('\n'), /waited 0\.3 s for the connection; its holder last ran: select 'held by the transaction'/);
    // The connection is free again for what comes next.
    assert.deepEqual((await sql<{ n: number }>`select 2 as n`.execute(db)).rows, [{ n: 2 }]);
  } finally {
    console.error = log;
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
