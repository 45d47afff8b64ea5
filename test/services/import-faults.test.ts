/**
 * The database goes away in the middle of an import (its server connections are killed, as a
 * restart does): the import fails, nothing of it is left, and the next try succeeds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { importPeriodFile } from '../../src/services/import.js';
import { listPeriods } from '../../src/services/periods.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { getPeriodReport } from '../../src/services/report.js';
import { openTestDatabase, PG_AVAILABLE, PG_URL } from '../helpers/db.js';
import { cliActor } from '../../src/services/audit.js';

function bigFile(units: number): Buffer {
  const header = 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm",Điểm trừ,Lý do trừ điểm';
  const rows = Array.from({ length: units }, (_, i) => `"UBND xã, phường",Xã số ${i + 1},22,22,0,0,${i % 97},100,0,`);
  return Buffer.from([header, ...rows].join('\n'));
}

test('PostgreSQL connections killed during an import leave nothing behind', { skip: PG_AVAILABLE ? false : 'PostgreSQL not reachable: SKIPPED' }, async () => {
  const { database, cleanup } = await openTestDatabase('postgres');
  const killer = new pg.Client({ connectionString: PG_URL });
  await killer.connect();
  try {
    const province = await resolveProvince(database.db);
    const content = bigFile(6000);
    let killed = 0;
    // The outcome is taken at once, so that an early failure is not an unhandled rejection.
    const importing = importPeriodFile(database.db, cliActor(province.id), { periodId: '2024-02', content }).then(
      () => 'imported',
      (e: unknown) => e,
    );
    // Kill this test's backends as soon as the import is writing.
    for (let i = 0; i < 400 && killed === 0; i += 1) {
      const result = await killer.query<{ pid: number }>(
        // Only a backend inside a transaction: an idle one may show an earlier insert (the province's).
        `select pid from pg_stat_activity where application_name = $1 and state <> 'idle' and query ilike '%insert into%'`,
        [database.schema],
      );
      for (const { pid } of result.rows) {
        await killer.query('select pg_terminate_backend($1)', [pid]);
        killed += 1;
      }
      if (killed === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const outcome = await importing;
    assert.ok(killed > 0, 'the import finished before its connection could be killed');
    assert.ok(outcome instanceof Error, 'the import should fail when its connection dies');
    assert.deepEqual(await listPeriods(database.db, province.id), []);

    const summary = await importPeriodFile(database.db, cliActor(province.id), { periodId: '2024-02', content });
    assert.equal(summary.units, 6000);
    const report = await getPeriodReport(database.db, province.id, '2024-02');
    assert.equal(report.groups[0]!.units.length, 6000);
  } finally {
    await killer.end();
    await cleanup();
  }
});
