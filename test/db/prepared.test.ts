/**
 * The ranking's fingerprint runs as a named prepared statement on PostgreSQL (planned once per
 * connection), every other query stays unnamed, and a prepared plan survives a change of the
 * tables it reads.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connection.js';
import { periodDataStamp } from '../../src/db/repositories/stamps.js';
import { ensurePeriod } from '../../src/services/periods.js';
import { createProvince } from '../../src/services/provinces.js';
import { compiledOnce } from '../../src/db/prepared.js';
import { dbTest, PG_AVAILABLE, PG_URL } from '../helpers/db.js';

const skip = PG_AVAILABLE ? false : 'PostgreSQL not reachable: SKIPPED';

test('the fingerprint is a named statement, planned once; other queries are not; a table change re-plans it', { skip }, async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle = await openDatabase(PG_URL, { pgSchema: schema, poolSize: 1 });
  try {
    const { db } = handle;
    await createProvince(db, { id: 'bn', name: 'Bắc Ninh' });
    await ensurePeriod(db, 'bn', '2024-02', 'review');
    // One connection (poolSize 1): what it has prepared is what pg_prepared_statements shows.
    const prepared = async () =>
      (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);
    const before = await periodDataStamp(db, 'bn', '2024-02');
    assert.ok(before);
    const first = await prepared();
    assert.equal(first.filter((s) => s.includes('/* prepared */')).length, 1, first.join('\n'));
    assert.ok(!first.some((s) => /insert into/i.test(s)), 'writes stay unnamed');
    // Run again: the same one statement, not a second.
    assert.deepEqual(await periodDataStamp(db, 'bn', '2024-02'), before);
    assert.equal((await prepared()).filter((s) => s.includes('/* prepared */')).length, 1);
    // The table it reads changes under the prepared plan: PostgreSQL plans it again, same answer.
    await sql`alter table periods add column probe text`.execute(db);
    assert.deepEqual(await periodDataStamp(db, 'bn', '2024-02'), before);
    await sql`alter table periods drop column probe`.execute(db);
    assert.deepEqual(await periodDataStamp(db, 'bn', '2024-02'), before);
  } finally {
    await handle.close();
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
});

dbTest('a query compiled once runs with each call\'s values, as parameters; a value it does not use is refused', async ({ db }) => {
  await createProvince(db, { id: 'bn', name: 'Bắc Ninh' });
  await createProvince(db, { id: 'hn', name: 'Hà Nội' });
  await ensurePeriod(db, 'bn', '2024-02', 'review');
  await ensurePeriod(db, 'hn', '2024-03', 'open');
  let builds = 0;
  const statusOf = compiledOnce(['provinceId', 'periodId'], (d, v: { provinceId: string; periodId: string }) => {
    builds += 1;
    return d.selectFrom('periods').select('status').where('province_id', '=', v.provinceId).where('id', '=', v.periodId);
  });
  assert.deepEqual(await statusOf(db, { provinceId: 'bn', periodId: '2024-02' }), [{ status: 'review' }]);
  assert.deepEqual(await statusOf(db, { provinceId: 'hn', periodId: '2024-03' }), [{ status: 'open' }]);
  assert.deepEqual(await statusOf(db, { provinceId: 'hn', periodId: '2024-02' }), []);
  // A value is a parameter, never SQL text.
  assert.deepEqual(await statusOf(db, { provinceId: "bn' or '1'='1", periodId: '2024-02' }), []);
  assert.equal(builds, 1, 'built once for this database');
  const wrong = compiledOnce(['provinceId', 'unused'], (d, v: { provinceId: string; unused: string }) =>
    d.selectFrom('periods').select('status').where('province_id', '=', v.provinceId),
  );
  await assert.rejects(wrong(db, { provinceId: 'bn', unused: 'x' }), /unused not used by the query/);
});
