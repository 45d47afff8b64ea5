/**
 * Runs a test body against every database we support: a fresh SQLite file, and a fresh
 * PostgreSQL schema when PostgreSQL is reachable (skipped loudly otherwise).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/db/connection.js';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Set by scripts/run-tests.mjs after probing; when run directly, assume reachable. */
export const PG_AVAILABLE = process.env.PS_TEST_PG !== '0';

export type DbKind = 'sqlite' | 'postgres';

export interface TestDatabase extends DatabaseHandle {
  kind: DbKind;
  /** PostgreSQL: the schema, also the application_name of the test's connections. */
  schema?: string;
  /** What to pass as --db / DATABASE_URL to reach the same database from another process. */
  url: string;
}

export async function openTestDatabase(kind: DbKind): Promise<{ database: TestDatabase; cleanup: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ps-test-'));
    const file = join(dir, 'test.sqlite');
    const handle = await openDatabase(file);
    return {
      database: { ...handle, kind, url: file },
      cleanup: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle = await openDatabase(PG_URL, { pgSchema: schema, poolSize: 5, applicationName: schema });
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    database: { ...handle, kind, url, schema },
    cleanup: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Declares one test per database kind: "title [sqlite]" and "title [postgres]". */
export function dbTest(title: string, body: (db: TestDatabase, t: TestContext) => Promise<void>): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const skip = kind === 'postgres' && !PG_AVAILABLE ? 'PostgreSQL not reachable: SKIPPED' : false;
    test(`${title} [${kind}]`, { skip }, async (t) => {
      const { database, cleanup } = await openTestDatabase(kind);
      try {
        await body(database, t);
      } finally {
        await cleanup();
      }
    });
  }
}
