/**
 * PostgreSQL schemas of concurrent processes stay apart: what one process half-creates, migrates
 * or drops is invisible to another's migrations and introspection.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/connection.js';
import { migrations } from '../../src/db/migrations/index.js';
import { PG_AVAILABLE, PG_URL } from '../helpers/db.js';

const skip = PG_AVAILABLE ? false : 'PostgreSQL not reachable: SKIPPED';

async function admin<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

const schemaName = () => `t_${randomBytes(6).toString('hex')}`;
const urlFor = (schema: string) => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

test('a schema named only by the URL migrates in itself, beside a half-created schema that claims to be migrated', { skip }, async () => {
  const decoy = schemaName();
  const mine = schemaName();
  await admin(async (c) => {
    // Another process's schema caught mid-creation: an evaluations table without its columns,
    // and Kysely's bookkeeping saying every migration ran.
    await c.query(`create schema ${decoy}`);
    await c.query(`create table ${decoy}.evaluations (id text primary key)`);
    await c.query(`create table ${decoy}.kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`);
    await c.query(`create table ${decoy}.kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`);
    for (const name of Object.keys(migrations)) await c.query(`insert into ${decoy}.kysely_migration values ($1, 'x')`, [name]);
  });
  try {
    const handle = await openDatabase(urlFor(mine));
    try {
      assert.equal(handle.pgSchema, mine);
      const tables = await handle.db.introspection.getTables({ withInternalKyselyTables: true });
      assert.ok(tables.length > 10);
      assert.deepEqual([...new Set(tables.map((t) => t.schema))], [mine]);
      const evaluations = tables.find((t) => t.name === 'evaluations');
      assert.ok(evaluations?.columns.some((c) => c.name === 'self_score'));
      const ran = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(handle.db);
      assert.equal(ran.rows[0]?.n, Object.keys(migrations).length);
    } finally {
      await handle.close();
    }
    const decoyRows = await admin((c) => c.query(`select count(*)::int as n from information_schema.tables where table_schema = $1`, [decoy]));
    assert.equal(decoyRows.rows[0].n, 3, 'the other schema is left as it was');
  } finally {
    await admin((c) => c.query(`drop schema if exists ${decoy} cascade; drop schema if exists ${mine} cascade`));
  }
});

test('migrating one schema never waits for another schema’s migration lock', { skip }, async () => {
  const mine = schemaName();
  // Kysely's own lock key is one for the whole database: held by another process's migration,
  // it used to make every test's migration queue behind it.
  const holder = new pg.Client({ connectionString: PG_URL });
  await holder.connect();
  try {
    await holder.query(`select pg_advisory_lock(3853314791062309107)`);
    const handle = await openDatabase(PG_URL, { pgSchema: mine });
    await handle.close();
  } finally {
    await holder.end();
    await admin((c) => c.query(`drop schema if exists ${mine} cascade`));
  }
});

test('schemas created and dropped by other processes during migration and introspection break nothing', { skip }, async () => {
  const mine = Array.from({ length: 3 }, schemaName);
  let churning = true;
  const churn = admin(async (c) => {
    // Another process creating and dropping whole migrated-looking schemas in a tight loop.
    while (churning) {
      const other = schemaName();
      await c.query(`create schema ${other}; create table ${other}.evaluations (id text, self_score numeric); create table ${other}.kysely_migration (name text)`);
      await c.query(`drop schema ${other} cascade`);
    }
  });
  try {
    for (let round = 0; round < 2; round += 1) {
      await Promise.all(
        mine.map(async (schema) => {
          const handle = await openDatabase(PG_URL, { pgSchema: schema, poolSize: 2 });
          try {
            for (let i = 0; i < 5; i += 1) {
              const tables = await handle.db.introspection.getTables();
              assert.ok(tables.every((t) => t.schema === schema));
            }
          } finally {
            await handle.close();
          }
        }),
      );
    }
  } finally {
    churning = false;
    await churn;
    await admin((c) => c.query(mine.map((s) => `drop schema if exists ${s} cascade`).join(';')));
  }
});
