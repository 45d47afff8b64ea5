import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { backupDatabase, detectBackupFormat, restoreDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/connection.js';
import { importPeriodFile } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { getPeriodReport } from '../../src/services/report.js';
import { dbTest, openTestDatabase, PG_AVAILABLE, type TestDatabase } from '../helpers/db.js';
import { seedCsv } from '../helpers/seed.js';
import { cliActor } from '../../src/services/audit.js';

const dir = mkdtempSync(join(tmpdir(), 'ps-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function load(db: TestDatabase, period: string, csv = seedCsv()) {
  const province = await resolveProvince(db.db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: period, content: csv });
  return province.id;
}

async function reportsOf(target: string, schema?: string) {
  const handle = await openDatabase(target, schema ? { pgSchema: schema } : {});
  try {
    const province = await resolveProvince(handle.db);
    return await Promise.all(['2024-01', '2024-02'].map((p) => getPeriodReport(handle.db, province.id, p).catch(() => null)));
  } finally {
    await handle.close();
  }
}

/** Whether PostgreSQL's planner has statistics for the evaluations (ANALYZE ran). */
async function hasStatistics(target: string): Promise<boolean> {
  const handle = await openDatabase(target, { pgSchema: schemaOf(target) });
  try {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stats where schemaname = current_schema() and tablename = 'evaluations'`.execute(handle.db);
    return rows[0]!.n > 0;
  } finally {
    await handle.close();
  }
}

/** Drops what the planner knows of the schema's tables, so that only the restore can bring it back. */
async function forgetStatistics(target: string): Promise<void> {
  const handle = await openDatabase(target, { pgSchema: schemaOf(target) });
  try {
    await sql`delete from pg_statistic where starelid in (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema())`.execute(handle.db);
  } finally {
    await handle.close();
  }
}

dbTest('a restored backup gives the same reports', async (db) => {
  await load(db, '2024-01');
  await load(db, '2024-02', Buffer.from(seedCsv().toString('utf8').replace(',160,100,0,', ',7,100,0,')));
  const provinceId = (await resolveProvince(db.db)).id;
  const before = await Promise.all(['2024-01', '2024-02'].map((p) => getPeriodReport(db.db, provinceId, p)));
  await db.close();

  const file = join(dir, `native-${db.kind}.bak`);
  const format = await backupDatabase(db.url, file);
  assert.equal(format, db.kind === 'sqlite' ? 'sqlite' : 'pg_dump');
  assert.equal(detectBackupFormat(file), format);
  const portable = join(dir, `portable-${db.kind}.jsonl`);
  assert.equal(await backupDatabase(db.url, portable, { portable: true }), 'portable');

  // Change the data, then restore each backup and compare.
  const changed = await openDatabase(db.url, db.kind === 'postgres' ? { pgSchema: schemaOf(db.url) } : {});
  await importPeriodFile(changed.db, cliActor(provinceId), { periodId: '2024-02', content: seedCsv() });
  await changed.close();
  assert.notDeepEqual((await reportsOf(db.url, schemaOf(db.url)))[1], before[1]);

  for (const backup of [file, portable]) {
    if (db.kind === 'postgres') await forgetStatistics(db.url);
    await restoreDatabase(db.url, backup);
    assert.deepEqual(await reportsOf(db.url, schemaOf(db.url)), before, `after restoring ${backup}`);
    if (db.kind === 'postgres') assert.ok(await hasStatistics(db.url), `planner statistics gathered after restoring ${backup}`);
  }
});

test('a SQLite backup restores into PostgreSQL and back (portable copy)', { skip: PG_AVAILABLE ? false : 'PostgreSQL not reachable: SKIPPED' }, async () => {
  const sqlite = await openTestDatabase('sqlite');
  const postgres = await openTestDatabase('postgres');
  try {
    await load(sqlite.database, '2024-02');
    const expected = await reportsOf(sqlite.database.url);
    await sqlite.database.close();
    await postgres.database.close();
    const file = join(dir, 'cross.sqlite');
    await backupDatabase(sqlite.database.url, file);
    await restoreDatabase(postgres.database.url, file);
    assert.deepEqual(await reportsOf(postgres.database.url, schemaOf(postgres.database.url)), expected);
    assert.ok(await hasStatistics(postgres.database.url), 'planner statistics gathered after the restore');
  } finally {
    await sqlite.cleanup().catch(() => undefined);
    await postgres.cleanup().catch(() => undefined);
  }
});

test('a file that is not a backup is refused', () => {
  assert.throws(() => detectBackupFormat(new URL('../fixtures/2024-02.csv', import.meta.url).pathname), /không phải là bản sao lưu/);
});

function schemaOf(url: string): string | undefined {
  return /search_path%3D([a-z0-9_]+)/i.exec(url)?.[1] ?? /search_path=([a-z0-9_]+)/.exec(decodeURIComponent(url))?.[1];
}
