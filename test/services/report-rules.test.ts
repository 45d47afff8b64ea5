import assert from 'node:assert/strict';
import { importPeriodFile } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { getPeriodReport } from '../../src/services/report.js';
import { createRuleSet } from '../../src/services/rules.js';
import { dbTest } from '../helpers/db.js';
import { seedCsv } from '../helpers/seed.js';
import { cliActor } from '../../src/services/audit.js';

dbTest('a period is scored with the rule set in force on its last day, and the report says which', async (db) => {
  const province = await resolveProvince(db.db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content: seedCsv() });
  const before = await getPeriodReport(db.db, province.id, '2024-02');
  assert.equal(before.rules.isDefault, true);
  assert.equal(before.groups[1]!.units.find((u) => u.name === 'Huyện Tiên Du')!.score, 98);

  // A rule set that takes effect after the period's last day (22/02) does not apply to it.
  await createRuleSet(db.db, cliActor(province.id), { effectiveFrom: '2024-02-23', note: 'Quyết định số 2/QĐ-BBT', values: { capPerUnitMonth: 0.5 } });
  assert.equal((await getPeriodReport(db.db, province.id, '2024-02')).groups[1]!.units.at(-1)!.score, 98);

  await createRuleSet(db.db, cliActor(province.id), { effectiveFrom: '2024-02-01', note: 'Quyết định số 1/QĐ-BBT', values: { capPerUnitMonth: 1 } });
  const after = await getPeriodReport(db.db, province.id, '2024-02');
  assert.deepEqual([after.rules.note, after.rules.effectiveFrom, after.rules.isDefault], ['Quyết định số 1/QĐ-BBT', '2024-02-01', false]);
  const tienDu = after.groups[1]!.units.find((u) => u.name === 'Huyện Tiên Du')!;
  assert.equal(tienDu.score, 99);
  // Now at 99 points it still ranks below the units at 100, above none.
  assert.equal(tienDu.rank, 8);
});

dbTest('the scale line names a confirmed rule set; the defaults keep the seed wording', async (db) => {
  const { renderTextReport } = await import('../../src/documents/text-report.js');
  const province = await resolveProvince(db.db);
  await importPeriodFile(db.db, cliActor(province.id), { periodId: '2024-02', content: seedCsv() });
  assert.match(renderTextReport(await getPeriodReport(db.db, province.id, '2024-02')), /^Thang điểm: 100 điểm$/m);
  await createRuleSet(db.db, cliActor(province.id), { effectiveFrom: '2024-01-01', note: 'Quyết định số 1/QĐ-BBT', values: {} });
  assert.match(
    renderTextReport(await getPeriodReport(db.db, province.id, '2024-02')),
    /^Thang điểm: 100 điểm \(theo Quyết định số 1\/QĐ-BBT, áp dụng từ 01\/01\/2024\)$/m,
  );
});
