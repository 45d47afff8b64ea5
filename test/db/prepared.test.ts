/**
 * The ranking's fingerprint and the queries of a self-assessment save run as named prepared
 * statements on PostgreSQL (planned once per connection), other queries stay unnamed, and a
 * prepared plan survives a change of the tables it reads.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { periodDataStamp } from '../../src/db/repositories/stamps.js';
import { ensurePeriod } from '../../src/services/periods.js';
import { createProvince } from '../../src/services/provinces.js';
import { compiledOnce } from '../../src/db/prepared.js';
import { cliActor, type Actor } from '../../src/services/audit.js';
import { writePeriodEvaluations } from '../../src/services/import.js';
import { listUnits } from '../../src/services/registry.js';
import { openPeriod } from '../../src/services/review.js';
import { saveSelfAssessment } from '../../src/services/self-assessment.js';
import { dbTest, PG_AVAILABLE, PG_URL } from '../helpers/db.js';

const skip = PG_AVAILABLE ? false : 'PostgreSQL not reachable: SKIPPED';

/** A fresh schema with province bn, on one connection (poolSize 1): what it has prepared is what pg_prepared_statements shows. */
async function onOneConnection(run: (db: Db) => Promise<void>): Promise<void> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle = await openDatabase(PG_URL, { pgSchema: schema, poolSize: 1 });
  try {
    await createProvince(handle.db, { id: 'bn', name: 'Bắc Ninh' });
    await run(handle.db);
  } finally {
    await handle.close();
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}

test('the fingerprint is a named statement, planned once; other queries are not; a table change re-plans it', { skip }, () =>
  onOneConnection(async (db) => {
    await ensurePeriod(db, 'bn', '2024-02', 'review');
    const prepared = async () =>
      (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);
    const before = await periodDataStamp(db, 'bn', '2024-02');
    assert.ok(before);
    const first = await prepared();
    assert.equal(first.filter((s) => s.includes('/* prepared */')).length, 1, first.join('\n'));
    assert.ok(!first.some((s) => /insert into/i.test(s)), 'the writes of this setup stay unnamed (only the audit entry of a write is named, see the save below)');
    // Run again: the same one statement, not a second.
    assert.deepEqual(await periodDataStamp(db, 'bn', '2024-02'), before);
    assert.equal((await prepared()).filter((s) => s.includes('/* prepared */')).length, 1);
    // The table it reads changes under the prepared plan: PostgreSQL plans it again, same answer.
    await sql`alter table periods add column probe text`.execute(db);
    assert.deepEqual(await periodDataStamp(db, 'bn', '2024-02'), before);
    await sql`alter table periods drop column probe`.execute(db);
    assert.deepEqual(await periodDataStamp(db, 'bn', '2024-02'), before);
  }),
);

test('a save\'s queries are named statements, planned once per connection, and still run after their tables change', { skip }, () =>
  onOneConnection(async (db) => {
    await writePeriodEvaluations(db, {
      provinceId: 'bn',
      periodId: '2024-02',
      lines: [{ line: 2, group: 'UBND xã, phường', unit: 'Xã Tam Sơn', required: 22, full: 22, partial: 0, none: 0, articles: 5, selfScore: 100, deductions: [] }],
    });
    await openPeriod(db, cliActor('bn'), { id: '2024-03' });
    const [unit] = await listUnits(db, 'bn');
    const editor: Actor = { userId: null, username: 'bien-tap', provinceId: 'bn', role: 'unit-editor', unitId: unit!.id };
    const save = (version: number, articles: number) =>
      saveSelfAssessment(db, editor, '2024-03', unit!.id, { counts: { full: 21, partial: 1, none: 0 }, articles, selfScore: 98, version }, new Date('2024-03-20T09:00:00+07:00'));
    const named = async () =>
      (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows
        .map((r) => r.statement)
        .filter((s) => s.includes('/* prepared */'));

    const setup = new Set(await named());
    assert.equal((await save(1, 7)).version, 2);
    const first = await named();
    const ofSave = first.filter((s) => !setup.has(s));
    // A save of a group known by counts is two statements and no transaction: the read, with the
    // evaluation's parts as JSON arrays and no lock, and the update with its audit entry (a writable
    // CTE), which goes ahead only while the period is as read, and locks it (key share) as it writes.
    assert.equal(ofSave.length, 2, ofSave.join('\n'));
    const read = ofSave.find((s) => /json_agg/.test(s));
    assert.ok(read && !/for share|for update/.test(read), `the read is named and takes no lock:\n${ofSave.join('\n')}`);
    const write = ofSave.find((s) => /update "evaluations"/.test(s));
    assert.ok(write && /insert into "audit_log"/.test(write) && /exists \(select 1 as "still" from "periods"/.test(write) && /for key share/.test(write), `the write is named, guarded and locking:\n${ofSave.join('\n')}`);
    // A second save plans nothing new.
    assert.equal((await save(2, 8)).version, 3);
    assert.deepEqual((await named()).sort(), first.sort());
    // Columns added to the tables the save reads and returns: the statements are planned again, and the
    // save answers as before (a `p.*` here would make PostgreSQL refuse: its result would change).
    await sql`alter table periods add column probe text`.execute(db);
    await sql`alter table evaluations add column probe text`.execute(db);
    const after = await save(3, 9);
    assert.equal(after.version, 4);
    assert.equal(after.articles, 9);
    assert.equal(after.partial, 1);
  }),
);

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
  // Inside transactions (each a new Kysely object) too: compiled once for the database they run on.
  for (let i = 0; i < 2; i += 1) {
    assert.deepEqual(await db.transaction().execute((trx) => statusOf(trx, { provinceId: 'bn', periodId: '2024-02' })), [{ status: 'review' }]);
  }
  assert.equal(builds, 1, 'built once for this database');
  const wrong = compiledOnce(['provinceId', 'unused'], (d, v: { provinceId: string; unused: string }) =>
    d.selectFrom('periods').select('status').where('province_id', '=', v.provinceId),
  );
  await assert.rejects(wrong(db, { provinceId: 'bn', unused: 'x' }), /unused not used by the query/);
});
